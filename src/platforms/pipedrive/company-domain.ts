/**
 * The company domain the owner types in settings: `acme`, `acme.pipedrive.com` or the address bar's
 * `https://acme.pipedrive.com/pipeline/1` all mean `acme`. Anything else is refused rather than
 * put into a URL, where it could point the API token at another host.
 */

const DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The bare company domain, or null when the text is not one. */
export function normalizeCompanyDomain(input: string): string | null {
	let text = input.trim().toLowerCase();
	text = text.replace(/^https?:\/\//, "");
	text = text.replace(/[/?#].*$/, "");
	text = text.replace(/\.pipedrive\.com$/, "");
	return DOMAIN.test(text) ? text : null;
}

export function companyOrigin(domain: string): string {
	return `https://${domain}.pipedrive.com`;
}

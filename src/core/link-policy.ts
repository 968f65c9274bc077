/**
 * Which links from a platform may become clickable links in the sheet. A link a platform sends (a
 * courier's label, a CRM's deal page) is untrusted text: `javascript:` or a look-alike
 * host would turn the Orders sheet into a phishing page. Only `https` links to the platform's own
 * hosts (or the exact origin the owner configured: an event receiver, a sandbox) become links;
 * anything else is written as text and reported as a finding.
 *
 * Pure string work: Apps Script has no `URL` class.
 */

/**
 * An allowed origin: `https://*.crm.example` (the domain and every subdomain, https only) or an
 * exact origin such as `https://hooks.example.com` or `http://127.0.0.1:4001` (scheme, host and
 * port exactly, for an address the owner configured).
 */
export type TrustedOrigin = string;

interface ParsedOrigin {
	scheme: string;
	host: string;
	port: string;
}

/** Where a label saved to the owner's Drive opens (the Label cell's link once saved). */
export const DRIVE_ORIGINS: readonly TrustedOrigin[] = ["https://drive.google.com"];

/** Where the Mail cell's link opens: the owner's own mailbox search, nothing else. */
export const MAIL_ORIGINS: readonly TrustedOrigin[] = ["https://mail.google.com"];

/** The trusted origins of the connected CRM and courier ([] when none is connected: no links). */
export interface LinkOrigins {
	crm: readonly TrustedOrigin[];
	courier: readonly TrustedOrigin[];
}

/** Scheme, host and port of an absolute http(s) URL; null for anything else or anything odd. */
export function parseOrigin(url: string): ParsedOrigin | null {
	// Whitespace or control characters anywhere: browsers strip some of them and would read another URL.
	for (let i = 0; i < url.length; i++) {
		const code = url.charCodeAt(i);
		if (code <= 0x20 || code === 0x7f || url[i] === "\\" || /\s/.test(url[i] as string)) return null;
	}
	const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([/?#].*)?$/.exec(url);
	if (!match) return null;
	const scheme = (match[1] ?? "").toLowerCase();
	const authority = match[2] ?? "";
	// user:password@ in a link is a classic disguise (https://shop.example@evil.example/).
	if (authority.includes("@")) return null;
	const hostPort = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/.exec(authority);
	if (!hostPort) return null;
	const host = (hostPort[1] ?? "").toLowerCase().replace(/\.$/, "");
	if (host === "") return null;
	return { scheme, host, port: hostPort[2] ?? "" };
}

/** The exact origin of a configured base URL, e.g. `http://127.0.0.1:4001`; null when it is not one. */
export function originOf(url: string): TrustedOrigin | null {
	const parsed = parseOrigin(url.trim());
	if (!parsed || (parsed.scheme !== "https" && parsed.scheme !== "http")) return null;
	return `${parsed.scheme}://${parsed.host}${parsed.port ? `:${parsed.port}` : ""}`;
}

/** Whether `url` may be written as a link, given the platform's trusted origins. */
export function isTrustedLink(url: string, trusted: readonly TrustedOrigin[]): boolean {
	const link = parseOrigin(url);
	if (!link) return false;
	return trusted.some((origin) => {
		const wildcard = /^https:\/\/\*\.([a-z0-9.-]+)$/.exec(origin);
		if (wildcard) {
			const domain = wildcard[1] as string;
			return (
				link.scheme === "https" &&
				(link.port === "" || link.port === "443") &&
				(link.host === domain || link.host.endsWith(`.${domain}`))
			);
		}
		const exact = parseOrigin(origin);
		if (!exact) return false;
		const defaultPort = (scheme: string) => (scheme === "https" ? "443" : scheme === "http" ? "80" : "");
		return (
			(exact.scheme === "https" || exact.scheme === "http") &&
			link.scheme === exact.scheme &&
			link.host === exact.host &&
			(link.port || defaultPort(link.scheme)) === (exact.port || defaultPort(exact.scheme))
		);
	});
}

/** Trusted origins of the configured base URLs plus fixed patterns, without duplicates. */
export function trustedOrigins(patterns: readonly TrustedOrigin[], configured: readonly string[]): TrustedOrigin[] {
	const origins = configured.map(originOf).filter((origin): origin is string => origin !== null);
	return [...new Set([...patterns, ...origins])];
}

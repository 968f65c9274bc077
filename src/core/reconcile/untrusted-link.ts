/**
 * A platform gave a link Hubsheet would not make clickable (link-policy.ts): not https, or not the
 * platform's own host (`javascript:`, a look-alike phishing host, a receiver's deal URL elsewhere).
 * The cell shows the text without the link; this says why, and where to open the thing instead.
 */
import type { Finding } from "../findings.js";
import { isTrustedLink } from "../link-policy.js";
import type { Rule } from "./order-snapshot.js";
import { clip } from "./wording.js";

export const untrustedLink: Rule = (snapshot, context) => {
	const origins = context.linkOrigins;
	if (!origins) return [];
	const links: Array<{ platform: string; what: string; url: string | null | undefined; trusted: readonly string[] }> =
		[];
	if (snapshot.deal && context.crm) {
		links.push({ platform: context.crm, what: "deal", url: snapshot.deal.url, trusted: origins.crm });
	}
	if (snapshot.shipment && context.courier) {
		const { shipment } = snapshot;
		links.push({ platform: context.courier, what: "shipment", url: shipment.url, trusted: origins.courier });
		links.push({ platform: context.courier, what: "tracking", url: shipment.trackingUrl, trusted: origins.courier });
		links.push({ platform: context.courier, what: "label", url: shipment.labelUrl, trusted: origins.courier });
	}
	const refused = links.filter((link) => link.url && !isTrustedLink(link.url, link.trusted));
	if (refused.length === 0) return [];
	const names = refused.map((link) => `${link.platform} ${link.what}`).join(", ");
	const finding: Finding = {
		orderId: snapshot.orderId,
		kind: "untrusted-link",
		severity: "warning",
		message:
			`The ${names} link points somewhere Hubsheet does not trust (not https, or not ${refused[0]?.platform}'s own address), ` +
			`so the cell shows plain text instead of a link. Open it from ${refused[0]?.platform}'s own site, and tell ${refused[0]?.platform} if the address looks wrong.`,
		summary: `untrusted ${refused.map((link) => link.what).join(", ")} link`,
		values: {},
		details: refused.map((link) => `${link.platform} ${link.what}: ${clip(String(link.url), 200)}`).join("\n"),
	};
	return [finding];
};

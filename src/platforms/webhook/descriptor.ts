/** A webhook as Hubsheet lists it: the "CRM" of a shop that lets Zapier, Make or its own endpoint keep deals. */
import type { CrmDescriptor } from "../http/descriptor.js";
import { WebhookConnector } from "./connector.js";
import { weakSecretReason } from "./secret-strength.js";

/** A webhook must be https; plain http only to this computer, for the local sandboxes. */
export function webhookUrlProblem(url: string): string | null {
	if (/^https:\/\/[^\s/?#:@]+(:\d{1,5})?([/?#]\S*)?$/i.test(url)) return null;
	if (/^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?([/?#]\S*)?$/i.test(url)) return null;
	return "The webhook URL must start with https:// (Zapier, Make and your own endpoint all give one).";
}

export const webhook: CrmDescriptor = {
	name: "Webhook",
	called: "The webhook",
	id: "webhook",
	kind: "crm",
	secrets: {
		url: { label: "webhook URL", short: "URL", field: "URL (https)", check: webhookUrlProblem },
		signingSecret: {
			label: "webhook signing secret",
			short: "signing secret",
			field: "Signing secret (hard to guess: use Generate)",
			check: weakSecretReason,
			generate: true,
		},
	},
	offered: "Webhook (Zapier, Make or your own endpoint)",
	guide: {
		text: "Generate shows a random secret once: copy it to your receiver before saving. Receivers should refuse events older than 5 minutes (README).",
	},
	dealWords: "the webhook's order event",
	settings: [],
	// The receiver de-duplicates by event id; a resend is harmless.
	searchLagMs: 0,
	create: (context) =>
		new WebhookConnector({
			http: context.http,
			clock: context.clock,
			log: context.log,
			crypto: context.crypto,
			url: context.secrets.url ?? "",
			signingSecret: context.secrets.signingSecret ?? "",
		}),
	probe: () => ({
		skipped: "Saved. A webhook is not tested (that would send it an event); the next sync sends the first.",
	}),
};

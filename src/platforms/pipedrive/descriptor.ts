/** Pipedrive as Hubsheet lists it: a CRM reached with a personal API token and the company's address. */
import type { CrmDescriptor } from "../http/descriptor.js";
import { PipedriveConnector } from "./connector.js";

export const pipedrive: CrmDescriptor = {
	name: "Pipedrive",
	id: "pipedrive",
	kind: "crm",
	secrets: {
		apiToken: {
			label: "Pipedrive API token",
			short: "API token",
			field: "API token",
			check: (value) =>
				/^[A-Za-z0-9]{32,64}$/.test(value)
					? null
					: "The Pipedrive API token should be letters and digits (40 of them), as Personal preferences > API shows it.",
		},
	},
	settings: [
		{
			key: "pipedriveCompany",
			label: "Pipedrive company",
			short: "company",
			field: "Company",
			about: "The first part of your Pipedrive address: acme for acme.pipedrive.com.",
			required: true,
			normalize(value) {
				const company = value.replace(/^https?:\/\//i, "").replace(/\.pipedrive\.com\/?.*$/i, "");
				if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/.test(company))
					throw new Error(
						'The Pipedrive company should be the first part of your Pipedrive address: "acme" for acme.pipedrive.com.',
					);
				return company.toLowerCase();
			},
		},
	],
	whereToFind: "in Pipedrive, your name (top right) > Personal preferences > API",
	guide: {
		text: "In Pipedrive: your name (top right) > Personal preferences > API.",
		link: { href: "https://pipedrive.readme.io/docs/how-to-find-the-api-token", text: "How to find it" },
	},
	searchLagMs: 60_000,
	// Tokens by the v2 spec's x-token-cost (rate-limit.ts): a deal made is a person search (20), the
	// person (5) and the deal (5); a stage move 5; a page of changed deals 10. The reserve matches
	// the connector's own for optional reads.
	dailyBudget: { reserve: 500, create: 30, move: 5, read: 10 },
	lowQuotaWarning: (left) =>
		`Only ${left} of Pipedrive's API tokens are left today: new deals and stage moves go first, and the rest waits until Pipedrive renews them at midnight.`,
	create: (context) =>
		new PipedriveConnector({
			http: context.http,
			clock: context.clock,
			log: context.log,
			store: context.store,
			apiToken: context.secrets.apiToken ?? "",
			companyDomain: context.settings.pipedriveCompany ?? "",
			...(context.apiBaseUrl ? { apiOrigin: context.apiBaseUrl } : {}),
		}),
	// Reading the pipeline's stages: one request, and it needs a token the CRM accepts.
	probe(connector) {
		connector.unknownStages(["Hubsheet connection test"]);
		return {};
	},
};

/**
 * A small furniture shop's HubSpot portal as it stands before and after Hubsheet's set-up: the
 * standard "Sales Pipeline" (id `default`) whose stages the owner relabelled to their workflow (the
 * ids stay HubSpot's, e.g. `appointmentscheduled` is now "New"; a stage they added has a numeric id),
 * a second pipeline for wholesale that also has a "New" stage, and HubSpot's own deal and contact
 * properties.
 */
import type { PipelineDef, PipelineSpec, PropertyDef, StageDef } from "./types.js";

export const DEFAULT_PORTAL_ID = "146512389";
/** Shaped like a private app token (`pat-<region>-<uuid>`); the sandbox's, not a secret anywhere. */
export const DEFAULT_ACCESS_TOKEN = "pat-eu1-5b0c3f1e-8d2a-4c6b-9e7f-0a1b2c3d4e5f";
export const ORDER_ID_PROPERTY = "hubsheet_order_id";

export const ALL_SCOPES = [
	"crm.objects.deals.read",
	"crm.objects.deals.write",
	"crm.schemas.deals.read",
	"crm.schemas.deals.write",
	"crm.objects.contacts.read",
	"crm.objects.contacts.write",
	"crm.schemas.contacts.read",
	"crm.schemas.contacts.write",
	"settings.currencies.read",
] as const;

export const DEFAULT_PIPELINES: PipelineSpec[] = [
	{
		id: "default",
		label: "Sales Pipeline",
		stages: [
			{ id: "appointmentscheduled", label: "New", probability: 0.1 },
			{ id: "qualifiedtobuy", label: "Design", probability: 0.2 },
			{ id: "presentationscheduled", label: "Production", probability: 0.4 },
			{ id: "decisionmakerboughtin", label: "Ready to ship", probability: 0.6 },
			{ id: "contractsent", label: "Shipped", probability: 0.8 },
			{ id: "closedwon", label: "Delivered", isClosed: true, probability: 1 },
			{ id: "1043528711", label: "On hold", probability: 0.3 },
			{ id: "closedlost", label: "Cancelled", isClosed: true, probability: 0 },
		],
	},
	{
		id: "1043528700",
		label: "Wholesale",
		stages: [
			{ id: "1043528701", label: "New", probability: 0.1 },
			{ id: "1043528702", label: "Quote sent", probability: 0.5 },
			{ id: "1043528703", label: "Won", isClosed: true, probability: 1 },
			{ id: "1043528704", label: "Lost", isClosed: true, probability: 0 },
		],
	},
];

export function buildPipelines(specs: readonly PipelineSpec[], nowMs: number, nextId: () => string): PipelineDef[] {
	return specs.map((spec, pipelineIndex) => ({
		id: spec.id,
		label: spec.label,
		displayOrder: pipelineIndex,
		archived: false,
		createdAt: nowMs,
		updatedAt: nowMs,
		stages: spec.stages.map((stage, index): StageDef => {
			const detail = typeof stage === "string" ? { label: stage } : stage;
			return {
				id: detail.id ?? nextId(),
				label: detail.label,
				displayOrder: index,
				isClosed: detail.isClosed ?? false,
				probability: detail.probability ?? (detail.isClosed ? 1 : 0.5),
				archived: false,
				createdAt: nowMs,
				updatedAt: nowMs,
			};
		}),
	}));
}

function builtIn(
	name: string,
	label: string,
	type: string,
	fieldType: string,
	options: { readOnly?: boolean; group?: string } = {},
): PropertyDef {
	return {
		name,
		label,
		type,
		fieldType,
		groupName: options.group ?? "dealinformation",
		description: "",
		hasUniqueValue: false,
		hubspotDefined: true,
		readOnlyValue: options.readOnly === true,
		createdAt: 0,
		updatedAt: 0,
	};
}

export function dealProperties(): PropertyDef[] {
	return [
		builtIn("dealname", "Deal Name", "string", "text"),
		builtIn("amount", "Amount", "number", "number"),
		builtIn("pipeline", "Pipeline", "enumeration", "select"),
		builtIn("dealstage", "Deal Stage", "enumeration", "radio"),
		builtIn("closedate", "Close Date", "datetime", "date"),
		builtIn("deal_currency_code", "Currency", "enumeration", "select"),
		builtIn("description", "Deal Description", "string", "textarea"),
		builtIn("hubspot_owner_id", "Deal owner", "enumeration", "select"),
		builtIn("createdate", "Create Date", "datetime", "date", { readOnly: true }),
		builtIn("hs_lastmodifieddate", "Last Modified Date", "datetime", "date", { readOnly: true }),
		builtIn("hs_object_id", "Record ID", "number", "number", { readOnly: true }),
	];
}

export function contactProperties(): PropertyDef[] {
	const group = { group: "contactinformation" };
	return [
		builtIn("email", "Email", "string", "text", group),
		builtIn("firstname", "First Name", "string", "text", group),
		builtIn("lastname", "Last Name", "string", "text", group),
		builtIn("phone", "Phone Number", "string", "phonenumber", group),
		builtIn("company", "Company Name", "string", "text", group),
		builtIn("createdate", "Create Date", "datetime", "date", { readOnly: true, ...group }),
		builtIn("lastmodifieddate", "Last Modified Date", "datetime", "date", { readOnly: true, ...group }),
		builtIn("hs_object_id", "Record ID", "number", "number", { readOnly: true, ...group }),
	];
}

export function orderIdPropertyDef(name: string, unique: boolean, nowMs: number): PropertyDef {
	return {
		name,
		label: "Etsy order id (Hubsheet)",
		type: "string",
		fieldType: "text",
		groupName: "dealinformation",
		description: "The Etsy order this deal was made for.",
		hasUniqueValue: unique,
		hubspotDefined: false,
		readOnlyValue: false,
		createdAt: nowMs,
		updatedAt: nowMs,
	};
}

export const BUYERS: ReadonlyArray<readonly [string, string]> = [
	["Anna Kowalska", "anna.kowalska@example.pl"],
	["Jan Nowak", "jan.nowak@example.pl"],
	["Lena Schmidt", "lena.schmidt@example.de"],
	["Émile Laurent", "emile.laurent@example.fr"],
	["Oliver Smith", "oliver.smith@example.co.uk"],
	["Emily Johnson", "emily.j@example.com"],
	["佐藤 花子", "hanako.sato@example.jp"],
	["Zofia Wiśniewska", "zofia.w@example.pl"],
];

export const MANUAL_DEALS: ReadonlyArray<readonly [string, number]> = [
	["Biurka dla biura Kowalski & Syn (hurt)", 18_400],
	["Krzesła ergonomiczne – coworking Mokotów", 9_600],
	["Showroom sample desk (walnut)", 2_150],
	["Podnóżki dla szkoły – zapytanie", 1_300],
];

/**
 * Creating the deal for an order: checked before anything is sent (an order id, a number, a currency
 * code), the order field and stage resolved, the buyer found or created, then one `POST /deals`. A
 * create that may have happened (5xx, timeout, an unreadable yes) is never sent again blind: the deal
 * is looked up first, and only a deal not found leaves the failure standing (with `mayHaveApplied`,
 * so the engine looks again on the next run before creating).
 */
import { type CrmDeal, type NewDeal, PlatformError } from "../../core/connector-contracts.js";
import type { HttpResponse, Log } from "../../ports.js";
import { noteRetry } from "../http/retry-tally.js";
import type { PipedriveClient } from "./client.js";
import type { DealLookup } from "./deal-lookup.js";
import { pipedriveError } from "./errors.js";
import type { OrderField } from "./order-field.js";
import type { PipedrivePersons } from "./persons.js";
import type { PipedriveOperation } from "./rate-limit.js";
import type { RecentCreations } from "./recent-creations.js";
import { dealSchema, itemEnvelopeSchema, type PipedriveDeal } from "./schemas.js";
import type { PipedriveStages } from "./stages.js";

/** What a create needs of the connector's per-execution parts. */
export interface DealCreateParts {
	client: PipedriveClient;
	field: OrderField;
	stages: PipedriveStages;
	persons: PipedrivePersons;
	deals: DealLookup;
	recent: RecentCreations;
	log?: Log;
	toCrmDeal(deal: PipedriveDeal, orderId: string | null): CrmDeal;
}

export function createPipedriveDeal(parts: DealCreateParts, deal: NewDeal): CrmDeal {
	const orderId = checkOrderId(deal.orderId, "addDeal");
	if (!Number.isFinite(deal.value)) {
		throw pipedriveError("addDeal", "rejected", `Pipedrive addDeal: the value of order ${orderId} is not a number`);
	}
	const currency = deal.currency.trim().toUpperCase();
	if (!/^[A-Z]{3}$/.test(currency)) {
		throw pipedriveError(
			"addDeal",
			"rejected",
			`Pipedrive addDeal: "${deal.currency.slice(0, 20)}" is not a currency code (e.g. PLN)`,
		);
	}
	const { client } = parts;
	const key = parts.field.key();
	const stage = parts.stages.stageFor(deal.stageName, "addDeal");
	const personId = parts.persons.findOrCreate(deal.person, orderId);
	const body = {
		title: deal.title,
		value: deal.value,
		currency,
		stage_id: stage.id,
		...(personId !== null ? { person_id: personId } : {}),
		custom_fields: { [key]: orderId },
	};
	let response: HttpResponse;
	try {
		response = client.call({ operation: "addDeal", method: "post", path: "/api/v2/deals", body, idempotent: false });
	} catch (error) {
		if (error instanceof PlatformError && error.options.mayHaveApplied) return recoverDeal(parts, orderId, error);
		throw error;
	}
	client.expectOk("addDeal", response);
	let created: PipedriveDeal;
	try {
		created = client.shape("addDeal", client.parse("addDeal", response, itemEnvelopeSchema).data, dealSchema, ["data"]);
	} catch (error) {
		if (!(error instanceof PlatformError)) throw error;
		// Pipedrive said yes: the deal exists even though its answer cannot be read.
		return recoverDeal(
			parts,
			orderId,
			pipedriveError("addDeal", error.kind, error.message, { ...error.options, mayHaveApplied: true }),
		);
	}
	parts.recent.remember("deals", orderId, String(created.id));
	return parts.toCrmDeal(created, orderId);
}

/** Looks the deal up after a create that may have happened: found, it is the result; not, `cause` stands. */
function recoverDeal(parts: DealCreateParts, orderId: string, cause: PlatformError): CrmDeal {
	parts.log?.warn(`${cause.message}; looking for the deal of order ${orderId} before anything is sent again`);
	noteRetry("Pipedrive", "create unsure, looked up");
	let found: PipedriveDeal | null = null;
	try {
		found = parts.deals.find(orderId);
	} catch (error) {
		if (!(error instanceof PlatformError)) throw error;
		parts.log?.warn(`Pipedrive: looking for the deal of order ${orderId} failed too: ${error.message}`);
	}
	if (found) {
		parts.recent.remember("deals", orderId, String(found.id));
		return parts.toCrmDeal(found, orderId);
	}
	throw cause.options.mayHaveApplied
		? cause
		: new PlatformError("Pipedrive", cause.endpoint, cause.kind, cause.message, {
				...cause.options,
				mayHaveApplied: true,
			});
}

/** The order id, trimmed; refused when empty or longer than a text field holds. */
export function checkOrderId(orderId: string, operation: PipedriveOperation): string {
	const text = orderId.trim();
	if (text === "" || text.length > 255) {
		throw pipedriveError(operation, "rejected", `Pipedrive ${operation}: "${text.slice(0, 40)}" is not an order id`);
	}
	return text;
}

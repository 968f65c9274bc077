/**
 * The InPost ShipX courier connector. Static API token and organization id; courier services only
 * (furniture does not fit parcel lockers). Creation is asynchronous at InPost: `createShipment`
 * returns a shipment still `created` (or `offers_prepared`) without a tracking number, and `track`
 * reports `confirmed` with the 24-digit tracking number a run or two later. The label exists from
 * `confirmed` on.
 *
 * Exactly-once creation: the order id goes in `reference`; a create is never repeated after a 5xx
 * or a timeout without first looking the reference up (`findShipment`).
 */

import {
	type CourierConnector,
	type CourierShipment,
	isPdf,
	PlatformError,
	type ShipmentRequest,
	type TrackResult,
	type ValidationProblem,
} from "../../core/connector-contracts.js";
import { trustedOrigins } from "../../core/link-policy.js";
import type { Clock, Http, Log } from "../../ports.js";
import { createOnce } from "../http/create-once.js";
import { parseWith } from "../http/json-edge.js";
import { withQuery } from "../http/query-string.js";
import type { RetryPolicy } from "../http/retrying-send.js";
import { type Transport, transport } from "../http/transport.js";
import { InpostClient, joinProblems } from "./client.js";
import { type ShipxShipment, shipmentListSchema, shipmentSchema } from "./schemas.js";
import { type InpostLinks, shipmentBody, toCourierShipment } from "./shipment-mapping.js";
import { CANCELLED_STATUSES } from "./states.js";
import { localProblems } from "./validation.js";

export const INPOST_API_BASE_URL = "https://api-shipx-pl.easypack24.net";
export const INPOST_SANDBOX_API_BASE_URL = "https://sandbox-api-shipx-pl.easypack24.net";
export const INPOST_TRACKING_URL = "https://inpost.pl/sledzenie-przesylek?number=";
/** UNCONFIRMED: Parcel Manager's shipment page; only a link for humans, easy to change. */
export const INPOST_MANAGER_URL = "https://manager.paczkomaty.pl/shipments/";

const PER_PAGE = 100;
const TRACK_BATCH = 50;

export interface InpostConnectorOptions {
	http: Http;
	clock: Clock;
	log?: Log;
	/** The ShipX API token from Parcel Manager (My Account > API): a secret. */
	apiToken: string;
	/** The organization id shown beside the token; not a secret (it is part of every URL). */
	organizationId: string;
	/** Production by default; the sandbox's URL for local runs. */
	apiBaseUrl?: string;
	trackingUrl?: string;
	managerUrl?: string;
	/** Label format in the link; couriers print A6 by default. */
	labelType?: "A6" | "normal";
	retry?: Partial<RetryPolicy>;
	/** Pages of 100 shipments `findShipment` reads at most, newest first. */
	maxLookupPages?: number;
}

export class InpostConnector implements CourierConnector {
	readonly platform = "InPost" as const;
	private readonly apiBaseUrl: string;
	private readonly transport: Transport;
	private readonly client: InpostClient;
	private readonly links: InpostLinks;

	/** InPost's own hosts (ShipX, tracking, Parcel Manager) and the configured addresses (core/link-policy.ts). */
	get linkOrigins(): readonly string[] {
		return trustedOrigins(
			["https://*.inpost.pl", "https://*.easypack24.net", "https://*.paczkomaty.pl"],
			[this.apiBaseUrl, this.links.trackingUrl, this.links.managerUrl],
		);
	}

	constructor(private readonly options: InpostConnectorOptions) {
		this.apiBaseUrl = (options.apiBaseUrl ?? INPOST_API_BASE_URL).replace(/\/+$/, "");
		this.transport = transport(options);
		this.client = new InpostClient(this.transport, this.apiBaseUrl, options.apiToken, options.organizationId);
		this.links = {
			trackingUrl: options.trackingUrl ?? INPOST_TRACKING_URL,
			managerUrl: options.managerUrl ?? INPOST_MANAGER_URL,
			labelUrl: (id) => `${this.apiBaseUrl}${this.labelPath(id)}`,
		};
	}

	/**
	 * ShipX has no dry run (a create buys the label), so this applies ShipX's own courier rules
	 * locally: required fields, NN-NNN postcodes, nine-digit phones, Poland only, size and weight
	 * limits, and courier services only. No request is sent.
	 */
	validate(request: ShipmentRequest): ValidationProblem[] {
		return localProblems(shipmentBody(request), request);
	}

	findShipment(orderId: string): CourierShipment | null {
		const found = this.lookup(orderId);
		return found ? toCourierShipment(found, this.links) : null;
	}

	createShipment(request: ShipmentRequest): CourierShipment {
		const body = shipmentBody(request);
		const endpoint = "POST /v1/organizations/{organization_id}/shipments";
		const local = localProblems(body, request);
		if (local.length > 0) {
			// Sending it would only have ShipX refuse it; the owner sees the same words either way.
			throw new PlatformError(
				"InPost",
				endpoint,
				"rejected",
				`InPost would refuse the shipment: ${joinProblems(local)}`,
				{
					problems: local,
				},
			);
		}
		return createOnce({
			platform: "InPost",
			endpoint,
			what: "shipment",
			orderId: request.orderId,
			send: () =>
				this.client.send(
					{ method: "post", path: `/v1/organizations/${this.client.organization()}/shipments`, body },
					{ endpoint, idempotent: false },
				),
			lookup: () => {
				const found = this.lookup(request.orderId);
				return found ? toCourierShipment(found, this.links) : null;
			},
			parse: (response) => toCourierShipment(this.client.parse(shipmentSchema, endpoint, response), this.links),
			refuse: (response) => this.client.refusal(endpoint, response),
			clock: this.options.clock,
			...(this.options.log ? { log: this.options.log } : {}),
			policy: this.transport.policy,
		});
	}

	/**
	 * Shipments InPost reports on; ids it does not know or could not report on this time are left out
	 * and logged (`trackEach` says which and why). Throws only when not one id could be read.
	 */
	track(shipmentIds: readonly string[]): CourierShipment[] {
		const results = this.trackEach(shipmentIds);
		const failures = results.filter((r) => r.kind === "failed");
		if (results.length > 0 && failures.length === results.length) throw failures[0]?.error;
		for (const result of results) {
			if (result.kind === "failed") this.options.log?.warn(result.error.message);
			if (result.kind === "not-found") this.options.log?.warn(`InPost does not know shipment ${result.shipmentId}`);
		}
		return results.flatMap((r) => (r.kind === "found" ? [r.shipment] : []));
	}

	/** One result per id, in order, so the engine can put a finding on exactly the rows that failed. */
	trackEach(shipmentIds: readonly string[]): TrackResult[] {
		const endpoint = "GET /v1/shipments/{id}";
		const results: TrackResult[] = [];
		for (let start = 0; start < shipmentIds.length; start += TRACK_BATCH) {
			const ids: string[] = [];
			for (const id of shipmentIds.slice(start, start + TRACK_BATCH)) {
				try {
					shipmentPathId(id, endpoint);
					ids.push(id);
				} catch (error) {
					if (!(error instanceof PlatformError)) throw error;
					results.push({ shipmentId: id, kind: "failed", error });
				}
			}
			const answers = this.client.sendAll(
				ids.map((id) => ({ method: "get", path: `/v1/shipments/${shipmentPathId(id, endpoint)}` })),
				endpoint,
			);
			answers.forEach((answer, index) => {
				const shipmentId = ids[index] as string;
				if (!answer.ok) {
					results.push({ shipmentId, kind: "failed", error: answer.error });
					return;
				}
				const { response } = answer;
				if (response.status === 404) {
					results.push({ shipmentId, kind: "not-found" });
					return;
				}
				try {
					if (response.status < 200 || response.status >= 300) throw this.client.refusal(endpoint, response);
					const shipment = this.client.parse(shipmentSchema, endpoint, response);
					results.push({ shipmentId, kind: "found", shipment: toCourierShipment(shipment, this.links) });
				} catch (error) {
					if (!(error instanceof PlatformError)) throw error;
					results.push({ shipmentId, kind: "failed", error });
				}
			});
			// A token InPost refuses is refused for every shipment: one error for the owner, not fifty.
			const auth = results.find((r) => r.kind === "failed" && r.error.kind === "auth");
			if (auth?.kind === "failed") throw auth.error;
		}
		// Ids refused before sending were added first: back to the caller's order.
		return results.sort((a, b) => shipmentIds.indexOf(a.shipmentId) - shipmentIds.indexOf(b.shipmentId));
	}

	/**
	 * The label PDF, with the API token (notes: Labels); before `confirmed` ShipX answers 400
	 * `invalid_action`: null then, asked again next run.
	 */
	labelPdf(shipmentId: string): Uint8Array | null {
		const endpoint = "GET /v1/shipments/{id}/label";
		const response = this.client.sendForFile(
			{ method: "get", path: this.labelPath(shipmentId) },
			endpoint,
			"application/pdf",
		);
		if (response.status >= 200 && response.status < 300 && response.bytes && isPdf(response.bytes))
			return response.bytes;
		if (response.status === 400 && /invalid_action/.test(response.body)) return null;
		if (response.status >= 200 && response.status < 300) {
			throw new PlatformError(
				"InPost",
				endpoint,
				"malformed",
				`InPost ${endpoint} answered something that is not a PDF.`,
			);
		}
		throw this.client.refusal(endpoint, response);
	}

	private labelPath(shipmentId: string): string {
		return `/v1/shipments/${encodeURIComponent(shipmentId)}/label?format=pdf&type=${this.options.labelType ?? "A6"}`;
	}

	/** The newest shipment with this reference that is not cancelled. */
	private lookup(orderId: string): ShipxShipment | null {
		const endpoint = "GET /v1/organizations/{organization_id}/shipments";
		for (let page = 1; page <= (this.options.maxLookupPages ?? 5); page++) {
			const response = this.client.send(
				{
					method: "get",
					path: withQuery(`/v1/organizations/${this.client.organization()}/shipments`, {
						reference: orderId,
						sort_by: "created_at",
						sort_order: "desc",
						page,
						per_page: PER_PAGE,
					}),
				},
				{ endpoint, idempotent: true },
			);
			if (response.status < 200 || response.status >= 300) throw this.client.refusal(endpoint, response);
			const list = this.client.parse(shipmentListSchema, endpoint, response);
			// Filtered here as well: a ShipX that ignored the `reference` filter must not match another order.
			const match = list.items.find((raw, index) => {
				if (readField(raw, "reference") !== orderId) return false;
				const shipment = parseWith(shipmentSchema, this.client.edge(endpoint, response.status), raw, ["items", index]);
				return !CANCELLED_STATUSES.has(shipment.status);
			});
			if (match !== undefined) return parseWith(shipmentSchema, this.client.edge(endpoint, response.status), match);
			if (list.items.length < PER_PAGE) break;
		}
		return null;
	}
}

function shipmentPathId(id: string, endpoint: string): string {
	const text = id.trim();
	if (!/^\d{1,20}$/.test(text)) {
		throw new PlatformError("InPost", endpoint, "rejected", `"${text.slice(0, 40)}" is not an InPost shipment id`);
	}
	return text;
}

function readField(raw: unknown, field: string): string | null {
	if (raw === null || typeof raw !== "object") return null;
	const value = (raw as Record<string, unknown>)[field];
	return typeof value === "string" || typeof value === "number" ? String(value) : null;
}

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
import type { Clock, Http, HttpRequest, HttpResponse, Log } from "../../ports.js";
import { createOnce } from "../http/create-once.js";
import { type EdgeContext, parseBody, parseWith } from "../http/json-edge.js";
import { withQuery } from "../http/query-string.js";
import { foreignText, unknownBodyText } from "../http/redaction.js";
import type { RetryPolicy, SendSpec } from "../http/retrying-send.js";
import { type Transport, transport } from "../http/transport.js";
import { errorBodySchema, type ShipxShipment, shipmentListSchema, shipmentSchema } from "./schemas.js";
import { type InpostLinks, shipmentBody, toCourierShipment } from "./shipment-mapping.js";
import { CANCELLED_STATUSES } from "./states.js";
import { localProblems, problemsFromDetails } from "./validation.js";

export const INPOST_API_BASE_URL = "https://api-shipx-pl.easypack24.net";
export const INPOST_SANDBOX_API_BASE_URL = "https://sandbox-api-shipx-pl.easypack24.net";
export const INPOST_TRACKING_URL = "https://inpost.pl/sledzenie-przesylek?number=";
/** UNCONFIRMED: Parcel Manager's shipment page; only a link for humans, easy to change. */
export const INPOST_MANAGER_URL = "https://manager.paczkomaty.pl/shipments/";

/** ShipX tokens are JWTs: redacted by shape too, in case one is echoed that Hubsheet never held. */
const TOKEN_PATTERNS: readonly RegExp[] = [/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g];
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
			throw new PlatformError("InPost", endpoint, "rejected", `InPost would refuse the shipment: ${join(local)}`, {
				problems: local,
			});
		}
		return createOnce({
			platform: "InPost",
			endpoint,
			what: "shipment",
			orderId: request.orderId,
			send: () =>
				this.send(
					{ method: "post", path: `/v1/organizations/${this.organization()}/shipments`, body },
					{ endpoint, idempotent: false },
				),
			lookup: () => {
				const found = this.lookup(request.orderId);
				return found ? toCourierShipment(found, this.links) : null;
			},
			parse: (response) =>
				toCourierShipment(parseBody(shipmentSchema, this.edge(endpoint, response.status), response.body), this.links),
			refuse: (response) => this.refusal(endpoint, response),
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
			const answers = this.transport.sendAll(
				ids.map((id) => ({
					request: this.request({ method: "get", path: `/v1/shipments/${shipmentPathId(id, endpoint)}` }),
					spec: this.sendSpec(endpoint, true),
				})),
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
					if (response.status < 200 || response.status >= 300) throw this.refusal(endpoint, response);
					const shipment = parseBody(shipmentSchema, this.edge(endpoint, response.status), response.body);
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
		const request = this.request({ method: "get", path: this.labelPath(shipmentId) });
		request.headers = { ...request.headers, accept: "application/pdf" };
		request.binary = true;
		const response = this.transport.send(request, this.sendSpec(endpoint, true));
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
		throw this.refusal(endpoint, response);
	}

	private labelPath(shipmentId: string): string {
		return `/v1/shipments/${encodeURIComponent(shipmentId)}/label?format=pdf&type=${this.options.labelType ?? "A6"}`;
	}

	/** The newest shipment with this reference that is not cancelled. */
	private lookup(orderId: string): ShipxShipment | null {
		const endpoint = "GET /v1/organizations/{organization_id}/shipments";
		for (let page = 1; page <= (this.options.maxLookupPages ?? 5); page++) {
			const response = this.send(
				{
					method: "get",
					path: withQuery(`/v1/organizations/${this.organization()}/shipments`, {
						reference: orderId,
						sort_by: "created_at",
						sort_order: "desc",
						page,
						per_page: PER_PAGE,
					}),
				},
				{ endpoint, idempotent: true },
			);
			if (response.status < 200 || response.status >= 300) throw this.refusal(endpoint, response);
			const list = parseBody(shipmentListSchema, this.edge(endpoint, response.status), response.body);
			// Filtered here as well: a ShipX that ignored the `reference` filter must not match another order.
			const match = list.items.find((raw, index) => {
				if (readField(raw, "reference") !== orderId) return false;
				const shipment = parseWith(shipmentSchema, this.edge(endpoint, response.status), raw, ["items", index]);
				return !CANCELLED_STATUSES.has(shipment.status);
			});
			if (match !== undefined) return parseWith(shipmentSchema, this.edge(endpoint, response.status), match);
			if (list.items.length < PER_PAGE) break;
		}
		return null;
	}

	/** A 4xx as the PlatformError the engine shows: validation details, token, organization, or InPost's words. */
	private refusal(endpoint: string, response: HttpResponse): PlatformError {
		const error = errorBodySchema.safeParse(safeJson(response.body));
		const code = error.success ? (error.data.error ?? "") : "";
		const said = foreignText(
			error.success
				? [error.data.error, error.data.message ?? error.data.description].filter(Boolean).join(": ")
				: unknownBodyText(response.body),
			this.secrets(),
			TOKEN_PATTERNS,
		);
		const status = response.status;
		if (status === 401) {
			return new PlatformError(
				"InPost",
				endpoint,
				"auth",
				`InPost refused the API token${said ? ` (${said})` : ""}. Generate a token in Parcel Manager (My Account > API) and save it in Hubsheet's settings.`,
				{ status },
			);
		}
		if (status === 403) {
			return new PlatformError(
				"InPost",
				endpoint,
				"auth",
				`InPost does not let this token act for organization ${this.options.organizationId}${said ? ` (${said})` : ""}. Check the organization id in Hubsheet's settings.`,
				{ status },
			);
		}
		const details = error.success ? error.data.details : null;
		const problems = details ? problemsFromDetails(details) : [];
		if ((status === 400 || status === 422) && problems.length > 0) {
			const safe = problems.map((p) => ({
				field: foreignText(p.field, this.secrets(), TOKEN_PATTERNS),
				message: foreignText(p.message, this.secrets(), TOKEN_PATTERNS),
			}));
			return new PlatformError("InPost", endpoint, "rejected", `InPost refused the shipment: ${join(safe)}`, {
				status,
				problems: safe,
			});
		}
		return new PlatformError(
			"InPost",
			endpoint,
			"rejected",
			`InPost ${endpoint} failed with HTTP ${status}${said ? `: ${said}` : code ? `: ${code}` : ""}`,
			{ status },
		);
	}

	private send(
		call: { method: HttpRequest["method"]; path: string; body?: unknown },
		spec: { endpoint: string; idempotent: boolean },
	): HttpResponse {
		return this.transport.send(this.request(call), this.sendSpec(spec.endpoint, spec.idempotent));
	}

	private request(call: { method: HttpRequest["method"]; path: string; body?: unknown }): HttpRequest {
		const request: HttpRequest = {
			url: `${this.apiBaseUrl}${call.path}`,
			method: call.method,
			headers: {
				authorization: `Bearer ${this.options.apiToken}`,
				accept: "application/json",
				"accept-language": "en_GB",
			},
		};
		if (call.body !== undefined) {
			request.body = JSON.stringify(call.body);
			request.contentType = "application/json";
		}
		return request;
	}

	private sendSpec(endpoint: string, idempotent: boolean): SendSpec {
		return {
			platform: "InPost",
			endpoint,
			idempotent,
			secrets: this.secrets(),
			patterns: TOKEN_PATTERNS,
			describeError: (response) => {
				const parsed = errorBodySchema.safeParse(safeJson(response.body));
				if (!parsed.success) return unknownBodyText(response.body);
				return [parsed.data.error, parsed.data.message ?? parsed.data.description].filter(Boolean).join(": ");
			},
		};
	}

	private edge(endpoint: string, status: number): EdgeContext {
		return { platform: "InPost", endpoint, secrets: this.secrets(), patterns: TOKEN_PATTERNS, status };
	}

	private secrets(): string[] {
		return [this.options.apiToken];
	}

	/** The organization id goes into every path: digits only. */
	private organization(): string {
		const id = this.options.organizationId.trim();
		if (!/^\d{1,12}$/.test(id)) {
			throw new PlatformError(
				"InPost",
				"settings",
				"auth",
				`The InPost organization id must be a number (Parcel Manager shows it beside the API token), not "${id.slice(0, 20)}"`,
			);
		}
		return id;
	}
}

function shipmentPathId(id: string, endpoint: string): string {
	const text = id.trim();
	if (!/^\d{1,20}$/.test(text)) {
		throw new PlatformError("InPost", endpoint, "rejected", `"${text.slice(0, 40)}" is not an InPost shipment id`);
	}
	return text;
}

function join(problems: readonly ValidationProblem[]): string {
	return problems.map((p) => `${p.field}: ${p.message}`).join("; ");
}

function readField(raw: unknown, field: string): string | null {
	if (raw === null || typeof raw !== "object") return null;
	const value = (raw as Record<string, unknown>)[field];
	return typeof value === "string" || typeof value === "number" ? String(value) : null;
}

function safeJson(raw: string): unknown {
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}

/**
 * The Etsy Open API v3 endpoints Hubsheet uses: signing in each request (built in request-spec.ts),
 * sending it through the shared transport (retries, 429 waits, redaction, PlatformError naming the
 * endpoint) paced to Etsy's per second limit (request-pacing.ts), tracking the daily quota, and
 * parsing answers at the shared edge (http/json-edge.ts). A 401 gets one token renewal and one more
 * try; a second 401 means the owner must reconnect Etsy.
 */
import { PlatformError } from "../../core/connector-contracts.js";
import type { Clock, Http, HttpRequest, HttpResponse, Log } from "../../ports.js";
import type { BatchAnswer } from "../http/batch-send.js";
import { type EdgeContext, parseJson, parseWith } from "../http/json-edge.js";
import { noteRetry } from "../http/retry-tally.js";
import type { RetryPolicy, SendSpec } from "../http/retrying-send.js";
import { type Transport, transport } from "../http/transport.js";
import type * as z from "../http/zod.js";
import {
	describeEtsyError,
	ETSY_SECRET_PATTERNS,
	type EtsyEndpoint,
	type EtsySignInError,
	etsyErrorCode,
	etsyErrorText,
	etsyHttpError,
} from "./errors.js";
import { type EtsyQuota, QuotaWatch } from "./rate-limit.js";
import {
	type EtsyShippingCarrier,
	type ReceiptShipmentInput,
	type ReceiptShipmentResult,
	readCarriers,
	readShipmentAnswer,
	shipmentForm,
} from "./receipt-shipment.js";
import { RequestPacing } from "./request-pacing.js";
import { type CallSpec, type EtsyId, etsyRequest, pathId } from "./request-spec.js";
import {
	type EtsyReceipt,
	selfSchema,
	shippingCarriersSchema,
	shopReceiptSchema,
	shopReceiptsEnvelopeSchema,
} from "./schemas.js";
import {
	readPagesTogether,
	readReceiptsPage,
	receiptsCall,
	type ShopReceiptsPage,
	type ShopReceiptsPageAnswer,
	type ShopReceiptsQuery,
} from "./shop-receipts.js";

export const ETSY_API_BASE_URL = "https://api.etsy.com";

/** What the API client needs from whoever holds the tokens. */
export interface AccessTokenSource {
	/** An access token valid for at least another minute; refreshes when needed. */
	accessToken(): string;
	/** Etsy answered 401 to `rejected`: a token it should accept, refreshed unless someone already did. */
	renewAfterRejection(rejected: string): string;
	/**
	 * Etsy answered 401 even to a renewed token: returns the error to throw. Passing (retried next
	 * sync) until it has happened in `REFUSED_RUNS_BEFORE_RECONNECT` (oauth.ts) syncs in a row.
	 */
	refusedAfterRenewal(endpoint: EtsyEndpoint, etsyCode: string): EtsySignInError;
	/** Etsy accepted a token: a run of refusals is over. */
	accepted(): void;
	/** Tokens currently held, for redaction. */
	secrets(): string[];
}

export interface EtsyApiOptions {
	http: Http;
	clock: Clock;
	log?: Log;
	keystring: string;
	sharedSecret: string;
	tokens: AccessTokenSource;
	/** Real Etsy (`https://api.etsy.com`, the default) or the local sandbox. */
	apiBaseUrl?: string;
	minRemainingToday?: number;
	retry?: Partial<RetryPolicy>;
}

export type { EtsyId } from "./request-spec.js";

export interface EtsyMe {
	userId: string;
	/** Null when the Etsy account has no shop. */
	shopId: string | null;
}

export class EtsyApi {
	private readonly apiBaseUrl: string;
	private readonly transport: Transport;
	private readonly quotaWatch: QuotaWatch;
	private readonly pacing: RequestPacing;

	constructor(private readonly options: EtsyApiOptions) {
		this.apiBaseUrl = (options.apiBaseUrl ?? ETSY_API_BASE_URL).replace(/\/+$/, "");
		this.transport = transport({ http: options.http, clock: options.clock, log: options.log, retry: options.retry });
		this.quotaWatch = new QuotaWatch(options.minRemainingToday, options.log);
		this.pacing = new RequestPacing(options.clock);
	}

	/** The quota Etsy reported on its latest answer, or null before the first one. */
	get quota(): EtsyQuota | null {
		return this.quotaWatch.quota;
	}

	/** True when Etsy's daily quota is nearly spent: pull no more pages, say so, and leave room for pushes. */
	isQuotaLow(): boolean {
		return this.quotaWatch.isLow();
	}

	/** The signed-in user and their shop (Etsy's spec lists scope shops_r for this endpoint). */
	getMe(): EtsyMe {
		const response = this.expectOk(
			this.call({ endpoint: "getMe", method: "get", path: "/v3/application/users/me", oauth: true, idempotent: true }),
			"getMe",
		);
		const self = this.parse(selfSchema, "getMe", response);
		return { userId: String(self.user_id), shopId: self.shop_id == null ? null : String(self.shop_id) };
	}

	/**
	 * One page of receipts. The envelope must be right; each receipt is parsed on its own, and one
	 * that does not fit lands in `invalid` with its path, so one odd order never blocks the others.
	 */
	getShopReceipts(shopId: EtsyId, query: ShopReceiptsQuery): ShopReceiptsPage {
		return this.receiptsPage(this.call(receiptsCall(shopId, query)));
	}

	/**
	 * Several pages at once (independent reads: fetchAll), each batch sent only when the last second's
	 * requests leave room for it, so a pull never trips Etsy's rate limit. Answers come back in the
	 * queries' order; a page that failed (after the transport's own retries) is an error in its slot
	 * and costs the others nothing.
	 */
	getShopReceiptsPages(shopId: EtsyId, queries: readonly ShopReceiptsQuery[]): ShopReceiptsPageAnswer[] {
		const send = (batch: readonly ShopReceiptsQuery[]) => this.callAll(batch.map((q) => receiptsCall(shopId, q)));
		return readPagesTogether(queries, send, (response) => this.receiptsPage(response));
	}

	/** How many pages to read together: fewer when requests are slow (request-pacing.ts). */
	pagesPerBatch(): number {
		return this.pacing.pagesPerBatch();
	}

	/** One receipt, or null when Etsy does not know it (404) — a row whose order is not in this shop. */
	getShopReceipt(shopId: EtsyId, receiptId: EtsyId): EtsyReceipt | null {
		const endpoint = "getShopReceipt";
		const response = this.call({
			endpoint,
			method: "get",
			path: `/v3/application/shops/${pathId(shopId, "shop id", endpoint)}/receipts/${pathId(receiptId, "receipt id", endpoint)}`,
			oauth: true,
			idempotent: true,
		});
		if (response.status === 404) return null;
		return this.parse(shopReceiptSchema, endpoint, this.expectOk(response, endpoint));
	}

	/**
	 * Submits tracking, which makes Etsy email the buyer. Never repeated after a 5xx or a timeout
	 * (PlatformError `unavailable` with `mayHaveApplied`): the caller re-reads the receipt's
	 * shipments before trying again, so the buyer does not get two emails.
	 */
	createReceiptShipment(shopId: EtsyId, receiptId: EtsyId, shipment: ReceiptShipmentInput): ReceiptShipmentResult {
		const endpoint = "createReceiptShipment";
		const response = this.call({
			endpoint,
			method: "post",
			path: `/v3/application/shops/${pathId(shopId, "shop id", endpoint)}/receipts/${pathId(receiptId, "receipt id", endpoint)}/tracking`,
			form: shipmentForm(shipment),
			oauth: true,
			idempotent: false,
		});
		return readShipmentAnswer(response, this.secrets(), () => this.parse(shopReceiptSchema, endpoint, response));
	}

	/** Carriers Etsy recognises for parcels leaving `originCountryIso`; needs only the API key. */
	getShippingCarriers(originCountryIso: string): EtsyShippingCarrier[] {
		const endpoint = "getShippingCarriers";
		const response = this.expectOk(
			this.call({
				endpoint,
				method: "get",
				path: "/v3/application/shipping-carriers",
				query: { origin_country_iso: originCountryIso },
				oauth: false,
				idempotent: true,
			}),
			endpoint,
		);
		return readCarriers(this.parse(shippingCarriersSchema, endpoint, response));
	}

	/**
	 * Sends with retries and, for OAuth endpoints, one renewal after a 401. Returns 2xx and 4xx
	 * answers other than 401 for the endpoint to interpret.
	 */
	private call(spec: CallSpec): HttpResponse {
		const send = (accessToken: string | null): HttpResponse =>
			this.pacing.one(() => this.transport.send(this.request(spec, accessToken), this.sendSpec(spec, accessToken)));

		if (!spec.oauth) return send(null);
		const tokens = this.options.tokens;
		const first = tokens.accessToken();
		const response = send(first);
		if (response.status !== 401) {
			tokens.accepted();
			return response;
		}
		// A 401 answer means Etsy did nothing, so even a non-idempotent request may be sent again.
		noteRetry("Etsy", "401 refused sign-in, renewed");
		const renewed = tokens.renewAfterRejection(first);
		const retried = send(renewed);
		if (retried.status !== 401) {
			tokens.accepted();
			return retried;
		}
		// Passing unless it keeps happening sync after sync (oauth.ts, REFUSED_RUNS_BEFORE_RECONNECT).
		throw tokens.refusedAfterRenewal(spec.endpoint, etsyErrorCode(retried));
	}

	private request(spec: CallSpec, accessToken: string | null): HttpRequest {
		const { keystring, sharedSecret } = this.options;
		return etsyRequest(this.apiBaseUrl, `${keystring}:${sharedSecret}`, spec, accessToken);
	}

	private sendSpec(spec: CallSpec, accessToken: string | null): SendSpec {
		return {
			platform: "Etsy",
			endpoint: spec.endpoint,
			idempotent: spec.idempotent,
			secrets: this.secrets(accessToken),
			patterns: ETSY_SECRET_PATTERNS,
			describeError: describeEtsyError,
			observe: (answer) => this.quotaWatch.observe(answer.headers),
		};
	}

	/**
	 * Idempotent OAuth reads sent together with one access token. Each answer is its own: a 401 sends
	 * that request alone again through `call`, which renews the token once.
	 */
	private callAll(specs: readonly CallSpec[]): BatchAnswer[] {
		const tokens = this.options.tokens;
		const token = tokens.accessToken();
		const items = specs.map((spec) => ({ request: this.request(spec, token), spec: this.sendSpec(spec, token) }));
		const sent = this.pacing.together(specs.length, () => this.transport.sendAll(items));
		return sent.map((answer, index): BatchAnswer => {
			if (!answer.ok) return answer;
			// fetchAll's first answers pass no `observe`: their quota is noted here.
			this.quotaWatch.observe(answer.response.headers);
			if (answer.response.status !== 401) {
				tokens.accepted();
				return answer;
			}
			try {
				return { ok: true, response: this.call(specs[index] as CallSpec) };
			} catch (error) {
				if (error instanceof PlatformError) return { ok: false, error };
				throw error;
			}
		});
	}

	private receiptsPage(response: HttpResponse): ShopReceiptsPage {
		const endpoint = "getShopReceipts";
		return readReceiptsPage(this.parse(shopReceiptsEnvelopeSchema, endpoint, this.expectOk(response, endpoint)));
	}

	private expectOk(response: HttpResponse, endpoint: EtsyEndpoint): HttpResponse {
		if (response.status >= 200 && response.status < 300) return response;
		throw etsyHttpError(endpoint, response.status, etsyErrorText(response, this.secrets()));
	}

	/** A 2xx answer's JSON through a schema; an unreadable one names the endpoint and the field. */
	private parse<T>(schema: z.ZodMiniType<T>, endpoint: EtsyEndpoint, response: HttpResponse): T {
		const edge: EdgeContext = {
			platform: "Etsy",
			endpoint,
			secrets: this.secrets(),
			patterns: ETSY_SECRET_PATTERNS,
			status: response.status,
		};
		return parseWith(schema, edge, parseJson(edge, response.body));
	}

	private secrets(extra: string | null = null): string[] {
		const { sharedSecret, keystring } = this.options;
		const secrets = [`${keystring}:${sharedSecret}`, sharedSecret, ...this.options.tokens.secrets()];
		if (extra !== null) secrets.push(extra);
		return secrets;
	}
}

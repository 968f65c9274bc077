/**
 * The Furgonetka courier connector: validate with Furgonetka's dry run, create the package with the
 * order id as `user_reference_number`, order its pick-up (an asynchronous command), find a package
 * again by that reference, and poll state, waybill number and label of packages in flight.
 *
 * Exactly-once creation. `POST /packages` is never repeated blindly: after a 5xx or a timeout the
 * package is looked up by reference first, and only created again when Furgonetka does not know it.
 * The pick-up order (an order command, which takes the package out of the basket and books the
 * courier) is a PUT at a uuid derived from the package id, so it is safe to repeat (pickup-order.ts);
 * a package found still `waiting` gets its pick-up ordered by `findShipment` and `track` too.
 *
 * Vocabulary per `../shared/specs/furgonetka/NOTES.md`: package states `waiting`, `ordered`,
 * `collect-problem`, `canceled`, and once ordered the carrier's newest scan is the state reported
 * (tracking-scans.ts). Every request goes through the one shared transport (http/transport.ts).
 *
 * Files: client.ts (requests, the token, error texts), oauth.ts (sign-in), package-lookup.ts
 * (finding a package again), pickup-order.ts, tracking-scans.ts, package-mapping.ts (the package
 * body and the shipment Hubsheet sees), schemas.ts, states.ts.
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
import type { Clock, Http, Log, Store } from "../../ports.js";
import { createOnce } from "../http/create-once.js";
import type { RetryPolicy } from "../http/retrying-send.js";
import { type Transport, transport } from "../http/transport.js";
import { findService, readServices, unknownServiceProblem } from "./account-services.js";
import { FurgonetkaApi } from "./client.js";
import { FURGONETKA_API_BASE_URL, FurgonetkaAuth, type FurgonetkaCredentials } from "./oauth.js";
import { lookupPackage, parseCreatedPackage, pathId } from "./package-lookup.js";
import { packageBody, type ShipmentLinks } from "./package-mapping.js";
import { PickupOrders } from "./pickup-order.js";
import { type FurgonetkaPackage, type FurgonetkaService, packageSchema } from "./schemas.js";
import { withScans } from "./tracking-scans.js";
import { validationProblems } from "./validation.js";

export const FURGONETKA_TRACKING_URL = "https://furgonetka.pl/zlokalizuj/";
/** UNCONFIRMED: the panel's package page; only a link for humans, easy to change. */
export const FURGONETKA_PANEL_URL = "https://furgonetka.pl/konto/paczki/";

const TRACK_BATCH = 50;

export interface FurgonetkaConnectorOptions {
	http: Http;
	clock: Clock;
	store: Store;
	log?: Log;
	/** OAuth client id and secret, the account's username and password: all secrets. */
	credentials: FurgonetkaCredentials;
	/** Production by default; the sandbox's URL for local runs. */
	apiBaseUrl?: string;
	trackingUrl?: string;
	panelUrl?: string;
	/** Language of Furgonetka's validation messages, which land on the owner's rows. Default English. */
	language?: "pl_PL" | "en_GB";
	retry?: Partial<RetryPolicy>;
	/** After ordering a pick-up, how often to ask whether the command finished, and how long to wait between. */
	pickupPolls?: number;
	pickupPollIntervalMs?: number;
	/** Pages of 100 packages `findShipment` reads at most. */
	maxLookupPages?: number;
}

export class FurgonetkaConnector implements CourierConnector {
	readonly platform = "Furgonetka" as const;
	private readonly transport: Transport;
	private readonly api: FurgonetkaApi;
	private readonly auth: FurgonetkaAuth;
	private readonly pickups: PickupOrders;
	private readonly links: ShipmentLinks;
	private servicesCache: FurgonetkaService[] | null = null;

	/** Furgonetka's own hosts and the configured addresses (core/link-policy.ts). */
	get linkOrigins(): readonly string[] {
		return trustedOrigins(
			["https://*.furgonetka.pl"],
			[this.options.apiBaseUrl ?? FURGONETKA_API_BASE_URL, this.links.trackingUrl, this.links.panelUrl],
		);
	}

	constructor(private readonly options: FurgonetkaConnectorOptions) {
		const apiBaseUrl = (options.apiBaseUrl ?? FURGONETKA_API_BASE_URL).replace(/\/+$/, "");
		this.transport = transport(options);
		this.auth = new FurgonetkaAuth({
			clock: options.clock,
			store: options.store,
			log: options.log,
			credentials: options.credentials,
			apiBaseUrl,
			transport: this.transport,
		});
		this.api = new FurgonetkaApi({
			transport: this.transport,
			auth: this.auth,
			apiBaseUrl,
			language: options.language ?? "en_GB",
		});
		this.links = {
			trackingUrl: options.trackingUrl ?? FURGONETKA_TRACKING_URL,
			panelUrl: options.panelUrl ?? FURGONETKA_PANEL_URL,
		};
		this.pickups = new PickupOrders(
			this.api,
			options.clock,
			options.log,
			this.links,
			options.pickupPollIntervalMs ?? 1_000,
		);
	}

	/** Furgonetka's dry run of the package: its field errors, in its words; [] when it would be accepted. */
	validate(request: ShipmentRequest): ValidationProblem[] {
		const service = findService(this.services(), request.service);
		if (!service) return [unknownServiceProblem(this.services(), request.service)];
		const endpoint = "POST /packages/validate";
		const response = this.api.call({
			method: "post",
			path: "/packages/validate",
			endpoint,
			body: packageBody(request, service.id),
			idempotent: true,
		});
		if (response.status >= 200 && response.status < 300) return [];
		if (response.status === 400 || response.status === 422) return validationProblems(this.api, response);
		throw this.api.unexpected(endpoint, response);
	}

	findShipment(orderId: string): CourierShipment | null {
		const found = this.lookup(orderId);
		if (!found) return null;
		const shipment = this.pickups.complete(found, { fresh: false, failOnRefusal: false, polls: this.pickupPolls() });
		return withScans(this.api, [shipment], this.options.log)[0] as CourierShipment;
	}

	createShipment(request: ShipmentRequest): CourierShipment {
		const service = findService(this.services(), request.service);
		if (!service) {
			const problem = unknownServiceProblem(this.services(), request.service);
			throw new PlatformError("Furgonetka", "POST /packages", "rejected", problem.message);
		}
		const created = this.createPackage(request, service.id);
		return this.pickups.complete(created, { fresh: true, failOnRefusal: true, polls: this.pickupPolls() });
	}

	/**
	 * The label PDF, with the bearer token (notes: Labels). Not there yet: 204 or an empty body (the
	 * notes' sandbox answer), 404/422 before the pick-up is ordered; null then, asked again next run.
	 */
	labelPdf(shipmentId: string): Uint8Array | null {
		const endpoint = "GET /packages/{id}/label";
		const response = this.api.call({
			method: "get",
			path: `/packages/${encodeURIComponent(shipmentId)}/label`,
			endpoint,
			idempotent: true,
			file: { accept: "application/pdf" },
		});
		if (response.status === 204 || response.status === 404 || response.status === 422) return null;
		if (response.status < 200 || response.status >= 300) throw this.api.unexpected(endpoint, response);
		const bytes = response.bytes;
		if (bytes && isPdf(bytes)) return bytes;
		if ((bytes?.length ?? response.body.length) === 0) return null;
		throw new PlatformError(
			"Furgonetka",
			endpoint,
			"malformed",
			`Furgonetka ${endpoint} answered something that is not a PDF.`,
		);
	}

	/**
	 * Shipments Furgonetka reports on; ids it does not know or could not report on this time are left
	 * out and logged (`trackEach` says which and why). Throws only when not one id could be read.
	 */
	track(shipmentIds: readonly string[]): CourierShipment[] {
		const results = this.trackEach(shipmentIds);
		const failures = results.filter((r) => r.kind === "failed");
		if (results.length > 0 && failures.length === results.length) throw failures[0]?.error;
		for (const result of results) {
			if (result.kind === "failed") this.options.log?.warn(result.error.message);
			if (result.kind === "not-found") {
				this.options.log?.warn(`Furgonetka does not know package ${result.shipmentId} (deleted in the panel?)`);
			}
		}
		return results.flatMap((r) => (r.kind === "found" ? [r.shipment] : []));
	}

	/** One result per id, in order, so the engine can put a finding on exactly the rows that failed. */
	trackEach(shipmentIds: readonly string[]): TrackResult[] {
		const results: TrackResult[] = [];
		for (let start = 0; start < shipmentIds.length; start += TRACK_BATCH) {
			const endpoint = "GET /packages/{id}";
			const ids: string[] = [];
			for (const id of shipmentIds.slice(start, start + TRACK_BATCH)) {
				try {
					pathId(id, endpoint);
					ids.push(id);
				} catch (error) {
					if (!(error instanceof PlatformError)) throw error;
					results.push({ shipmentId: id, kind: "failed", error });
				}
			}
			const answers = this.api.callAll(
				ids.map((id) => ({ method: "get", path: `/packages/${pathId(id, endpoint)}`, endpoint, idempotent: true })),
			);
			answers.forEach((answer, index) => {
				const shipmentId = ids[index] as string;
				if (!answer.ok) {
					if (answer.error.kind === "auth") throw answer.error;
					results.push({ shipmentId, kind: "failed", error: answer.error });
					return;
				}
				if (answer.response.status === 404) {
					results.push({ shipmentId, kind: "not-found" });
					return;
				}
				try {
					if (answer.response.status < 200 || answer.response.status >= 300) {
						throw this.api.unexpected(endpoint, answer.response);
					}
					const pkg = this.api.parse(packageSchema, endpoint, answer.response);
					// Nothing else polls a package still waiting for its pick-up order: this is where it gets one.
					const shipment = this.pickups.complete(pkg, { fresh: false, failOnRefusal: false, polls: 1 });
					results.push({ shipmentId, kind: "found", shipment });
				} catch (error) {
					if (!(error instanceof PlatformError) || error.kind === "auth") throw error;
					results.push({ shipmentId, kind: "failed", error });
				}
			});
		}
		// Ids refused before sending were added first: back to the caller's order.
		results.sort((a, b) => shipmentIds.indexOf(a.shipmentId) - shipmentIds.indexOf(b.shipmentId));
		const found = results.flatMap((r) => (r.kind === "found" ? [r.shipment] : []));
		const scanned = new Map(
			withScans(this.api, found, this.options.log).map((shipment) => [shipment.shipmentId, shipment]),
		);
		return results.map((r) => (r.kind === "found" ? { ...r, shipment: scanned.get(r.shipmentId) ?? r.shipment } : r));
	}

	/** The carriers on the owner's Furgonetka account (codes as Settings names them), read once per execution. */
	services(): FurgonetkaService[] {
		this.servicesCache ??= readServices(this.api);
		return this.servicesCache;
	}

	/** Whether Hubsheet holds a Furgonetka session, for the sidebar. */
	connectionState(): ReturnType<FurgonetkaAuth["connectionState"]> {
		return this.auth.connectionState();
	}

	/**
	 * POST /packages, never repeated without looking first: after a 5xx or a timeout the package is
	 * searched by reference; only when Furgonetka does not know it is it created again.
	 */
	private createPackage(request: ShipmentRequest, serviceId: number): FurgonetkaPackage {
		const endpoint = "POST /packages";
		const body = packageBody(request, serviceId);
		return createOnce({
			platform: "Furgonetka",
			endpoint,
			what: "package",
			orderId: request.orderId,
			send: () => this.api.call({ method: "post", path: "/packages", endpoint, body, idempotent: false }),
			lookup: () => this.lookup(request.orderId),
			parse: (response) => parseCreatedPackage(this.api, endpoint, response),
			refuse: (response) => {
				if (response.status !== 400 && response.status !== 422) return this.api.unexpected(endpoint, response);
				const problems = validationProblems(this.api, response);
				return new PlatformError(
					"Furgonetka",
					endpoint,
					"rejected",
					`Furgonetka refused the package: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`,
					{ status: response.status, problems },
				);
			},
			clock: this.options.clock,
			...(this.options.log ? { log: this.options.log } : {}),
			policy: this.transport.policy,
		});
	}

	/** Hubsheet's package for the order: the newest one not cancelled, by `user_reference_number`. */
	private lookup(orderId: string): FurgonetkaPackage | null {
		return lookupPackage(this.api, orderId, this.options.maxLookupPages ?? 5);
	}

	private pickupPolls(): number {
		return this.options.pickupPolls ?? 3;
	}
}

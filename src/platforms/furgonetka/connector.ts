/**
 * The Furgonetka courier connector: validate with Furgonetka's dry run, create the package with the
 * order id as `user_reference_number`, order its pick-up (an asynchronous command), find a package
 * again by that reference, and poll state, waybill number and label of packages in flight.
 *
 * Exactly-once creation. `POST /packages` is never repeated blindly: after a 5xx or a timeout the
 * package is looked up by reference first, and only created again when Furgonetka does not know it.
 * The pick-up order (an order command, which takes the package out of the basket and books the
 * courier) is a PUT at a uuid derived from the package id, so it is safe to repeat, and a package
 * found still `waiting` (a crash between create and order, or an order that failed) gets its
 * pick-up ordered by `findShipment` and `track` — at most three commands per package, ever.
 *
 * Vocabulary per `../shared/specs/furgonetka/NOTES.md`: command statuses `waiting`, `running`,
 * `successful`, `partial_success`, `error` (any other value is still pending, as the clients read
 * it); an unknown command uuid is answered 400 `commandNotExists`, which means "not there (yet)";
 * package states `waiting`, `ordered`, `collect-problem`, `canceled`, and once ordered the carrier's
 * newest scan from `GET /packages/{id}/tracking` is the state reported (`collected`, `delivered`).
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
import type { Clock, Http, HttpResponse, Log, Store } from "../../ports.js";
import { createOnce } from "../http/create-once.js";
import { parseWith } from "../http/json-edge.js";
import { withQuery } from "../http/query-string.js";
import { foreignText } from "../http/redaction.js";
import type { RetryPolicy } from "../http/retrying-send.js";
import { retryPolicy } from "../http/transport.js";
import { FurgonetkaApi } from "./client.js";
import { pickupCommandUuid } from "./command-uuid.js";
import {
	FURGONETKA_API_BASE_URL,
	FURGONETKA_SECRET_PATTERNS,
	FurgonetkaAuth,
	type FurgonetkaCredentials,
} from "./oauth.js";
import { packageBody, type ShipmentLinks, toCourierShipment } from "./package-mapping.js";
import {
	errorsBodySchema,
	type FurgonetkaOrderCommand,
	type FurgonetkaPackage,
	type FurgonetkaService,
	orderCommandSchema,
	packageListSchema,
	packageSchema,
	servicesResponseSchema,
	trackingSchema,
} from "./schemas.js";
import { CANCELLED_STATES, NOT_ORDERED_STATE, ORDERED_STATE } from "./states.js";

export const FURGONETKA_TRACKING_URL = "https://furgonetka.pl/zlokalizuj/";
/** UNCONFIRMED: the panel's package page; only a link for humans, easy to change. */
export const FURGONETKA_PANEL_URL = "https://furgonetka.pl/konto/paczki/";

/** Pick-up commands Hubsheet sends for one package before leaving it to the owner. */
export const MAX_PICKUP_ATTEMPTS = 3;
/** How a command status reads (NOTES.md): any value not listed is still pending, as CL reads it. */
type CommandOutcome = "successful" | "partial" | "error" | "pending";
function commandOutcome(status: string): CommandOutcome {
	if (status === "successful") return "successful";
	if (status === "partial_success") return "partial";
	if (status === "error" || status === "failed") return "error";
	return "pending";
}
const LIST_LIMIT = 100;
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

type PickupOutcome =
	| { kind: "ordered" }
	| { kind: "pending" }
	| { kind: "failed"; message: string }
	| { kind: "unreachable"; error: PlatformError };

export class FurgonetkaConnector implements CourierConnector {
	readonly platform = "Furgonetka" as const;
	private readonly api: FurgonetkaApi;
	private readonly auth: FurgonetkaAuth;
	private readonly policy: RetryPolicy;
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
		this.policy = retryPolicy(options.retry);
		this.auth = new FurgonetkaAuth({
			http: options.http,
			clock: options.clock,
			store: options.store,
			log: options.log,
			credentials: options.credentials,
			apiBaseUrl,
			policy: this.policy,
		});
		this.api = new FurgonetkaApi({
			http: options.http,
			clock: options.clock,
			log: options.log,
			auth: this.auth,
			apiBaseUrl,
			policy: this.policy,
			language: options.language ?? "en_GB",
		});
		this.links = {
			trackingUrl: options.trackingUrl ?? FURGONETKA_TRACKING_URL,
			panelUrl: options.panelUrl ?? FURGONETKA_PANEL_URL,
		};
	}

	/** Furgonetka's dry run of the package: its field errors, in its words; [] when it would be accepted. */
	validate(request: ShipmentRequest): ValidationProblem[] {
		const service = this.findService(request.service);
		if (!service) return [this.unknownServiceProblem(request.service)];
		const endpoint = "POST /packages/validate";
		const response = this.api.call({
			method: "post",
			path: "/packages/validate",
			endpoint,
			body: packageBody(request, service.id),
			idempotent: true,
		});
		if (response.status >= 200 && response.status < 300) return [];
		if (response.status === 400 || response.status === 422) return this.problems(response);
		throw this.api.unexpected(endpoint, response);
	}

	findShipment(orderId: string): CourierShipment | null {
		const found = this.lookup(orderId);
		if (!found) return null;
		const shipment = this.completePickup(found, { fresh: false, failOnRefusal: false, polls: this.pickupPolls() });
		return this.withScans([shipment])[0] as CourierShipment;
	}

	createShipment(request: ShipmentRequest): CourierShipment {
		const service = this.findService(request.service);
		if (!service) {
			const problem = this.unknownServiceProblem(request.service);
			throw new PlatformError("Furgonetka", "POST /packages", "rejected", problem.message);
		}
		const created = this.createPackage(request, service.id);
		return this.completePickup(created, { fresh: true, failOnRefusal: true, polls: this.pickupPolls() });
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
					const shipment = this.completePickup(pkg, { fresh: false, failOnRefusal: false, polls: 1 });
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
		const scanned = new Map(this.withScans(found).map((shipment) => [shipment.shipmentId, shipment]));
		return results.map((r) => (r.kind === "found" ? { ...r, shipment: scanned.get(r.shipmentId) ?? r.shipment } : r));
	}

	/**
	 * Ordered packages report the carrier's newest scan (`collected`, `delivered`, ...) as their
	 * state: Furgonetka's package `state` stays `ordered` in what clients have seen. A package whose
	 * `state` already names a scan (the other reading the notes leave open) is taken as it is. A
	 * tracking read that fails leaves the package `ordered` this time; the next sync reads again.
	 */
	private withScans(shipments: readonly CourierShipment[]): CourierShipment[] {
		const ordered = shipments.filter((s) => s.state === ORDERED_STATE);
		if (ordered.length === 0) return [...shipments];
		const endpoint = "GET /packages/{id}/tracking";
		const answers = this.api.callAll(
			ordered.map((s) => ({
				method: "get" as const,
				path: `/packages/${pathId(s.shipmentId, endpoint)}/tracking`,
				endpoint,
				idempotent: true,
			})),
		);
		const scans = new Map<string, string>();
		answers.forEach((answer, index) => {
			const id = (ordered[index] as CourierShipment).shipmentId;
			if (!answer.ok) {
				if (answer.error.kind === "auth") throw answer.error;
				this.options.log?.warn(answer.error.message);
				return;
			}
			if (answer.response.status < 200 || answer.response.status >= 300) {
				this.options.log?.warn(this.api.unexpected(endpoint, answer.response).message);
				return;
			}
			try {
				const newest = newestScan(this.api.parse(trackingSchema, endpoint, answer.response));
				if (newest) scans.set(id, newest);
			} catch (error) {
				if (!(error instanceof PlatformError)) throw error;
				this.options.log?.warn(error.message);
			}
		});
		return shipments.map((s) => {
			const scan = scans.get(s.shipmentId);
			return scan ? { ...s, state: scan } : s;
		});
	}

	/** The carriers on the owner's Furgonetka account (codes as Settings names them), read once per execution. */
	services(): FurgonetkaService[] {
		if (this.servicesCache) return this.servicesCache;
		const endpoint = "GET /account/services";
		const response = this.api.call({ method: "get", path: "/account/services", endpoint, idempotent: true });
		if (response.status < 200 || response.status >= 300) throw this.api.unexpected(endpoint, response);
		this.servicesCache = this.api.parse(servicesResponseSchema, endpoint, response).services;
		return this.servicesCache;
	}

	/** Whether Hubsheet holds a Furgonetka session, for the sidebar. */
	connectionState(): ReturnType<FurgonetkaAuth["connectionState"]> {
		return this.auth.connectionState();
	}

	private findService(name: string): FurgonetkaService | null {
		const wanted = name.trim().toLowerCase();
		const services = this.services();
		return (
			services.find((s) => s.service.toLowerCase() === wanted) ??
			services.find((s) => String(s.id) === wanted) ??
			services.find((s) => (s.name ?? "").toLowerCase() === wanted) ??
			null
		);
	}

	private unknownServiceProblem(name: string): ValidationProblem {
		const known = this.services()
			.map((s) => s.service)
			.join(", ");
		return {
			field: "service",
			message: `Furgonetka has no service "${name}" on this account${known ? ` (available: ${known})` : ""}`,
		};
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
			parse: (response) => this.api.parse(packageSchema, endpoint, response),
			refuse: (response) => {
				if (response.status !== 400 && response.status !== 422) return this.api.unexpected(endpoint, response);
				const problems = this.problems(response);
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
			policy: this.policy,
		});
	}

	/** Hubsheet's package for the order: the newest one not cancelled, by `user_reference_number`. */
	private lookup(orderId: string): FurgonetkaPackage | null {
		const endpoint = "GET /packages";
		const matches: FurgonetkaPackage[] = [];
		let lastPackageId: string | undefined;
		for (let page = 0; page < (this.options.maxLookupPages ?? 5); page++) {
			const response = this.api.call({
				method: "get",
				path: withQuery("/packages", {
					query: orderId,
					list_type: "all",
					limit: LIST_LIMIT,
					last_package_id: lastPackageId,
				}),
				endpoint,
				idempotent: true,
			});
			if (response.status < 200 || response.status >= 300) throw this.api.unexpected(endpoint, response);
			const { packages } = this.api.parse(packageListSchema, endpoint, response);
			packages.forEach((raw, index) => {
				// The search is Furgonetka's full-text `query`; only an exact reference counts.
				if (readField(raw, "user_reference_number") !== orderId) return;
				matches.push(this.parseListed(raw, index, endpoint));
			});
			const last = packages[packages.length - 1];
			const lastId = readField(last, "package_id");
			if (packages.length < LIST_LIMIT || lastId === null) break;
			lastPackageId = lastId;
		}
		const live = matches.filter((pkg) => !CANCELLED_STATES.has(pkg.state));
		live.sort((a, b) => compareIds(b.package_id, a.package_id));
		return live[0] ?? null;
	}

	private parseListed(raw: unknown, index: number, endpoint: string): FurgonetkaPackage {
		return parseWith(packageSchema, this.api.edge(endpoint, 200), raw, ["packages", index]);
	}

	/**
	 * Orders the pick-up of a package still `waiting` and returns the package as it then stands.
	 * `failOnRefusal` (createShipment) turns Furgonetka refusing the order into an error on the row;
	 * elsewhere it is logged, and the next run tries the next command.
	 */
	private completePickup(
		pkg: FurgonetkaPackage,
		mode: { fresh: boolean; failOnRefusal: boolean; polls: number },
	): CourierShipment {
		if (pkg.state !== NOT_ORDERED_STATE) return toCourierShipment(pkg, this.links);
		const outcome = this.orderPickup(pkg.package_id, mode);
		if (outcome.kind === "ordered") {
			// The package and its pick-up exist: a failed read-back (a 5xx, an unreadable answer) must not
			// turn them into an error, or the order would wait for a look-up it does not need.
			let current: FurgonetkaPackage | null = null;
			try {
				current = this.readPackage(pkg.package_id);
			} catch (error) {
				if (!(error instanceof PlatformError) || error.kind === "auth") throw error;
				this.options.log?.warn(
					`Furgonetka package ${pkg.package_id}: ${error.message}; its state is read at the next sync`,
				);
			}
			return toCourierShipment(current ?? pkg, this.links);
		}
		if (outcome.kind === "pending") return toCourierShipment(pkg, this.links);
		const orderId = pkg.user_reference_number ?? "";
		if (outcome.kind === "unreachable") {
			if (outcome.error.kind === "auth" || mode.failOnRefusal) {
				throw new PlatformError(
					"Furgonetka",
					outcome.error.endpoint,
					outcome.error.kind,
					`Furgonetka package ${pkg.package_id} for order ${orderId} was created, but ordering its pick-up failed: ${outcome.error.message}. Hubsheet orders it at the next sync.`,
					{ ...outcome.error.options, mayHaveApplied: true },
				);
			}
			this.options.log?.warn(outcome.error.message);
			return toCourierShipment(pkg, this.links);
		}
		const message = `Furgonetka package ${pkg.package_id} for order ${orderId} exists, but Furgonetka refused to order its pick-up: ${outcome.message}`;
		if (mode.failOnRefusal) {
			throw new PlatformError("Furgonetka", "PUT /order-commands/{uuid}", "rejected", message, {
				mayHaveApplied: true,
			});
		}
		this.options.log?.warn(message);
		return toCourierShipment(pkg, this.links);
	}

	/**
	 * Walks the package's pick-up commands (uuid per attempt): an unknown one is sent, a pending one is
	 * waited for, a failed one moves on to the next attempt, up to MAX_PICKUP_ATTEMPTS.
	 */
	private orderPickup(packageId: string, mode: { fresh: boolean; polls: number }): PickupOutcome {
		let lastRefusal = "";
		try {
			for (let attempt = 1; attempt <= MAX_PICKUP_ATTEMPTS; attempt++) {
				const uuid = pickupCommandUuid(packageId, attempt);
				// A package created a moment ago has no command yet: no need to ask. After a crash the
				// command may never have been sent: Furgonetka then answers `commandNotExists` (null).
				let command = mode.fresh && attempt === 1 ? null : this.readCommand(uuid);
				if (command === null) {
					const sent = this.sendCommand(uuid, packageId);
					if (sent.kind === "refused") {
						lastRefusal = sent.message;
						continue;
					}
					command = this.pollCommand(uuid, mode.polls);
				} else if (commandOutcome(command.status) === "pending") {
					command = this.pollCommand(uuid, 1);
				}
				// Sent but not there yet (Furgonetka may save a PUT later): pending, not failed.
				if (command === null) return { kind: "pending" };
				const outcome = commandOutcome(command.status);
				if (outcome === "pending") return { kind: "pending" };
				if (outcome === "successful") return { kind: "ordered" };
				// partial_success can leave this package undone: its own state says (NOTES.md).
				if (outcome === "partial" && this.readPackage(packageId)?.state !== NOT_ORDERED_STATE) {
					return { kind: "ordered" };
				}
				lastRefusal =
					foreignText(commandErrors(command), this.api.secrets(), FURGONETKA_SECRET_PATTERNS) ||
					`the pick-up order ended as "${foreignText(command.status, [], [])}"`;
			}
		} catch (error) {
			if (error instanceof PlatformError) return { kind: "unreachable", error };
			throw error;
		}
		return {
			kind: "failed",
			message: `${lastRefusal}. Hubsheet tried ${MAX_PICKUP_ATTEMPTS} times; order the pick-up in Furgonetka's panel.`,
		};
	}

	private sendCommand(uuid: string, packageId: string): { kind: "sent" } | { kind: "refused"; message: string } {
		const endpoint = "PUT /order-commands/{uuid}";
		const response = this.api.call({
			method: "put",
			path: `/order-commands/${uuid}`,
			endpoint,
			body: { packages: [{ id: packageIdValue(packageId) }] },
			// The client-chosen uuid is the idempotency key: repeating the PUT cannot order twice.
			idempotent: true,
		});
		if (response.status >= 200 && response.status < 300) return { kind: "sent" };
		// Already there (sent by an earlier attempt whose answer was lost): read it like any other.
		if (response.status === 409) return { kind: "sent" };
		if (response.status === 400 || response.status === 422) {
			return { kind: "refused", message: this.api.errorText(response) || `HTTP ${response.status}` };
		}
		throw this.api.unexpected(endpoint, response);
	}

	/** The command, or null when Furgonetka does not know the uuid: 400 `commandNotExists` (or a 404). */
	private readCommand(uuid: string): FurgonetkaOrderCommand | null {
		const endpoint = "GET /order-commands/{uuid}";
		const response = this.api.call({ method: "get", path: `/order-commands/${uuid}`, endpoint, idempotent: true });
		if (response.status === 404 || isCommandNotExists(response)) return null;
		if (response.status < 200 || response.status >= 300) throw this.api.unexpected(endpoint, response);
		return this.api.parse(orderCommandSchema, endpoint, response);
	}

	private pollCommand(uuid: string, polls: number): FurgonetkaOrderCommand | null {
		let command: FurgonetkaOrderCommand | null = null;
		for (let poll = 0; poll < Math.max(1, polls); poll++) {
			if (poll > 0) this.options.clock.sleep(this.options.pickupPollIntervalMs ?? 1_000);
			command = this.readCommand(uuid);
			if (command !== null && commandOutcome(command.status) !== "pending") return command;
		}
		return command;
	}

	private readPackage(packageId: string): FurgonetkaPackage | null {
		const endpoint = "GET /packages/{id}";
		const response = this.api.call({
			method: "get",
			path: `/packages/${pathId(packageId, endpoint)}`,
			endpoint,
			idempotent: true,
		});
		if (response.status === 404) return null;
		if (response.status < 200 || response.status >= 300) throw this.api.unexpected(endpoint, response);
		return this.api.parse(packageSchema, endpoint, response);
	}

	/** Furgonetka's field errors as problems; its whole text as one problem when it lists none. */
	private problems(response: HttpResponse): ValidationProblem[] {
		const safe = (text: string) => foreignText(text, this.api.secrets(), FURGONETKA_SECRET_PATTERNS);
		let parsed: unknown;
		try {
			parsed = JSON.parse(response.body);
		} catch {
			parsed = undefined;
		}
		const errors = errorsBodySchema.safeParse(parsed);
		if (errors.success && errors.data.errors.length > 0) {
			return errors.data.errors.map((error) => ({
				field: safe(error.path ?? error.field ?? "package"),
				message: safe(error.message),
			}));
		}
		const text = this.api.errorText(response);
		return [{ field: "package", message: text || `Furgonetka refused the package (HTTP ${response.status})` }];
	}

	private pickupPolls(): number {
		return this.options.pickupPolls ?? 3;
	}
}

/** 400 with an error whose `code` is `commandNotExists`: the notes' "unknown uuid", not a refusal. */
function isCommandNotExists(response: HttpResponse): boolean {
	if (response.status !== 400) return false;
	try {
		const parsed = errorsBodySchema.safeParse(JSON.parse(response.body));
		return parsed.success && parsed.data.errors.some((error) => error.code === "commandNotExists");
	} catch {
		return false;
	}
}

/** The state of the newest scan: by `datetime` where it parses, else the first item (newest first). */
function newestScan(answer: { tracking?: Array<{ state?: string | null; datetime?: string | null }> | null }) {
	const items = (answer.tracking ?? []).filter((item) => typeof item.state === "string" && item.state !== "");
	let best: (typeof items)[number] | undefined;
	let bestAt = Number.NEGATIVE_INFINITY;
	for (const item of items) {
		const at = Date.parse(item.datetime ?? "");
		if (best === undefined || (Number.isFinite(at) && at > bestAt)) {
			best = item;
			if (Number.isFinite(at)) bestAt = at;
		}
	}
	return best?.state ?? null;
}

function commandErrors(command: FurgonetkaOrderCommand): string {
	return (command.errors ?? [])
		.map((error) => {
			const path = error.path ?? error.field;
			return path ? `${path}: ${error.message}` : error.message;
		})
		.join("; ");
}

/** Package ids go into paths: only the characters an id has, so a cell's text cannot change the path. */
function pathId(id: string, endpoint: string): string {
	const text = id.trim();
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) {
		throw new PlatformError(
			"Furgonetka",
			endpoint,
			"rejected",
			`"${text.slice(0, 40)}" is not a Furgonetka package id`,
		);
	}
	return encodeURIComponent(text);
}

/** Numeric ids go back as numbers, as Furgonetka's own clients send them. */
function packageIdValue(id: string): string | number {
	return /^\d{1,15}$/.test(id) ? Number(id) : id;
}

function readField(raw: unknown, field: string): string | null {
	if (raw === null || typeof raw !== "object") return null;
	const value = (raw as Record<string, unknown>)[field];
	return typeof value === "string" || typeof value === "number" ? String(value) : null;
}

function compareIds(a: string, b: string): number {
	if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
	return a < b ? -1 : a > b ? 1 : 0;
}

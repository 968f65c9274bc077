/**
 * Ordering a package's pick-up (an asynchronous order command, NOTES.md): a PUT at a uuid derived
 * from the package id, so it is safe to repeat. A package found still `waiting` (a crash between
 * create and order, or an order that failed) gets its pick-up ordered here too: at most
 * MAX_PICKUP_ATTEMPTS commands per package, ever.
 *
 * Command statuses `waiting`, `running`, `successful`, `partial_success`, `error` (any other value is
 * still pending, as the clients read it); an unknown command uuid is answered 400 `commandNotExists`,
 * which means "not there (yet)".
 */
import { type CourierShipment, PlatformError } from "../../core/connector-contracts.js";
import type { Clock, HttpResponse, Log } from "../../ports.js";
import { foreignText } from "../http/redaction.js";
import type { FurgonetkaApi } from "./client.js";
import { pickupCommandUuid } from "./command-uuid.js";
import { FURGONETKA_SECRET_PATTERNS } from "./oauth-token.js";
import { readPackage } from "./package-lookup.js";
import { type ShipmentLinks, toCourierShipment } from "./package-mapping.js";
import {
	errorsBodySchema,
	type FurgonetkaOrderCommand,
	type FurgonetkaPackage,
	orderCommandSchema,
} from "./schemas.js";
import { NOT_ORDERED_STATE } from "./states.js";

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

type PickupOutcome =
	| { kind: "ordered" }
	| { kind: "pending" }
	| { kind: "failed"; message: string }
	| { kind: "unreachable"; error: PlatformError };

export interface PickupMode {
	/** The package was created a moment ago: it has no command yet. */
	fresh: boolean;
	/** createShipment: Furgonetka refusing the order is an error on the row; elsewhere it is logged. */
	failOnRefusal: boolean;
	/** How often to ask whether the command finished. */
	polls: number;
}

export class PickupOrders {
	constructor(
		private readonly api: FurgonetkaApi,
		private readonly clock: Clock,
		private readonly log: Log | undefined,
		private readonly links: ShipmentLinks,
		private readonly pollIntervalMs: number,
	) {}

	/**
	 * Orders the pick-up of a package still `waiting` and returns the package as it then stands.
	 * `failOnRefusal` (createShipment) turns Furgonetka refusing the order into an error on the row;
	 * elsewhere it is logged, and the next run tries the next command.
	 */
	complete(pkg: FurgonetkaPackage, mode: PickupMode): CourierShipment {
		if (pkg.state !== NOT_ORDERED_STATE) return toCourierShipment(pkg, this.links);
		const outcome = this.order(pkg.package_id, mode);
		if (outcome.kind === "ordered") {
			// The package and its pick-up exist: a failed read-back (a 5xx, an unreadable answer) must not
			// turn them into an error, or the order would wait for a look-up it does not need.
			let current: FurgonetkaPackage | null = null;
			try {
				current = readPackage(this.api, pkg.package_id);
			} catch (error) {
				if (!(error instanceof PlatformError) || error.kind === "auth") throw error;
				this.log?.warn(`Furgonetka package ${pkg.package_id}: ${error.message}; its state is read at the next sync`);
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
			this.log?.warn(outcome.error.message);
			return toCourierShipment(pkg, this.links);
		}
		const message = `Furgonetka package ${pkg.package_id} for order ${orderId} exists, but Furgonetka refused to order its pick-up: ${outcome.message}`;
		if (mode.failOnRefusal) {
			throw new PlatformError("Furgonetka", "PUT /order-commands/{uuid}", "rejected", message, {
				mayHaveApplied: true,
			});
		}
		this.log?.warn(message);
		return toCourierShipment(pkg, this.links);
	}

	/**
	 * Walks the package's pick-up commands (uuid per attempt): an unknown one is sent, a pending one is
	 * waited for, a failed one moves on to the next attempt, up to MAX_PICKUP_ATTEMPTS.
	 */
	private order(packageId: string, mode: PickupMode): PickupOutcome {
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
				if (outcome === "partial" && readPackage(this.api, packageId)?.state !== NOT_ORDERED_STATE) {
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
			if (poll > 0) this.clock.sleep(this.pollIntervalMs);
			command = this.readCommand(uuid);
			if (command !== null && commandOutcome(command.status) !== "pending") return command;
		}
		return command;
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

function commandErrors(command: FurgonetkaOrderCommand): string {
	return (command.errors ?? [])
		.map((error) => {
			const path = error.path ?? error.field;
			return path ? `${path}: ${error.message}` : error.message;
		})
		.join("; ");
}

/** Numeric ids go back as numbers, as Furgonetka's own clients send them. */
function packageIdValue(id: string): string | number {
	return /^\d{1,15}$/.test(id) ? Number(id) : id;
}

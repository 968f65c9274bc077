/**
 * Everything the InPost ShipX sandbox remembers: its token and organization, the shipments with
 * their status timelines, and the settings of its simulated time. A shipment is `created`, has
 * offers prepared a moment later, and is `confirmed` (bought: a 24-digit tracking number and a
 * label exist) after `confirmAfterSeconds`; the courier takes it `pickupAfterHours` later and it
 * walks the courier path to `delivered`. `tick` applies whatever is due.
 */
import { Rng } from "../kit/random.js";
import { COURIER_PATH, DEFAULT_ORGANIZATION_ID, DEFAULT_TOKEN, SERVICES, type ServiceDef } from "./catalog.js";

const HOUR = 3_600_000;

export interface InpostSettings {
	/** Not in NOTES (ShipX documents no rate limit in the pages read): generous, a setting. */
	perSecond: number;
	perDay: number;
	offersAfterSeconds: number;
	/**
	 * How long after creation a shipment is bought (`confirmed`, tracking number assigned). NOTES.md
	 * "Create-shipment body": "Creation is asynchronous: `created`/`offers_prepared`, then `confirmed`
	 * (tracking number assigned) a moment later ... (UNCONFIRMED timing)": a setting; 0 serves "at once".
	 */
	confirmAfterSeconds: number;
	/** How long after confirmation the courier takes it. */
	pickupAfterHours: number;
	/** Multiplies the hours between the courier path's steps (0 makes them all immediate). */
	transitScale: number;
	/**
	 * Whether the shipment list honours `reference`: NOTES.md ("Search / list filters") says it is not
	 * among [MB]'s filters, UNCONFIRMED against the official table. Off, the list ignores it, as a
	 * ShipX without that filter would; a client must match the reference itself either way.
	 */
	filtersByReference: boolean;
	/**
	 * NOTES.md "Status names": "The spelling (`cancelled` vs `canceled`) is UNCONFIRMED: map both": how
	 * the API spells a cancelled shipment's status (the sandbox keeps `cancelled` inside).
	 */
	cancelledSpelling: "cancelled" | "canceled";
}

export const DEFAULT_SETTINGS: InpostSettings = {
	perSecond: 20,
	perDay: 100_000,
	offersAfterSeconds: 2,
	confirmAfterSeconds: 60,
	pickupAfterHours: 20,
	transitScale: 1,
	filtersByReference: true,
	cancelledSpelling: "cancelled",
};

export interface InpostResetOptions {
	seed?: number;
	token?: string;
	organizationId?: number;
	settings?: Partial<InpostSettings>;
}

export interface StatusEntry {
	status: string;
	at: number;
}

export interface StoredShipment {
	id: number;
	body: Record<string, unknown>;
	service: ServiceDef;
	history: StatusEntry[];
	schedule: StatusEntry[];
	/** Drawn at creation, shown once the shipment is confirmed. */
	trackingNumber: string;
	createdAt: number;
	updatedAt: number;
}

const TERMINAL = new Set(["delivered", "returned_to_sender", "cancelled"]);
const OFF_PATH = new Set([
	"avizo",
	"undelivered_wrong_address",
	"rejected_by_receiver",
	"returned_to_sender",
	"cancelled",
]);

export class InpostState {
	readonly token: string;
	readonly organizationId: number;
	readonly settings: InpostSettings;
	readonly rng: Rng;
	readonly shipments = new Map<number, StoredShipment>();
	private nextId = 498_000_001;

	constructor(options: InpostResetOptions) {
		this.token = options.token ?? DEFAULT_TOKEN;
		this.organizationId = options.organizationId ?? DEFAULT_ORGANIZATION_ID;
		this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
		this.rng = new Rng(options.seed ?? 1);
	}

	create(body: Record<string, unknown>, nowMs: number): StoredShipment {
		const service = SERVICES.find((s) => s.id === body.service) as ServiceDef;
		const confirmAt = nowMs + this.settings.confirmAfterSeconds * 1000;
		const shipment: StoredShipment = {
			id: this.nextId++,
			body,
			service,
			history: [{ status: "created", at: nowMs }],
			schedule: [
				{ status: "offers_prepared", at: Math.min(nowMs + this.settings.offersAfterSeconds * 1000, confirmAt) },
				{ status: "confirmed", at: confirmAt },
				...this.courierPath(confirmAt + this.settings.pickupAfterHours * HOUR),
			],
			trackingNumber: this.trackingNumber(),
			createdAt: nowMs,
			updatedAt: nowMs,
		};
		this.shipments.set(shipment.id, shipment);
		return shipment;
	}

	/** A status as the API spells it (see `cancelledSpelling`). */
	wireStatus(status: string): string {
		return status === "cancelled" ? this.settings.cancelledSpelling : status;
	}

	statusOf(shipment: StoredShipment): string {
		return (shipment.history[shipment.history.length - 1] as StatusEntry).status;
	}

	isConfirmed(shipment: StoredShipment): boolean {
		return shipment.history.some((entry) => entry.status === "confirmed");
	}

	tick(nowMs: number): void {
		for (const shipment of this.shipments.values()) {
			while (shipment.schedule.length > 0 && (shipment.schedule[0] as StatusEntry).at <= nowMs) {
				const entry = shipment.schedule.shift() as StatusEntry;
				shipment.history.push(entry);
				shipment.updatedAt = entry.at;
			}
		}
	}

	/**
	 * Moves a shipment on now: to its next status, or to `to` on its path (later steps keep their
	 * spacing), or off the path (avizo, returned_to_sender, cancelled, ...), which ends the schedule
	 * except that an avizo is followed by a second delivery attempt.
	 */
	advance(shipment: StoredShipment, nowMs: number, to?: string): string {
		const current = this.statusOf(shipment);
		if (TERMINAL.has(current)) throw new Error(`shipment ${shipment.id} is ${current}: it moves no further`);
		if (to !== undefined && OFF_PATH.has(to)) {
			if (to === "cancelled" && this.isConfirmed(shipment)) {
				throw new Error(`shipment ${shipment.id} is confirmed: too late to cancel`);
			}
			if (to !== "cancelled" && !this.isConfirmed(shipment))
				throw new Error(`shipment ${shipment.id} is not confirmed yet`);
			const retry =
				to === "avizo"
					? [
							{ status: "out_for_delivery", at: nowMs + 24 * HOUR },
							{ status: "delivered", at: nowMs + (24 + 5 * this.settings.transitScale) * HOUR },
						]
					: [];
			shipment.schedule = retry;
			shipment.history.push({ status: to, at: nowMs });
			shipment.updatedAt = nowMs;
			return to;
		}
		const target = to ?? shipment.schedule[0]?.status;
		const index = shipment.schedule.findIndex((entry) => entry.status === target);
		if (target === undefined || index < 0)
			throw new Error(`shipment ${shipment.id} cannot move from ${current} to ${to}`);
		const shift = nowMs - (shipment.schedule[index] as StatusEntry).at;
		const reached = shipment.schedule.splice(0, index + 1);
		for (const entry of reached) shipment.history.push({ status: entry.status, at: nowMs });
		shipment.schedule = shipment.schedule.map((entry) => ({ ...entry, at: entry.at + shift }));
		shipment.updatedAt = nowMs;
		return target;
	}

	private courierPath(pickupAt: number): StatusEntry[] {
		let at = pickupAt;
		return COURIER_PATH.map(([status, hours]) => {
			at += hours * this.settings.transitScale * HOUR;
			return { status, at };
		});
	}

	/** 24 digits, as InPost's are: text end to end, or the last digits are lost. */
	private trackingNumber(): string {
		let digits = "6";
		while (digits.length < 24) digits += String(this.rng.int(0, 9));
		return digits;
	}
}

/**
 * Control endpoints under `/__sandbox/inpost`: inspect shipments, move them along their statuses
 * (including off the path: avizo, returned_to_sender, cancelled), and change the settings of the
 * simulated time (how long buying takes, when the courier comes). Bad arguments throw; the kit
 * answers 400.
 */
import { bodyObject, type Handler, json } from "../kit/http.js";
import type { Router } from "../kit/router.js";
import { shipmentView } from "./api.js";
import { STATUS_DICTIONARY } from "./catalog.js";
import type { InpostSandbox } from "./sandbox.js";
import type { InpostSettings, StoredShipment } from "./state.js";

function statusName(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== "string" || !STATUS_DICTIONARY.some((entry) => entry.name === value)) {
		throw new Error(`to must be a ShipX status: ${STATUS_DICTIONARY.map((entry) => entry.name).join(", ")}`);
	}
	return value;
}

export function registerControlRoutes(sb: InpostSandbox, router: Router<Handler>): void {
	const state = () => sb.state;
	const find = (id: string | undefined): StoredShipment => {
		const shipment = /^\d+$/.test(id ?? "") ? state().shipments.get(Number(id)) : undefined;
		if (!shipment) throw new Error(`no shipment ${id}`);
		return shipment;
	};

	router
		.get("/", () =>
			json(200, {
				organizationId: state().organizationId,
				token: state().token,
				settings: state().settings,
				shipments: state().shipments.size,
				clock: sb.clock.describe(),
			}),
		)
		.get("/shipments", (req) =>
			json(200, { shipments: [...state().shipments.values()].map((s) => shipmentView(sb, s, sb.origin(req))) }),
		)
		.get("/shipments/:id", (req) => {
			const shipment = find(req.params.id);
			return json(200, {
				shipment: shipmentView(sb, shipment, sb.origin(req)),
				trackingNumber: shipment.trackingNumber,
				history: shipment.history,
				schedule: shipment.schedule,
			});
		})
		.post("/shipments/:id/advance", (req) => {
			const shipment = find(req.params.id);
			state().tick(sb.now());
			state().advance(shipment, sb.now(), statusName(bodyObject(req).to));
			return json(200, { shipment: shipmentView(sb, shipment, sb.origin(req)), schedule: shipment.schedule });
		})
		.post("/shipments/advance", (req) => {
			const to = statusName(bodyObject(req).to);
			state().tick(sb.now());
			const moved: number[] = [];
			for (const shipment of state().shipments.values()) {
				try {
					state().advance(shipment, sb.now(), to);
					moved.push(shipment.id);
				} catch {
					// Finished, or `to` is not ahead of it: left alone.
				}
			}
			return json(200, { moved });
		})
		.get("/settings", () => json(200, state().settings))
		.post("/settings", (req) => {
			const changes = bodyObject(req);
			const settings = state().settings;
			for (const key of Object.keys(settings) as Array<keyof InpostSettings>) {
				const value = changes[key];
				if (value === undefined) continue;
				if (key === "cancelledSpelling") {
					if (value !== "cancelled" && value !== "canceled") throw new Error(`${key} must be cancelled or canceled`);
					settings[key] = value;
					continue;
				}
				if (key === "filtersByReference") {
					if (typeof value !== "boolean") throw new Error(`${key} must be true or false`);
					settings[key] = value;
					continue;
				}
				if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
					throw new Error(`${key} must be a non-negative number`);
				settings[key] = value;
			}
			sb.applySettings();
			return json(200, settings);
		});
}

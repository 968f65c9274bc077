/**
 * The InPost connector's tests answer from the InPost ShipX sandbox's routes in this process
 * (harness/in-process-http.ts, as the shared connector suite does): shipments stay `created` until a
 * test moves them on, the list with its `reference` filter (a setting turns it off), ShipX's error
 * bodies and token and organization checks. `http.intercept` injects a fault at one request.
 */
import { DEFAULT_TOKEN } from "../../../local/sandbox/inpost/catalog.js";
import { InpostSandbox, type InpostSandboxOptions } from "../../../local/sandbox/inpost/sandbox.js";
import type { StoredShipment } from "../../../local/sandbox/inpost/state.js";
import type { ShipmentRequest } from "../../../src/core/connector-contracts.js";
import { InpostConnector, type InpostConnectorOptions } from "../../../src/platforms/inpost/connector.js";
import type { HttpRequest } from "../../../src/ports.js";
import { InProcessHttp } from "../harness/in-process-http.js";
import { shipmentRequest } from "../harness/shipment-request.js";
import { FakeClock, FakeLog } from "../harness/stand-ins.js";

export { once } from "../harness/in-process-http.js";

export const BASE = "https://shipx.test";
export const TOKEN = DEFAULT_TOKEN;
export const ORGANIZATION = "1234";
export const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);

export interface Harness {
	sandbox: InpostSandbox;
	http: InProcessHttp<InpostSandbox>;
	clock: FakeClock;
	log: FakeLog;
	/** A connector as one run builds it, on the same ShipX. */
	connector(options?: Partial<InpostConnectorOptions>): InpostConnector;
	/** A shipment made in ShipX (by Parcel Manager, or a run before), moved on to `status` when given. */
	add(reference: string, status?: string): StoredShipment;
	/** The shipments ShipX holds, oldest first. */
	shipments(): StoredShipment[];
}

export function harness(options: InpostSandboxOptions = {}): Harness {
	// The clock stands still, so the per-second limit is lifted; a test injects its own 429.
	const sandbox = new InpostSandbox({
		now: NOW,
		frozen: true,
		seed: 7,
		...options,
		settings: { perSecond: 100_000, ...options.settings },
	});
	const http = new InProcessHttp(sandbox);
	const clock = new FakeClock(NOW);
	const log = new FakeLog();
	return {
		sandbox,
		http,
		clock,
		log,
		connector: (changes = {}) =>
			new InpostConnector({
				http,
				clock,
				log,
				apiToken: TOKEN,
				organizationId: ORGANIZATION,
				apiBaseUrl: BASE,
				...changes,
			}),
		add: (reference, status) => {
			const shipment = sandbox.state.create(
				{ reference, service: "inpost_courier_standard", parcels: [{ weight: { amount: 8, unit: "kg" } }] },
				sandbox.now(),
			);
			if (status !== undefined && status !== "created") sandbox.state.advance(shipment, sandbox.now(), status);
			return shipment;
		},
		shipments: () => [...sandbox.state.shipments.values()],
	};
}

export function bodyOf(request: HttpRequest): Record<string, unknown> {
	return JSON.parse(request.body ?? "{}") as Record<string, unknown>;
}

export function courierRequest(overrides: Partial<ShipmentRequest> = {}): ShipmentRequest {
	return shipmentRequest({
		receiver: { email: "", phone: "+48 500-600-700" },
		parcels: [{ lengthCm: 160, widthCm: 80.25, heightCm: 12, weightKg: 28.456 }],
		service: "inpost_courier_standard",
		...overrides,
	});
}

/**
 * The Furgonetka connector's tests answer from the Furgonetka sandbox's routes in this process
 * (harness/in-process-http.ts, as the shared connector suite does): its OAuth sessions, services,
 * dry run, packages and order commands. The tests' clock is the sandbox's: a day that passes for
 * the connector passes for Furgonetka's tokens and couriers too. `http.intercept` injects a fault.
 */

import { DEFAULT_APP, DEFAULT_USER } from "../../../local/sandbox/furgonetka/catalog.js";
import { FurgonetkaSandbox, type FurgonetkaSandboxOptions } from "../../../local/sandbox/furgonetka/sandbox.js";
import type { PackageState, StoredPackage } from "../../../local/sandbox/furgonetka/state.js";
import type { SimClock } from "../../../local/sandbox/kit/clock.js";
import type { ShipmentRequest } from "../../../src/core/connector-contracts.js";
import { FurgonetkaConnector, type FurgonetkaConnectorOptions } from "../../../src/platforms/furgonetka/connector.js";
import type { HttpRequest } from "../../../src/ports.js";
import { InProcessHttp } from "../harness/in-process-http.js";
import { shipmentRequest as courierShipment } from "../harness/shipment-request.js";
import { FakeClock, FakeLog, FakeStore } from "../harness/stand-ins.js";

export { once } from "../harness/in-process-http.js";

export const BASE = "https://furgonetka.test";
export const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);
export const CREDENTIALS = {
	clientId: DEFAULT_APP.clientId,
	clientSecret: DEFAULT_APP.clientSecret,
	username: DEFAULT_USER.username,
	password: DEFAULT_USER.password,
};

/** The tests' clock, moving the sandbox's with it (sleeps and days alike). */
class SharedClock extends FakeClock {
	constructor(private readonly sandboxClock: SimClock) {
		super(sandboxClock.now());
	}

	override sleep(ms: number): void {
		super.sleep(ms);
		this.sandboxClock.advance(ms);
	}

	override advance(ms: number): void {
		super.advance(ms);
		this.sandboxClock.advance(ms);
	}
}

export interface Harness {
	sandbox: FurgonetkaSandbox;
	http: InProcessHttp<FurgonetkaSandbox>;
	clock: FakeClock;
	store: FakeStore;
	log: FakeLog;
	/** A connector as one run builds it, on the same Furgonetka and Store. */
	connector(options?: Partial<FurgonetkaConnectorOptions>): FurgonetkaConnector;
	/** A DPD package made in Furgonetka (by the panel, or a run before), moved on to `state` when given. */
	addPackage(reference: string, state?: PackageState): StoredPackage;
	packages(): StoredPackage[];
	/** Password logins and refreshes Furgonetka answered. */
	logins(): number;
	refreshes(): number;
}

export function harness(options: FurgonetkaSandboxOptions = {}): Harness {
	// The per-second limit is lifted (a frozen second holds many requests); a test injects its own 429.
	const sandbox = new FurgonetkaSandbox({
		now: NOW,
		frozen: true,
		seed: 7,
		...options,
		settings: { perSecond: 1_000_000, perDay: 1_000_000, ...options.settings },
	});
	const http = new InProcessHttp(sandbox);
	const clock = new SharedClock(sandbox.clock);
	const store = new FakeStore();
	const log = new FakeLog();
	const dpd = () => sandbox.state.services.find((s) => s.service === "dpd");
	return {
		sandbox,
		http,
		clock,
		store,
		log,
		connector: (changes = {}) =>
			new FurgonetkaConnector({
				http,
				clock,
				store,
				log,
				credentials: CREDENTIALS,
				apiBaseUrl: BASE,
				...changes,
			}),
		addPackage: (reference, state) => {
			const service = dpd();
			if (!service) throw new Error("the sandbox has no dpd service");
			const pkg = sandbox.state.createPackage(
				{ user_reference_number: reference, service_id: service.id, parcels: [{ weight: 8 }] },
				service,
				sandbox.now(),
			);
			if (state !== undefined && state !== "waiting") sandbox.state.advance(pkg, sandbox.now(), state);
			return pkg;
		},
		packages: () => [...sandbox.state.packages.values()],
		logins: () => sandbox.state.counters.logins,
		refreshes: () => sandbox.state.counters.refreshes,
	};
}

export function pathOf(request: HttpRequest): string {
	return new URL(request.url).pathname;
}

export function bodyOf(request: HttpRequest): Record<string, unknown> {
	return JSON.parse(request.body ?? "{}") as Record<string, unknown>;
}

export function shipmentRequest(overrides: Partial<ShipmentRequest> = {}): ShipmentRequest {
	return courierShipment({
		receiver: { state: "mazowieckie" },
		sender: { phone: "+48 600 700 800" },
		// Within DPD's limits at the sandbox (175 cm a side, 300 cm length plus girth, 31.5 kg).
		parcels: [{ lengthCm: 100, widthCm: 50.2, heightCm: 12, weightKg: 28.456 }],
		...overrides,
	});
}

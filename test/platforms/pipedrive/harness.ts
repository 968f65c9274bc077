/** A PipedriveConnector wired to the in-process sandbox, a manual clock, a Map store and a line log. */
import type { PipedriveSandboxOptions } from "../../../local/sandbox/pipedrive/sandbox.js";
import type { NewDeal } from "../../../src/core/connector-contracts.js";
import { PipedriveConnector, type PipedriveConnectorOptions } from "../../../src/platforms/pipedrive/connector.js";
import { newDeal as dealOf } from "../harness/new-deal.js";
import { API_TOKEN, COMPANY, FakeClock, FakeLog, FakeStore, NOW, SandboxHttp } from "./sandbox-http.js";

export interface Harness {
	http: SandboxHttp;
	clock: FakeClock;
	store: FakeStore;
	log: FakeLog;
	connector: PipedriveConnector;
	/** A new execution: a fresh connector (no per-execution caches) on the same Pipedrive and Store. */
	nextRun(options?: Partial<PipedriveConnectorOptions>): PipedriveConnector;
}

export function harness(
	options: { sandbox?: PipedriveSandboxOptions; connector?: Partial<PipedriveConnectorOptions> } = {},
): Harness {
	const http = new SandboxHttp(options.sandbox);
	const clock = new FakeClock(NOW);
	const store = new FakeStore();
	const log = new FakeLog();
	const make = (extra: Partial<PipedriveConnectorOptions> = {}) =>
		new PipedriveConnector({
			http,
			clock,
			store,
			log,
			apiToken: API_TOKEN,
			companyDomain: COMPANY,
			...options.connector,
			...extra,
		});
	return { http, clock, store, log, connector: make(), nextRun: make };
}

export function newDeal(orderId: string, overrides: Partial<NewDeal> = {}): NewDeal {
	return dealOf(orderId, {
		value: 2499.5,
		person: { name: "Anna Kowalska", email: "anna.kowalska@example.com" },
		...overrides,
	});
}

/** The mapping's stage names, as Settings would list them. */
export const MAPPED_STAGES = [
	"New",
	"Design",
	"Production",
	"Ready to ship",
	"Shipped",
	"Delivered",
	"On hold",
	"Cancelled",
];

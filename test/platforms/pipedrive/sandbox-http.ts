/**
 * The Pipedrive connector's tests answer from the Pipedrive sandbox's routes in this process
 * (harness/in-process-http.ts, as every connector's suite does): the connector meets Pipedrive's real
 * behaviour (cursors, search lag, token costs, error bodies) while a test stays a plain unit test.
 */
import { PipedriveSandbox, type PipedriveSandboxOptions } from "../../../local/sandbox/pipedrive/sandbox.js";
import { InProcessHttp } from "../harness/in-process-http.js";

export { type Exchange, type Intercept, once } from "../harness/in-process-http.js";
export { FakeClock, FakeLog, FakeStore, json, text } from "../harness/stand-ins.js";

export const COMPANY = "ergodrewno";
export const API_TOKEN = "5b1f2c3d4e5f60718293a4b5c6d7e8f901234567";
export const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);

/** The in-process Pipedrive at the tests' time and seed, with the burst window and search lag out of the way. */
export class SandboxHttp extends InProcessHttp<PipedriveSandbox> {
	constructor(options: PipedriveSandboxOptions = {}) {
		super(
			new PipedriveSandbox({
				now: NOW,
				frozen: true,
				seed: 5,
				...options,
				settings: { burstPerWindow: 100_000, searchLagSeconds: 0, ...options.settings },
			}),
		);
	}

	get state() {
		return this.sandbox.state;
	}
}

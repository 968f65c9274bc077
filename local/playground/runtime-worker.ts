/**
 * A child process that runs executions of the bundle for the playground's server. The emulated
 * UrlFetchApp blocks its thread while a request is out, so executions cannot share a process with
 * an HTTP server that must stay responsive (the sidebar polls progress while a sync runs).
 * Requests are handled one at a time, in order, like the executions of one user.
 */
import { LocalRuntime } from "../gas/runtime.js";
import { toClientValue } from "./client-value.js";
import { runOutcome } from "./run-lines.js";
import type { WorkerConfig, WorkerRequest, WorkerResponse } from "./worker-protocol.js";

const config = JSON.parse(process.argv[2] ?? "{}") as WorkerConfig;
const runtime = new LocalRuntime({ stateDir: config.stateDir, pushDir: config.pushDir });

function handle(request: WorkerRequest): unknown {
	switch (request.op) {
		case "run":
			return runOutcome(runtime.run(request.fn, { args: request.args }));
		case "owner":
			return toClientValue(runtime.asOwner(request.code, request.args));
		case "advance":
			return runtime.advanceTime(request.ms).map(runOutcome);
	}
}

process.on("message", (message: WorkerRequest) => {
	let response: WorkerResponse;
	try {
		response = { id: message.id, ok: true, value: handle(message) };
	} catch (error) {
		response = { id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) };
	}
	process.send?.(response);
});
// The parent went away: nothing is left to answer.
process.on("disconnect", () => process.exit(0));

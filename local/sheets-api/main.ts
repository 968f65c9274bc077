/**
 * Starts the local Sheets v4 server over a state folder and prints one JSON line with its URL:
 *   {"sheetsApi":"http://127.0.0.1:40123/"}
 * Usage: npx tsx local/sheets-api/main.ts [--state-dir .hubsheet/state] [--port 0] [--exit-with-stdin]
 * With --exit-with-stdin it stops when its stdin closes, so a parent that dies leaves no port held.
 */
import { defaultStateDir } from "../gas/state-store.js";
import { startSheetsApiServer } from "./server.js";

function option(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

const server = await startSheetsApiServer({
	stateDir: option("state-dir") ?? defaultStateDir(),
	port: Number(option("port") ?? 0),
});
process.stdout.write(`${JSON.stringify({ sheetsApi: server.url })}\n`);
const stop = () => {
	void server.close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
if (process.argv.includes("--exit-with-stdin")) {
	process.stdin.on("end", stop);
	process.stdin.resume();
}

/**
 * A local server with Google's Sheets v4 REST shapes over the workbook the Apps Script emulator
 * keeps in a state folder (local/gas/state-store.ts): the runner, through googleapis pointed here by
 * its `rootUrl` option, reads and writes the very spreadsheet the playground shows and the bundle
 * syncs. Only the methods the runner uses are answered; anything else is a 404 in Google's error
 * shape. The values methods run the emulator's own code (local/gas/sheets-advanced.ts), so a value
 * reads back the same through either door. There is no authentication: it listens on 127.0.0.1.
 *
 * One process at a time should write a state folder: the emulator loads the workbook when an
 * execution starts and saves it when it ends, so a write landing here in between is lost. Tests and
 * the playground take turns (the lease makes the runner and the triggers take turns too).
 */
import { statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { sheets_v4 } from "@googleapis/sheets";
import { SheetsValues } from "../gas/sheets-advanced.js";
import { upgradeWorkbookState } from "../gas/spreadsheet/workbook-state.js";
import type { LocalState } from "../gas/state.js";
import { loadState, saveState } from "../gas/state-store.js";
import { apiHost } from "./api-host.js";
import { batchUpdate, SheetsApiError, sheetProperties } from "./batch-update.js";

export interface SheetsApiServer {
	url: string;
	/** Requests answered, by method name ("values.batchGet", "batchUpdate", ...), since the last reset. */
	counts(): Record<string, number>;
	close(): Promise<void>;
}

type Query = URLSearchParams;

/** The state folder's workbook, re-read only when another process changed its files. */
class StateFolder {
	private cached: { state: LocalState; stamp: string } | undefined;

	constructor(readonly dir: string) {}

	private stamp(): string {
		return ["meta.json", "workbook.json"]
			.map((file) => {
				try {
					const stats = statSync(join(this.dir, file));
					return `${stats.mtimeMs}:${stats.size}`;
				} catch {
					return "none";
				}
			})
			.join("|");
	}

	load(): LocalState {
		const stamp = this.stamp();
		if (this.cached?.stamp !== stamp) {
			const state = loadState(this.dir);
			upgradeWorkbookState(state.workbook);
			this.cached = { state, stamp: this.stamp() };
		}
		return this.cached.state;
	}

	save(state: LocalState): void {
		saveState(this.dir, state, ["workbook"]);
		this.cached = { state, stamp: this.stamp() };
	}

	forget(): void {
		this.cached = undefined;
	}
}

function readBody(request: IncomingMessage): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on("data", (chunk: Buffer) => chunks.push(chunk));
		request.on("error", reject);
		request.on("end", () => {
			const text = Buffer.concat(chunks).toString("utf8");
			if (text.trim() === "") return resolve({});
			try {
				resolve(JSON.parse(text));
			} catch {
				reject(new SheetsApiError(400, "INVALID_ARGUMENT", "Invalid JSON payload received."));
			}
		});
	});
}

/** The emulator's advanced service throws "API call to sheets.spreadsheets.X failed with error: ..." */
function fromServiceError(error: unknown): SheetsApiError {
	if (error instanceof SheetsApiError) return error;
	const message = error instanceof Error ? error.message : String(error);
	const text = message.replace(/^API call to sheets\.spreadsheets\.[\w.]+ failed with error: /, "");
	if (text === "Requested entity was not found.") return new SheetsApiError(404, "NOT_FOUND", text);
	return new SheetsApiError(400, "INVALID_ARGUMENT", text);
}

function readOptions(query: Query) {
	const options: Record<string, string> = {};
	for (const name of ["majorDimension", "valueRenderOption", "dateTimeRenderOption"]) {
		const value = query.get(name);
		if (value !== null) options[name] = value;
	}
	return options;
}

function writeOptions(query: Query) {
	const options: Record<string, unknown> = {};
	for (const name of [
		"valueInputOption",
		"insertDataOption",
		"responseValueRenderOption",
		"responseDateTimeRenderOption",
	]) {
		const value = query.get(name);
		if (value !== null) options[name] = value;
	}
	if (query.get("includeValuesInResponse") === "true") options.includeValuesInResponse = true;
	return options;
}

function spreadsheetResource(state: LocalState): sheets_v4.Schema$Spreadsheet {
	const workbook = state.workbook;
	return {
		spreadsheetId: workbook.id,
		properties: { title: workbook.name, locale: workbook.locale, timeZone: workbook.timeZone, autoRecalc: "ON_CHANGE" },
		sheets: workbook.sheets.map((sheet) => ({ properties: sheetProperties(workbook, sheet) })),
		spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${workbook.id}/edit`,
	};
}

interface Routed {
	method: string;
	answer: () => unknown;
}

/**
 * Google's paths: /v4/spreadsheets/{id}, /v4/spreadsheets/{id}:batchUpdate,
 * /v4/spreadsheets/{id}/values:batchGet|batchUpdate|batchClear, /v4/spreadsheets/{id}/values/{range}
 * with an optional :append or :clear.
 */
function route(verb: string, path: string, query: Query, body: unknown, folder: StateFolder): Routed | null {
	const match =
		/^\/v4\/spreadsheets\/([^/:]+)(:batchUpdate)?(?:\/values(?::(batchGet|batchUpdate|batchClear)|\/([^/]+?)(?::(append|clear))?)?)?$/.exec(
			path,
		);
	if (!match) return null;
	const [, rawId = "", spreadsheetBatch, valuesBatch, rawRange, rangeAction] = match;
	const spreadsheetId = decodeURIComponent(rawId);
	const state = folder.load();
	const host = apiHost(state, folder.dir);
	const values = new SheetsValues(host);
	const save = <T>(result: T): T => {
		if (host.dirty.has("workbook")) folder.save(state);
		return result;
	};
	const notFound = () => {
		if (spreadsheetId !== state.workbook.id)
			throw new SheetsApiError(404, "NOT_FOUND", "Requested entity was not found.");
	};
	const range = rawRange === undefined ? undefined : decodeURIComponent(rawRange);
	if (spreadsheetBatch && verb === "POST" && !valuesBatch && range === undefined) {
		return {
			method: "batchUpdate",
			answer: () => {
				notFound();
				try {
					return save(batchUpdate(host, body as sheets_v4.Schema$BatchUpdateSpreadsheetRequest));
				} catch (error) {
					folder.forget();
					throw error;
				}
			},
		};
	}
	if (spreadsheetBatch) return null;
	if (valuesBatch === undefined && range === undefined) {
		if (verb !== "GET" || path.includes("/values")) return null;
		return {
			method: "get",
			answer: () => {
				notFound();
				return spreadsheetResource(state);
			},
		};
	}
	if (valuesBatch === "batchGet" && verb === "GET") {
		return {
			method: "values.batchGet",
			answer: (): sheets_v4.Schema$BatchGetValuesResponse =>
				values.batchGet(spreadsheetId, {
					...readOptions(query),
					ranges: query.getAll("ranges"),
				}) as sheets_v4.Schema$BatchGetValuesResponse,
		};
	}
	if (valuesBatch === "batchUpdate" && verb === "POST") {
		return {
			method: "values.batchUpdate",
			answer: (): sheets_v4.Schema$BatchUpdateValuesResponse =>
				save(values.batchUpdate(body as never, spreadsheetId) as sheets_v4.Schema$BatchUpdateValuesResponse),
		};
	}
	if (valuesBatch === "batchClear" && verb === "POST") {
		return {
			method: "values.batchClear",
			answer: (): sheets_v4.Schema$BatchClearValuesResponse =>
				save(values.batchClear(body as never, spreadsheetId) as sheets_v4.Schema$BatchClearValuesResponse),
		};
	}
	if (range === undefined) return null;
	if (rangeAction === "append" && verb === "POST") {
		return {
			method: "values.append",
			answer: (): sheets_v4.Schema$AppendValuesResponse =>
				save(
					values.append(
						body as never,
						spreadsheetId,
						range,
						writeOptions(query),
					) as sheets_v4.Schema$AppendValuesResponse,
				),
		};
	}
	if (rangeAction === "clear" && verb === "POST") {
		return {
			method: "values.clear",
			answer: (): sheets_v4.Schema$ClearValuesResponse =>
				save(values.clear(body, spreadsheetId, range) as sheets_v4.Schema$ClearValuesResponse),
		};
	}
	if (rangeAction === undefined && verb === "GET") {
		return {
			method: "values.get",
			answer: (): sheets_v4.Schema$ValueRange =>
				values.get(spreadsheetId, range, readOptions(query)) as sheets_v4.Schema$ValueRange,
		};
	}
	if (rangeAction === undefined && verb === "PUT") {
		return {
			method: "values.update",
			answer: (): sheets_v4.Schema$UpdateValuesResponse =>
				save(
					values.update(
						body as never,
						spreadsheetId,
						range,
						writeOptions(query),
					) as sheets_v4.Schema$UpdateValuesResponse,
				),
		};
	}
	return null;
}

function send(response: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		"content-type": "application/json; charset=UTF-8",
		"content-length": Buffer.byteLength(text),
	});
	response.end(text);
}

function sendError(response: ServerResponse, error: SheetsApiError): void {
	send(response, error.code, { error: { code: error.code, message: error.message, status: error.status } });
}

export function startSheetsApiServer(options: {
	stateDir: string;
	port?: number;
	host?: string;
}): Promise<SheetsApiServer> {
	const folder = new StateFolder(options.stateDir);
	let counts: Record<string, number> = {};
	const server: Server = createServer((request, response) => {
		const url = new URL(request.url ?? "/", "http://localhost");
		// Test and bench hooks, outside Google's paths.
		if (url.pathname === "/__local/requests") {
			if (request.method === "DELETE") counts = {};
			send(response, 200, counts);
			return;
		}
		readBody(request)
			.then((body) => {
				const routed = route(request.method ?? "GET", url.pathname, url.searchParams, body, folder);
				if (!routed) {
					sendError(
						response,
						new SheetsApiError(
							404,
							"NOT_FOUND",
							`The local Sheets server does not answer ${request.method} ${url.pathname}.`,
						),
					);
					return;
				}
				counts[routed.method] = (counts[routed.method] ?? 0) + 1;
				send(response, 200, routed.answer());
			})
			.catch((error: unknown) => {
				folder.forget();
				sendError(response, fromServiceError(error));
			});
	});
	return new Promise((resolve) => {
		server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
			const address = server.address() as AddressInfo;
			resolve({
				url: `http://${address.address}:${address.port}/`,
				counts: () => ({ ...counts }),
				close: () => new Promise((done) => server.close(() => done())),
			});
		});
	});
}

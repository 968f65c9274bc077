/**
 * The playground's HTTP server: the page (grid, controls, log), the real dist/Sidebar.html with a
 * google.script.run shim, and the API both call. Executions run in child processes (see
 * runtime-worker.ts): one worker runs them in order, as one user's would; a second one answers the
 * sidebar's progress polls while the first is busy with a sync.
 */
import { readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { loadState } from "../gas/state-store.js";
import { EtsyControlClient } from "../sandbox/etsy/control-client.js";
import { SandboxControlClient } from "../sandbox/kit/control-client.js";
import type { Answer, CellEdit, ControlRequest, LogEntry, PlaygroundStatus } from "./api.js";
import { availableControls, type ControlContext } from "./controls.js";
import { driveView } from "./drive-view.js";
import { bundleEntryPoints, isCallable, ownHosts, refusal } from "./request-guard.js";
import { describeRun, localTime } from "./run-lines.js";
import { RuntimeWorker } from "./runtime-client.js";
import { editableColumns, workbookView } from "./workbook-view.js";
import type { RunOutcome } from "./worker-protocol.js";

const here = dirname(fileURLToPath(import.meta.url));

/** Read-only calls the sidebar makes while a sync runs: they go to the second worker. */
const PARALLEL_FUNCTIONS = new Set(["getSyncProgress"]);
/** Time passes in steps of this, so the shop's clock and the triggers move together. */
const TIME_STEP_MS = 10 * 60_000;
const MAX_LOG = 300;
const MAX_BODY_BYTES = 1_000_000;

export interface PlaygroundOptions {
	stateDir: string;
	pushDir: string;
	sandboxUrls: Record<string, string>;
	/** 0 (the default) picks a free port. */
	port?: number;
	host?: string;
	/** Told about every execution, e.g. to print it. */
	onRun?: (run: RunOutcome, line: string) => void;
	/**
	 * Syncs with the runner (`npm start -- --runner`): the sidebar's "Sync now" and every step of
	 * time passing run this instead of Apps Script's syncNow and triggers.
	 */
	runnerSync?: () => Promise<RunOutcome>;
}

export interface Playground {
	url: string;
	/** Moves every clock on by `ms`, firing the triggers that fall due. */
	passTime(ms: number): Promise<RunOutcome[]>;
	/** Runs an entry point in order with the page's calls. */
	run(functionName: string, args?: unknown[]): Promise<RunOutcome>;
	/** Runs code beside the bundle as the owner (tests seed data with it), in order with the page's calls. */
	asOwner<T = unknown>(code: string, args?: unknown[]): Promise<T>;
	close(): Promise<void>;
}

async function bundlePage(entry: string): Promise<string> {
	const result = await build({
		entryPoints: [join(here, "page", entry)],
		bundle: true,
		write: false,
		format: "iife",
		platform: "browser",
		target: "es2020",
		logLevel: "silent",
	});
	const output = result.outputFiles[0];
	if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
	// "</script" inside inlined code would end the script element early.
	return output.text.replace(/<\/script/gi, "<\\/script");
}

function readBody(request: IncomingMessage): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on("data", (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) reject(new Error("request too large"));
			else chunks.push(chunk);
		});
		request.on("end", () => {
			try {
				resolve(chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString("utf8")));
			} catch {
				reject(new Error("the body is not JSON"));
			}
		});
		request.on("error", reject);
	});
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
	response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
	response.end(body);
}

/** The Outbox shows this many latest mails (the state keeps them all). */
const OUTBOX_SHOWN = 20;

function sendJson(response: ServerResponse, value: unknown, status = 200): void {
	send(response, status, "application/json; charset=utf-8", JSON.stringify(value));
}

function fileVersion(path: string): string {
	try {
		const stats = statSync(path);
		return `${stats.mtimeMs}:${stats.size}`;
	} catch {
		return "none";
	}
}

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
	const config = { stateDir: options.stateDir, pushDir: options.pushDir };
	const main = new RuntimeWorker("main", config);
	const parallel = new RuntimeWorker("parallel", config);
	const etsyUrl = options.sandboxUrls.etsy;
	if (!etsyUrl) throw new Error("The playground needs the Etsy sandbox.");
	const etsy = new EtsyControlClient(etsyUrl);
	const controls = availableControls(options.sandboxUrls);
	const outages = new Set<string>();
	const log: LogEntry[] = [];
	let seq = 0;
	const busy = new Map<number, string>();
	let busySeq = 0;
	let menu: PlaygroundStatus["menu"] = [];
	/** The HTML of the dialog a menu item opened last (showModalDialog): the page shows it in a frame. */
	let dialogHtml = "";

	const clock = () => loadState(options.stateDir).clock;
	const note = (kind: LogEntry["kind"], text: string, at = clock()) => {
		log.push({ seq: ++seq, at: new Date(at).toISOString(), kind, text });
		if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
	};
	const record = (run: RunOutcome) => {
		const line = describeRun(run);
		note(run.status === "completed" ? "run" : "error", line, run.startedAt);
		for (const event of run.uiEvents) {
			if (event.kind === "alert" || event.kind === "toast")
				note("alert", `${event.title ? `${event.title}: ` : ""}${event.message ?? ""}`, run.endedAt);
		}
		options.onRun?.(run, `${localTime(run.startedAt, loadState(options.stateDir).workbook.timeZone)}  ${line}`);
	};
	async function whileBusy<T>(label: string, work: () => Promise<T>): Promise<T> {
		const id = ++busySeq;
		busy.set(id, label);
		try {
			return await work();
		} finally {
			busy.delete(id);
		}
	}
	const runnerSync = options.runnerSync;
	const run = (fn: string, args: unknown[] = []) =>
		whileBusy(fn === "syncNow" ? "Syncing…" : `Running ${fn}…`, async () => {
			const outcome = fn === "syncNow" && runnerSync ? await runnerSync() : await main.run(fn, args);
			record(outcome);
			return outcome;
		});

	async function passTime(ms: number): Promise<RunOutcome[]> {
		const runs: RunOutcome[] = [];
		const clients = Object.values(options.sandboxUrls).map((url) => new SandboxControlClient(url));
		for (let done = 0; done < ms; done += TIME_STEP_MS) {
			const step = Math.min(TIME_STEP_MS, ms - done);
			const label = `Time passing: ${Math.round((done + step) / 60_000)} of ${Math.round(ms / 60_000)} minutes…`;
			await whileBusy(label, async () => {
				await Promise.all(clients.map((client) => client.advanceClock({ ms: step })));
				const outcomes = await main.advanceTime(step);
				// The runner's schedule: a sync each step, as Cloud Scheduler would start the job.
				if (runnerSync) outcomes.push(await runnerSync());
				for (const outcome of outcomes) {
					record(outcome);
					runs.push(outcome);
				}
			});
		}
		return runs;
	}

	const context: ControlContext = {
		urls: options.sandboxUrls,
		etsy,
		outages,
		passTime: async (ms) => (await passTime(ms)).length,
	};

	const [pageScript, shim] = await Promise.all([bundlePage("app.ts"), bundlePage("script-run-shim.ts")]);
	const pageHtml = readFileSync(join(here, "page", "index.html"), "utf8")
		.replace("/*INLINE_CSS*/", () => readFileSync(join(here, "page", "page.css"), "utf8"))
		.replace("/*INLINE_JS*/", () => pageScript);

	let entryPoints = { version: "", names: new Set<string>() };
	/** Read again whenever the bundle changes (npm run build while the playground runs). */
	const callable = (fn: string) => {
		const file = join(options.pushDir, "Code.js");
		const version = fileVersion(file);
		if (version !== entryPoints.version)
			entryPoints = { version, names: bundleEntryPoints(readFileSync(file, "utf8")) };
		return isCallable(fn, entryPoints.names);
	};
	const menuFunctions = () => new Set(menu.flatMap((item) => (item ? [item.functionName] : [])));

	const opened = await main.run("onOpen", [{ authMode: "LIMITED" }]);
	menu = opened.uiEvents.find((event) => event.kind === "menu")?.items ?? [];

	// First thing in <head>: google.script exists before the page's own script runs.
	const withShim = (html: string) => html.replace(/<head>/i, () => `<head>\n<script>${shim}</script>`);
	const sidebarHtml = () => withShim(readFileSync(join(options.pushDir, "Sidebar.html"), "utf8"));

	function status(): PlaygroundStatus {
		const state = loadState(options.stateDir);
		return {
			version: fileVersion(join(options.stateDir, "workbook.json")),
			clock: new Date(state.clock).toISOString(),
			timeZone: state.workbook.timeZone,
			busy: busy.values().next().value ?? null,
			log: log.slice(-100),
			controls: controls.map(({ id, label }) => ({ id, label })),
			platforms: Object.keys(options.sandboxUrls),
			outages: [...outages],
			outbox: state.mail
				.slice(-OUTBOX_SHOWN)
				.reverse()
				.map((mail) => ({
					at: new Date(mail.sentAt).toISOString(),
					to: mail.to,
					subject: mail.subject,
					body: mail.body,
				})),
			outboxCount: state.mail.length,
			menu,
		};
	}

	async function editCell(edit: CellEdit): Promise<Answer> {
		const state = loadState(options.stateDir);
		const sheet = state.workbook.sheets.find((candidate) => candidate.sheetId === Number(edit.sheetId));
		if (!sheet) return { ok: false, error: "No such sheet." };
		const header =
			workbookView(state)
				.sheets.find((view) => view.sheetId === sheet.sheetId)
				?.cells[0]?.map((cell) => cell.text) ?? [];
		const row = Number(edit.row);
		const column = Number(edit.column);
		if (!(row > 1 && editableColumns(sheet, header).has(column)))
			return {
				ok: false,
				error: "Only your own cells (Status, Design, Notes; Settings values and tables) are editable here.",
			};
		// As the owner typing: SpreadsheetApp parses the text and the Status dropdown's rule applies.
		await whileBusy("Editing a cell…", () =>
			main.asOwner(
				"SpreadsheetApp.getActiveSpreadsheet().getSheetByName(arguments[0]).getRange(arguments[1], arguments[2]).setValue(arguments[3]);",
				[sheet.name, row, column, String(edit.value ?? "")],
			),
		);
		note("control", `You typed "${String(edit.value ?? "")}" into ${sheet.name}!R${row}C${column}.`);
		return { ok: true };
	}

	let hosts = new Set<string>();
	async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const refused = refusal({ method: request.method ?? "GET", headers: request.headers }, hosts);
		if (refused) {
			note("error", `Refused ${request.method} ${request.url}: ${refused.reason}`);
			// The body is never read: nothing of it reaches a worker.
			return send(response, refused.status, "text/plain; charset=utf-8", refused.reason);
		}
		const url = new URL(request.url ?? "/", "http://playground");
		const method = request.method ?? "GET";
		if (method === "GET" && url.pathname === "/") return send(response, 200, "text/html; charset=utf-8", pageHtml);
		if (method === "GET" && url.pathname === "/sidebar")
			return send(response, 200, "text/html; charset=utf-8", sidebarHtml());
		if (method === "GET" && url.pathname === "/dialog")
			return send(response, dialogHtml ? 200 : 404, "text/html; charset=utf-8", dialogHtml ? withShim(dialogHtml) : "");
		if (method === "GET" && url.pathname === "/api/status") return sendJson(response, status());
		if (url.pathname === "/favicon.ico") return send(response, 204, "image/x-icon", "");
		if (method === "GET" && url.pathname === "/api/workbook")
			return sendJson(response, workbookView(loadState(options.stateDir)));
		if (method === "GET" && url.pathname === "/api/drive")
			return sendJson(response, driveView(loadState(options.stateDir)));
		if (method !== "POST") return send(response, 404, "text/plain", "Not found");
		const body = (await readBody(request)) as Record<string, unknown>;
		switch (url.pathname) {
			case "/api/run": {
				const fn = String(body.fn ?? "");
				const args = Array.isArray(body.args) ? body.args : [];
				// google.script.run reaches the bundle's top-level functions only, never private ones (ending in _).
				if (!callable(fn)) return sendJson(response, { ok: false, error: `Script function not found: ${fn}` });
				const outcome = PARALLEL_FUNCTIONS.has(fn) && main.busy ? await parallel.run(fn, args) : await run(fn, args);
				if (outcome.status === "completed") return sendJson(response, { ok: true, value: outcome.value });
				return sendJson(response, { ok: false, error: outcome.error ?? outcome.status });
			}
			case "/api/menu": {
				const fn = String(body.functionName ?? "");
				if (!menuFunctions().has(fn) || !callable(fn))
					return sendJson(response, { ok: false, error: `No menu item runs ${fn}.` });
				const outcome = await run(fn);
				if (outcome.status !== "completed") return sendJson(response, { ok: false, error: outcome.error });
				// A dialog the item opened (the real dist/Settings.html through HtmlService): the page frames /dialog.
				const dialog = outcome.uiEvents.find((event) => event.kind === "dialog" || event.kind === "modelessDialog");
				if (!dialog) return sendJson(response, { ok: true });
				dialogHtml = dialog.html ?? "";
				return sendJson(response, {
					ok: true,
					dialog: { title: dialog.title ?? "", width: dialog.width ?? 600, height: dialog.height ?? 400 },
				});
			}
			case "/api/cell":
				return sendJson(response, await editCell(body as unknown as CellEdit));
			case "/api/control": {
				const { id, ...input } = body as unknown as ControlRequest;
				const control = controls.find((candidate) => candidate.id === id);
				if (!control) return sendJson(response, { ok: false, error: `No control ${String(id)}.` });
				const message = await control.run(context, input);
				note("control", message);
				return sendJson(response, { ok: true, message });
			}
			default:
				return send(response, 404, "text/plain", "Not found");
		}
	}

	const server = createServer((request, response) => {
		route(request, response).catch((error: unknown) => {
			const message = error instanceof Error ? error.message : String(error);
			note("error", message);
			if (!response.headersSent) sendJson(response, { ok: false, error: message }, 500);
			else response.end();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
	});
	const address = server.address() as AddressInfo;
	hosts = ownHosts(address.port, options.host);
	return {
		url: `http://${options.host ?? "127.0.0.1"}:${address.port}/`,
		passTime,
		run,
		asOwner: (code, args = []) => whileBusy("Acting as the owner…", () => main.asOwner(code, args)),
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await Promise.all([main.stop(), parallel.stop()]);
		},
	};
}

/**
 * The runner's I/O thread. The engine is synchronous (Apps Script's services are), so the runner's
 * main thread posts each request here and blocks in `Atomics.wait` until this worker has done it
 * with Node's async APIs: Sheets v4 calls through googleapis and HTTP through fetch. Plain
 * JavaScript, so it loads the same under tsx, vitest, plain node and the bundled runner.
 *
 * Protocol (as local/gas/url-fetch-worker.mjs): `{ id, signal, op }` in; `{ id, result }` or
 * `{ id, error }` out on the reply port, then the signal is set and notified.
 */
import { parentPort, workerData } from "node:worker_threads";
import { auth as googleAuth, sheets } from "@googleapis/sheets";

/** @type {import("node:worker_threads").MessagePort} */
const reply = workerData.port;
/** @type {{ rootUrl?: string; noAuth?: boolean }} */
const options = workerData.options ?? {};

let client;
function sheetsClient() {
	if (!client) {
		// Application Default Credentials: the Cloud Run job's service account, or
		// GOOGLE_APPLICATION_CREDENTIALS elsewhere. The local server needs none.
		const authOption = options.noAuth
			? {}
			: { auth: new googleAuth.GoogleAuth({ scopes: ["https://www.googleapis.com/auth/spreadsheets"] }) };
		client = sheets({ version: "v4", ...authOption, ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}) });
	}
	return client;
}

/** "spreadsheets.values.batchGet" -> the bound method of the client. */
function sheetsMethod(path) {
	const parts = path.split(".");
	let owner = sheetsClient();
	for (const part of parts.slice(0, -1)) owner = owner[part];
	const method = owner?.[parts[parts.length - 1]];
	if (typeof method !== "function") throw new Error(`No Sheets method ${path}`);
	return method.bind(owner);
}

async function sheetsCall({ method, params }) {
	try {
		const response = await sheetsMethod(method)(params, { retry: false });
		return { ok: true, status: response.status, data: response.data };
	} catch (error) {
		const status = error?.response?.status ?? 0;
		const message = error?.response?.data?.error?.message ?? String(error?.message ?? error);
		return { ok: false, status, message };
	}
}

async function fetchOne(request) {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), request.timeoutMs ?? 60_000);
	try {
		const response = await fetch(request.url, {
			method: request.method.toUpperCase(),
			headers: request.headers,
			body: request.body,
			// A redirect would carry the credentials to wherever it points: reported, never followed.
			redirect: "manual",
			signal: controller.signal,
		});
		const headers = {};
		response.headers.forEach((value, name) => {
			headers[name.toLowerCase()] = value;
		});
		return { ok: true, status: response.status, headers, body: await response.text() };
	} catch (error) {
		const reason = controller.signal.aborted ? "timed out" : String(error?.cause?.code ?? error?.message ?? error);
		return { ok: false, message: `${request.url.replace(/\?.*$/, "")}: no answer (${reason})` };
	} finally {
		clearTimeout(timer);
	}
}

parentPort?.on("message", async ({ id, signal, op }) => {
	let message;
	try {
		if (op.kind === "sheets") message = { id, result: await sheetsCall(op) };
		else if (op.kind === "fetch") message = { id, result: await Promise.all(op.requests.map(fetchOne)) };
		else message = { id, error: `unknown operation ${op.kind}` };
	} catch (error) {
		message = { id, error: String(error?.message ?? error) };
	}
	reply.postMessage(message);
	Atomics.store(signal, 0, 1);
	Atomics.notify(signal, 0);
});

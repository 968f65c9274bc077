import { existsSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlaygroundStatus } from "../../local/playground/api.js";
import { type Browser, CHROMIUM, launchChromium } from "../../local/playground/browser.js";
import { type PlaygroundWorld, startPlaygroundWorld } from "../../local/playground/fresh-playground.js";
import type { Playground } from "../../local/playground/server.js";

// The playground runs the developer's bundle with the developer's rights: a page on another origin,
// a rebound DNS name or a made-up function name must reach nothing. Real server, real Chromium.
let world: PlaygroundWorld;
let browser: Browser | undefined;
const hasChromium = existsSync(CHROMIUM);
let playground: Playground;
let hostile: Server;
let hostileUrl: string;

beforeAll(async () => {
	[world, browser] = await Promise.all([
		startPlaygroundWorld(),
		hasChromium ? launchChromium() : Promise.resolve(undefined),
	]);
	({ playground } = await world.fresh({ receipts: 1 }));
	// A page on another origin that tries what a hostile web page would: a "simple" text/plain POST
	// (no preflight) and a JSON one, to each endpoint that runs something.
	hostile = createServer((_request, response) => {
		response.writeHead(200, { "content-type": "text/html" });
		response.end("<!doctype html><title>hostile</title><p>nothing here</p>");
	});
	await new Promise<void>((resolve) => hostile.listen(0, "127.0.0.1", resolve));
	hostileUrl = `http://localhost:${(hostile.address() as AddressInfo).port}/`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => (hostile ? hostile.close(() => resolve()) : resolve()));
	await browser?.close();
	await world?.stop();
});

const port = () => Number(new URL(playground.url).port);

/** A raw request with whatever Host, Origin and type a test chooses (fetch would not let it set Host). */
function raw(
	path: string,
	options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const request = httpRequest(
			{ host: "127.0.0.1", port: port(), path, method: options.method ?? "POST", headers: options.headers },
			(response) => {
				const chunks: Buffer[] = [];
				response.on("data", (chunk: Buffer) => chunks.push(chunk));
				response.on("end", () =>
					resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
				);
			},
		);
		request.on("error", reject);
		request.end(options.body);
	});
}

const own = () => ({
	host: `127.0.0.1:${port()}`,
	origin: `http://127.0.0.1:${port()}`,
	"content-type": "application/json",
});

async function runsSoFar(): Promise<number> {
	const answer = await raw("/api/status", { method: "GET", headers: { host: own().host } });
	const status = JSON.parse(answer.body) as PlaygroundStatus;
	return status.log.filter(
		(entry) => entry.kind === "run" || (entry.kind === "error" && !entry.text.startsWith("Refused")),
	).length;
}

describe("the playground's server", () => {
	it("answers its own page: a JSON POST from its own origin runs an entry point", async () => {
		const before = await runsSoFar();
		const answer = await raw("/api/run", { headers: own(), body: JSON.stringify({ fn: "getSidebarState", args: [] }) });
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body)).toMatchObject({ ok: true });
		expect(await runsSoFar()).toBe(before + 1);
	});

	// Without a browser on the machine the Node requests below still send what a hostile page would.
	it.skipIf(!hasChromium)("refuses a cross-origin POST from a hostile page in Chromium, simple or JSON", async () => {
		if (!browser) return;
		const before = await runsSoFar();
		const page = await browser.context.newPage();
		try {
			await page.goto(hostileUrl);
			const outcomes = await page.evaluate(async (target) => {
				const attempts = [
					["api/run", JSON.stringify({ fn: "syncNow", args: [] }), "text/plain"],
					["api/menu", JSON.stringify({ functionName: "syncNow" }), "text/plain"],
					["api/control", JSON.stringify({ id: "new-order" }), "text/plain"],
					["api/run", JSON.stringify({ fn: "syncNow", args: [] }), "application/json"],
				];
				const results: string[] = [];
				for (const [path, body, type] of attempts) {
					try {
						const response = await fetch(target + path, {
							method: "POST",
							mode: type === "text/plain" ? "no-cors" : "cors",
							headers: { "content-type": type as string },
							body,
						});
						results.push(`${path} ${type}: ${response.type} ${response.status}`);
					} catch (error) {
						results.push(`${path} ${type}: ${(error as Error).message}`);
					}
				}
				return results;
			}, playground.url);
			expect(outcomes).toHaveLength(4);
		} finally {
			await page.close();
		}
		// Nothing ran; the server logged each refusal.
		expect(await runsSoFar()).toBe(before);
		const status = JSON.parse(
			(await raw("/api/status", { method: "GET", headers: { host: own().host } })).body,
		) as PlaygroundStatus;
		expect(status.log.filter((entry) => entry.text.startsWith("Refused POST")).length).toBeGreaterThanOrEqual(3);
	});

	it("refuses a cross-origin POST sent from Node too, and one without an Origin", async () => {
		const body = JSON.stringify({ functionName: "syncNow" });
		const foreign = await raw("/api/menu", { headers: { ...own(), origin: "http://evil.example" }, body });
		expect(foreign.status).toBe(403);
		expect(foreign.body).toContain("evil.example");
		const { origin: _omitted, ...withoutOrigin } = own();
		expect((await raw("/api/menu", { headers: withoutOrigin, body })).status).toBe(403);
		const crossSite = await raw("/api/menu", { headers: { ...own(), "sec-fetch-site": "cross-site" }, body });
		expect(crossSite.status).toBe(403);
	});

	it("refuses a wrong Host (DNS rebinding), for reads as well as runs", async () => {
		const rebound = { host: `attacker.example:${port()}`, origin: `http://attacker.example:${port()}` };
		const post = await raw("/api/run", {
			headers: { ...rebound, "content-type": "application/json" },
			body: JSON.stringify({ fn: "getSidebarState", args: [] }),
		});
		expect(post.status).toBe(421);
		const read = await raw("/api/workbook", { method: "GET", headers: { host: rebound.host } });
		expect(read.status).toBe(421);
		expect(read.body).not.toContain("Orders");
	});

	it("refuses a body that is not application/json", async () => {
		const before = await runsSoFar();
		for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
			const answer = await raw("/api/run", {
				headers: { ...own(), "content-type": type },
				body: JSON.stringify({ fn: "getSidebarState", args: [] }),
			});
			expect(answer.status, type).toBe(415);
		}
		expect(await runsSoFar()).toBe(before);
	});

	it("runs only the bundle's entry points: unknown names, eval, Function and code are not found", async () => {
		const names = [
			"eval",
			"Function",
			"constructor",
			"__hubsheetOwnerAction",
			"noSuchFunction",
			"syncNow;process.exit(1)",
			"this.constructor.constructor('return process')().exit",
			"SpreadsheetApp",
		];
		for (const fn of names) {
			const answer = await raw("/api/run", { headers: own(), body: JSON.stringify({ fn, args: ["1+1"] }) });
			expect(JSON.parse(answer.body), fn).toEqual({ ok: false, error: `Script function not found: ${fn}` });
		}
		for (const functionName of ["eval", "noSuchFunction", "getSidebarState"]) {
			// The menu runs only what onOpen put in the menu.
			const answer = await raw("/api/menu", { headers: own(), body: JSON.stringify({ functionName }) });
			expect(JSON.parse(answer.body), functionName).toEqual({ ok: false, error: `No menu item runs ${functionName}.` });
		}
	});

	it("never builds code from a name, even when the server's list is bypassed", async () => {
		// Straight to the runtime worker: the runtime looks the name up as a declared function.
		for (const fn of ["eval", "Function", "syncNow;0", "globalThis"]) {
			const outcome = await playground.run(fn, ["1+1"]);
			expect(outcome.status, fn).toBe("failed");
			expect(outcome.error, fn).toContain(`Script function not found: ${fn}`);
		}
	});
});

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionResult } from "../../../local/gas/runtime.js";
import { LocalHub } from "../../../local/hub/local-hub.js";
import type { FurgonetkaControlClient } from "../../../local/sandbox/furgonetka/control-client.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import { base64Encode } from "../../../src/platforms/http/base64.js";
import { setCells } from "./hub-fixture.js";

// A platform that echoes the credentials back in its error, in every form they travel in: the
// secrets must reach no cell, no log line, no other property and no sidebar payload. Real bundle,
// real HTTP to the Furgonetka sandbox, whose token endpoint is made to answer with the echo.

let sandboxes: SpawnedSandboxes;
let furgonetka: FurgonetkaControlClient;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "furgonetka"] });
	furgonetka = sandboxes.control("furgonetka") as FurgonetkaControlClient;
}, 120_000);
afterAll(() => sandboxes.stop());

const USERNAME = "sklep@ergodrewno.example";
const CLIENT_ID = "hubsheet-sandbox-client";

/** The wire forms of a secret an echoing server could send back (what the scan looks for). */
function wireForms(secret: string, user: string): string[] {
	const json = JSON.stringify(secret).slice(1, -1);
	return [
		secret,
		encodeURIComponent(secret),
		new URLSearchParams({ p: secret }).toString().slice(2),
		json,
		json.replace(/\//g, "\\/").replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
		base64Encode(`${user}:${secret}`),
	];
}

/** A Furgonetka OAuth error whose description quotes the request it received, every form included. */
function echoingBody(clientSecret: string, password: string): unknown {
	const form = new URLSearchParams({
		grant_type: "password",
		username: USERNAME,
		password,
		client_secret: clientSecret,
	}).toString();
	const quoted = JSON.stringify({ password, client_secret: clientSecret });
	return {
		error: "invalid_request",
		error_description: [
			`Bad request body ${form}`,
			`raw ${password} / ${clientSecret}`,
			`query password=${encodeURIComponent(password)}&client_secret=${encodeURIComponent(clientSecret)}`,
			`as JSON ${quoted}`,
			`as PHP JSON ${quoted.replace(/\//g, "\\/").replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}`,
			`Authorization: Basic ${base64Encode(`${CLIENT_ID}:${clientSecret}`)}`,
			`user token ${base64Encode(`${USERNAME}:${password}`)}`,
		].join(" | "),
	};
}

async function shopReadyToShip(clientSecret: string, password: string): Promise<{ hub: LocalHub; orderId: string }> {
	const etsy = sandboxes.control("etsy");
	await etsy.reset({ seed: 5, receipts: 0, settings: { perSecond: 10_000 } });
	await furgonetka.reset({});
	const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-echo-")) });
	hub.setUp();
	await hub.connectEtsy();
	await hub.connectCourier("Furgonetka");
	hub.runtime.updateState(["properties"], (state) => {
		state.properties.script["furgonetka.clientSecret"] = clientSecret;
		state.properties.script["furgonetka.password"] = password;
	});
	const receipt = await etsy.createReceipt({
		buyer: { name: "Anna Kowalska", first_line: "ul. Prosta 1", city: "Warszawa", zip: "01-234", country_iso: "PL" },
	});
	const orderId = String(receipt.receipt_id);
	hub.sync();
	setCells(hub, orderId, { Status: "Ready to ship", Phone: "600 200 300" });
	return { hub, orderId };
}

describe("a platform error echoing the credentials in every wire form", () => {
	for (const [label, clientSecret, password] of [
		["long secrets with characters every encoding changes", 'cl/ient+secret "ü" ~!', 'p@ss wörd+/"~!x'],
		["the shortest secrets (under six characters)", "k#9 z", "q7é"],
	] as const) {
		it(`keeps ${label} out of every cell, log, other property and sidebar payload`, async () => {
			const { hub } = await shopReadyToShip(clientSecret, password);
			await furgonetka.addFault({
				kind: "error",
				status: 400,
				method: "POST",
				path: "/oauth/token",
				times: 10,
				body: echoingBody(clientSecret, password),
			});
			const runs: ExecutionResult[] = [hub.sync(), hub.sync()];
			runs.push(hub.run("getSidebarState"));

			const state = hub.runtime.state();
			const cells = JSON.stringify(state.workbook);
			// The error did reach the owner, in Furgonetka's (redacted) words.
			expect(cells).toMatch(/Furgonetka/);
			expect(cells).toMatch(/invalid_request|redacted|withheld/);
			// Every property but the secrets' own two (script, user and document properties alike).
			const properties = JSON.parse(JSON.stringify(state.properties)) as { script: Record<string, string> };
			delete properties.script["furgonetka.clientSecret"];
			delete properties.script["furgonetka.password"];
			const surfaces: Record<string, string> = {
				cells,
				properties: JSON.stringify(properties),
				logs: JSON.stringify(runs.map((run) => run.logs)),
				errors: JSON.stringify(runs.map((run) => run.error ?? "")),
				"sidebar and sync payloads": JSON.stringify(runs.map((run) => run.value)),
			};
			const forms = [...wireForms(password, USERNAME), ...wireForms(clientSecret, CLIENT_ID)];
			for (const [surface, text] of Object.entries(surfaces)) {
				for (const form of forms) {
					expect({ surface, form, found: text.includes(form) }).toEqual({ surface, form, found: false });
				}
			}
		}, 120_000);
	}
});

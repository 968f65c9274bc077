import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArgs } from "../../../local/sandbox/main.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import { EtsyTestClient, RECEIPTS } from "./etsy-client.js";

describe("parseArgs", () => {
	it("reads ports, seed and time from args and env", () => {
		expect(
			parseArgs(["--etsy-port", "4001", "--seed", "5", "--now", "2026-01-01T00:00:00Z"], { SANDBOX_HOST: "0.0.0.0" }),
		).toEqual({
			ports: { etsy: 4001 },
			seed: 5,
			now: Date.parse("2026-01-01T00:00:00Z"),
			host: "0.0.0.0",
			exitWithStdin: false,
		});
		expect(parseArgs([], { SANDBOX_ETSY_PORT: "4555", SANDBOX_SEED: "9" })).toMatchObject({
			ports: { etsy: 4555 },
			seed: 9,
		});
		expect(() => parseArgs(["--bogus"], {})).toThrow(/unknown argument/);
	});
});

describe("spawnSandboxes", () => {
	let spawned: SpawnedSandboxes;
	beforeAll(async () => {
		spawned = await spawnSandboxes({ seed: 4, now: Date.UTC(2026, 5, 1) });
	});
	afterAll(() => spawned.stop());

	it("runs the sandboxes in a child process and drives them over HTTP", async () => {
		expect(spawned.pid).not.toBe(process.pid);
		expect(spawned.urls.etsy).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const etsy = spawned.control("etsy");
		const { access_token } = await etsy.issueTokens();
		const api = new EtsyTestClient(spawned.urls.etsy as string);
		api.token = access_token;
		const page = await api.get<{ count: number }>(RECEIPTS);
		expect(page.status).toBe(200);
		expect(page.body.count).toBe(30);
		expect(await etsy.requests()).toHaveLength(1);
		expect(() => spawned.control("nope")).toThrow(/no sandbox nope/);
	});

	it("stops the child", async () => {
		const other = await spawnSandboxes({ only: ["etsy"] });
		const url = other.urls.etsy as string;
		await other.stop();
		await expect(fetch(`${url}/__sandbox`)).rejects.toThrow();
	});
});

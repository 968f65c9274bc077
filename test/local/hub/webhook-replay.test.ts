import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalHub } from "../../../local/hub/local-hub.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import type { WebhookControlClient } from "../../../local/sandbox/webhook/control-client.js";
import { DEFAULT_WEBHOOK_SECRET } from "../../../local/sandbox/webhook/state.js";

// The README's verification snippet, extracted and run as written, on an event the real bundle
// signed and sent to the webhook sandbox: accepted while fresh, refused as a replay once older than
// the tolerance. The sandbox, which checks the same way on its own clock, refuses the replay too.

type Verify = (rawBody: string, header: string, secret: string, nowSeconds?: number) => unknown;

function readmeSnippet(): Verify {
	const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
	const match = /<!-- webhook-verify-snippet -->\s*```js\n([\s\S]*?)```/.exec(readme);
	if (!match?.[1]) throw new Error("README has no webhook verification snippet");
	const context = vm.createContext({
		require: createRequire(import.meta.url),
		Buffer,
		JSON,
		Math,
		Date,
		Number,
		String,
	});
	vm.runInContext(`${match[1]}\nthis.verifyHubsheetEvent = verifyHubsheetEvent;`, context);
	return context.verifyHubsheetEvent as Verify;
}

let sandboxes: SpawnedSandboxes;
let webhook: WebhookControlClient;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "webhook"] });
	webhook = sandboxes.control("webhook");
}, 120_000);
afterAll(() => sandboxes.stop());

describe("a replayed webhook event", () => {
	it("is refused by the README's snippet and by the receiver once older than five minutes", async () => {
		const etsy = sandboxes.control("etsy");
		await etsy.reset({ seed: 4, receipts: 0, settings: { perSecond: 10_000 } });
		await webhook.reset({});
		const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-replay-")) });
		hub.setUp();
		await hub.connectEtsy();
		await hub.connectCrm("Webhook");
		await etsy.createReceipt({});
		hub.sync();

		const [delivered] = await webhook.events({ verdict: "accepted" });
		if (!delivered) throw new Error("the bundle sent no event");
		const header = delivered.headers["x-hubsheet-signature"] as string;
		expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
		const signedAt = Number(/^t=(\d+)/.exec(header)?.[1]);

		const verify = readmeSnippet();
		expect(verify(delivered.rawBody, header, DEFAULT_WEBHOOK_SECRET, signedAt + 1)).toMatchObject({
			event: "order.created",
			id: delivered.eventId,
		});
		expect(() => verify(delivered.rawBody, header, DEFAULT_WEBHOOK_SECRET, signedAt + 301)).toThrow(/too old/);
		expect(() => verify(delivered.rawBody, header, "another-secret-entirely-0123", signedAt + 1)).toThrow(
			/does not match/,
		);
		// A fresh timestamp pasted onto the recorded event does not help: the timestamp is signed.
		const forged = header.replace(/^t=\d+/, `t=${signedAt + 301}`);
		expect(() => verify(delivered.rawBody, forged, DEFAULT_WEBHOOK_SECRET, signedAt + 301)).toThrow(/does not match/);

		// The receiver: the same bytes and header six minutes later are refused as stale.
		await webhook.advanceClock({ seconds: 360 });
		const replay = await fetch(webhook.hookUrl("orders"), {
			method: "POST",
			headers: {
				"content-type": "application/json",
				"x-hubsheet-signature": header,
				"x-hubsheet-event": "order.created",
			},
			body: delivered.rawBody,
		});
		expect(replay.status).toBe(401);
		expect((await webhook.events({ verdict: "rejected" })).map((event) => event.reason)).toEqual(["signature stale"]);
	}, 120_000);
});

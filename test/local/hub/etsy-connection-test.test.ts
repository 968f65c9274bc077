import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectionTest } from "../../../src/core/connection-words.js";
import { ETSY_STORE_KEYS } from "../../../src/platforms/etsy/oauth-store.js";
import type { ConnectionSecretsForm, ConnectionSecretsView } from "../../../src/ui/sidebar-api.js";
import { type HubFixture, startHubFixture } from "./hub-fixture.js";

// The settings dialog's connection test covers Etsy as it does a CRM or courier: once the owner has
// signed in, saving runs the Etsy descriptor's probe (one receipt of the saved shop) and says in
// words whether it works. Real bundle, real HTTP to the Etsy sandbox.

let fixture: HubFixture;
beforeAll(async () => {
	fixture = await startHubFixture(["etsy"]);
}, 120_000);
afterAll(() => fixture.stop());

const NOTHING_CHOSEN: ConnectionSecretsForm = { crm: "None", courier: "None", settings: {}, secrets: {} };

function etsyTest(view: ConnectionSecretsView): ConnectionTest | undefined {
	return view.tests?.find((test) => test.platform === "Etsy");
}

describe("the settings dialog's test of the Etsy connection", () => {
	it("reads one receipt of the saved shop and says Etsy works", async () => {
		const hub = await fixture.freshHub({ receipts: 1 });
		const saved = hub.run("saveConnectionSecrets", { args: [NOTHING_CHOSEN] });
		expect(saved.error ?? "").toBe("");
		expect(etsyTest(saved.value as ConnectionSecretsView)).toEqual({
			platform: "Etsy",
			ok: true,
			message: "Etsy works: Hubsheet could sign in.",
		});
		expect((await fixture.etsy.requests()).map((r) => `${r.method} ${r.path}`)).toContainEqual(
			expect.stringMatching(/^GET \/v3\/application\/shops\/\d+\/receipts$/),
		);
	});

	it("says in words, naming Etsy and the Settings row, when the shop id is not the signed-in owner's", async () => {
		const hub = await fixture.freshHub({ receipts: 1 });
		hub.setSettings({ "Etsy shop id": "999" });
		const test = etsyTest(hub.run("saveConnectionSecrets", { args: [NOTHING_CHOSEN] }).value as ConnectionSecretsView);
		expect(test?.ok).toBe(false);
		expect(test?.message).toMatch(/^Etsy answered, but not as expected: it would not show the orders of shop 999 /);
		expect(test?.message).toContain("Check the Etsy shop id on the Settings sheet");
	});

	it("says Etsy did not accept the sign-in when Etsy has revoked it", async () => {
		const hub = await fixture.freshHub({ receipts: 1 });
		await fixture.etsy.revokeTokens();
		const test = etsyTest(hub.run("saveConnectionSecrets", { args: [NOTHING_CHOSEN] }).value as ConnectionSecretsView);
		expect(test?.ok).toBe(false);
		expect(test?.message).toMatch(/^Etsy did not accept these details/);
	});

	it("is not run before the owner has signed in to Etsy", async () => {
		const hub = await fixture.freshHub({ receipts: 1 });
		hub.runtime.updateState(["properties"], (state) => {
			delete state.properties.script[ETSY_STORE_KEYS.tokens];
		});
		const view = hub.run("saveConnectionSecrets", { args: [NOTHING_CHOSEN] }).value as ConnectionSecretsView;
		expect(etsyTest(view)).toBeUndefined();
	});
});

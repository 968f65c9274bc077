/**
 * Alerts by e-mail on the real bundle, in the local runtime against the Etsy sandbox: each trigger
 * kind (a red finding, an order past Ship by, syncs failing in a row, a connection to sign in to
 * again) is mailed once across runs, in one plain-text digest per run to the owner; the daily limit
 * on Settings holds; quiet mode sends nothing, then or later. The outbox is MailApp's
 * (local/gas/mail.ts), as the playground shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalHub } from "../../../local/hub/local-hub.js";
import { ETSY_STORE_KEYS } from "../../../src/platforms/etsy/oauth.js";
import { type HubFixture, reportOf, startHubFixture } from "./hub-fixture.js";

const RECEIPTS = "/v3/application/shops/:shop_id/receipts";
const DAY = 86_400_000;
const OWNER = "owner@example.com";

let fixture: HubFixture;

beforeAll(async () => {
	fixture = await startHubFixture(["etsy"]);
}, 120_000);
afterAll(async () => {
	await fixture.etsy.clearFaults();
	await fixture.stop();
});

function outbox(hub: LocalHub): Array<{ to: string; subject: string; body: string }> {
	return hub.runtime.state().mail;
}

/** A new order on Etsy whose Ship by day is three days gone, and one the buyer cancels. */
async function troubledShop(hub: LocalHub): Promise<{ late: string; cancelled: string }> {
	const now = hub.runtime.state().clock;
	const buyer = { first_line: "ul. Prosta 1", city: "Warszawa", zip: "01-234", country_iso: "PL" };
	const late = await fixture.etsy.createReceipt({
		// A hostile name: it must arrive as the same plain text, never as markup.
		buyer: { name: "<b>Ola</b> & Co", ...buyer },
		ship_by: Math.floor((now - 3 * DAY) / 1000),
	});
	const cancelled = await fixture.etsy.createReceipt({ buyer: { name: "Piotr Zięba", ...buyer } });
	return { late: String(late.receipt_id), cancelled: String(cancelled.receipt_id) };
}

/** How many mails of the outbox carry this text. */
function mailsWith(hub: LocalHub, text: string): number {
	return outbox(hub).filter((mail) => mail.body.includes(text)).length;
}

describe("alerts by e-mail, end to end", () => {
	it("mails each kind once across runs, one digest per run, to the owner and the extra address", async () => {
		const hub = await fixture.freshHub({ receipts: 0 });
		hub.setSettings({ "Alert after failed syncs": "2", "Alert e-mails also to": "partner@example.com" });
		const orders = await troubledShop(hub);
		hub.sync();
		await fixture.etsy.cancel(Number(orders.cancelled));
		hub.sync();
		hub.sync();
		// Two failed syncs in a row (Etsy answers 503), then one more: mailed once, at the second.
		await fixture.etsy.addFault({ kind: "error", status: 503, path: RECEIPTS, times: 1000 });
		hub.sync();
		hub.sync();
		hub.sync();
		await fixture.etsy.clearFaults();
		// Etsy's sign-in is ten days from lapsing (issued 80 days ago, the access token still valid).
		hub.runtime.updateState(["properties"], (state) => {
			const tokens = JSON.parse(state.properties.script[ETSY_STORE_KEYS.tokens] ?? "") as { savedAtMs: number };
			tokens.savedAtMs = state.clock - 80 * DAY - 60_000;
			state.properties.script[ETSY_STORE_KEYS.tokens] = JSON.stringify(tokens);
		});
		hub.sync();
		hub.sync();
		// Etsy revokes the grant: the owner must connect again.
		await fixture.etsy.revokeTokens();
		await fixture.etsy.expireAccessTokens();
		expect(reportOf(hub.sync()).message).toMatch(/reconnect Etsy/i);
		hub.sync();

		const mails = outbox(hub);
		expect(mails.map((mail) => mail.to)).toEqual(mails.map(() => `${OWNER},partner@example.com`));
		expect(mailsWith(hub, `Order ${orders.late} (<b>Ola</b> & Co): The order is 3 days past its ship-by date`)).toBe(1);
		expect(mailsWith(hub, `Order ${orders.cancelled} (Piotr Zięba): Etsy shows the order as`)).toBe(1);
		expect(mailsWith(hub, "2 syncs in a row failed")).toBe(1);
		expect(mailsWith(hub, "syncs in a row failed")).toBe(1);
		expect(mailsWith(hub, "Etsy: Etsy's sign-in lapses in 10 days.")).toBe(1);
		expect(mailsWith(hub, "Connections to sign in to again:\n- Etsy:")).toBe(2);
		expect(mails.map((mail) => mail.subject)).toEqual([
			"Hubsheet: Orders past their Ship by date",
			"Hubsheet: Orders that need you",
			"Hubsheet: Syncs are failing",
			"Hubsheet: Connections to sign in to again",
			"Hubsheet: Connections to sign in to again",
		]);
		for (const mail of mails) {
			// Plain text: no HTML body, and the only link is the spreadsheet's.
			expect(mail).not.toHaveProperty("htmlBody");
			expect(mail.body.match(/https?:\/\/\S+/g)).toEqual([
				expect.stringMatching(/^https:\/\/docs\.google\.com\/spreadsheets\/d\//),
			]);
		}
	});

	it("holds the daily limit from Settings; what waited goes out the next day", async () => {
		const hub = await fixture.freshHub({ receipts: 0 });
		hub.setSettings({ "Alert e-mails per day": "1" });
		const orders = await troubledShop(hub);
		hub.sync();
		await fixture.etsy.cancel(Number(orders.cancelled));
		hub.sync();
		hub.sync();
		expect(outbox(hub)).toHaveLength(1);
		expect(outbox(hub)[0]?.body).toContain("This is the last alert e-mail today");
		hub.runtime.advanceTime(DAY);
		hub.sync();
		expect(outbox(hub)).toHaveLength(2);
		expect(outbox(hub)[1]?.body).toContain(`Order ${orders.cancelled} (Piotr Zięba)`);
		expect(outbox(hub)[1]?.body).not.toContain(`Order ${orders.late} `);
	});

	it("sends nothing in quiet mode, and nothing of it later when alerts are on again", async () => {
		const hub = await fixture.freshHub({ receipts: 0 });
		hub.setSettings({ "Alert e-mails": "Quiet", "Alert after failed syncs": "1", "Morning summary at": "0" });
		const orders = await troubledShop(hub);
		hub.sync();
		await fixture.etsy.cancel(Number(orders.cancelled));
		await fixture.etsy.addFault({ kind: "error", status: 503, path: RECEIPTS, times: 1000 });
		hub.sync();
		await fixture.etsy.clearFaults();
		hub.sync();
		expect(outbox(hub)).toEqual([]);
		hub.setSettings({ "Alert e-mails": "On", "Morning summary at": "Off" });
		hub.sync();
		expect(outbox(hub)).toEqual([]);
	});
});

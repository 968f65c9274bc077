import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchChromium } from "../../local/playground/browser.js";
import { type PlaygroundWorld, startPlaygroundWorld } from "../../local/playground/fresh-playground.js";
import { MARKUP_NOTE, type OpenPlayground, openPlayground } from "./playground-helpers.js";

// The Outbox under the log: the alert e-mails the real bundle sent through the local MailApp, in
// Debian's Chromium, every part shown as text.
let world: PlaygroundWorld;
let browser: Browser;
let open: OpenPlayground | undefined;

beforeAll(async () => {
	[world, browser] = await Promise.all([startPlaygroundWorld(["etsy"]), launchChromium()]);
});

afterAll(async () => {
	await open?.close();
	await browser?.close();
	await world?.stop();
});

const POLL = { timeout: 15_000, interval: 200 };
const DAY = 86_400_000;

describe("the playground's Outbox", () => {
	it("lists the alert e-mail about an order past its Ship by date, the buyer's markup shown as text", async () => {
		open = await openPlayground(world, browser, { receipts: 0 });
		const { page, sidebar, hub } = open;
		const receipt = await world.etsy.createReceipt({
			buyer: { name: MARKUP_NOTE, first_line: "ul. Prosta 1", city: "Warszawa", zip: "01-234", country_iso: "PL" },
			ship_by: Math.floor((hub.runtime.state().clock - 3 * DAY) / 1000),
		});
		const orderId = String(receipt.receipt_id);
		await sidebar.locator("#sync-now").click();
		await expect.poll(() => page.locator("#outbox-title").textContent(), POLL).toMatch(/^Outbox \(1\)/);
		await page.locator("#outbox-title").click();
		const mail = page.locator("#outbox .mail").first();
		await mail.waitFor({ state: "visible" });
		expect(await mail.locator(".mail-head").textContent()).toMatch(/To: owner@example\.com$/);
		expect(await mail.locator(".mail-subject").textContent()).toBe("Hubsheet: Orders past their Ship by date");
		expect(await mail.locator(".mail-body").textContent()).toContain(
			`Order ${orderId} (${MARKUP_NOTE}): The order is 3 days past its ship-by date`,
		);
		expect(await page.locator("#outbox img").count()).toBe(0);
		expect(open.dialogs).toEqual([]);

		// The next sync finds nothing new: the Outbox stays at one.
		await sidebar.locator("#sync-now").click();
		await expect.poll(() => sidebar.locator("#sync-now").getAttribute("aria-disabled"), POLL).toBe("false");
		expect(await page.locator("#outbox .mail").count()).toBe(1);
	});
});

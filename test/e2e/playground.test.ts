import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_ETSY_APP } from "../../local/hub/local-hub.js";
import { type Browser, launchChromium } from "../../local/playground/browser.js";
import { type PlaygroundWorld, startPlaygroundWorld } from "../../local/playground/fresh-playground.js";
import {
	cancelledFinding,
	cellText,
	MARKUP_NOTE,
	type OpenPlayground,
	openPlayground,
	reloadSidebar,
	rowOfOrder,
	seedFindings,
	selectedRows,
	typeInCell,
} from "./playground-helpers.js";

// The real bundle in the local runtime, the real Sidebar.html in Debian's Chromium, the sandboxes
// in a child process: what the owner would see and do, driven by clicks and keys.
let world: PlaygroundWorld;
let browser: Browser;
let open: OpenPlayground | undefined;

beforeAll(async () => {
	[world, browser] = await Promise.all([startPlaygroundWorld(), launchChromium()]);
});

afterEach(async () => {
	await open?.close();
	open = undefined;
});

afterAll(async () => {
	await browser?.close();
	await world?.stop();
});

const POLL = { timeout: 15_000, interval: 200 };
/** SEVERITY_TINT.error as the browser reports it. */
const RED_TINT = "rgb(249, 214, 213)";

/** The distinct painted backgrounds of a grid row's cells. */
async function rowBackgrounds(page: OpenPlayground["page"], row: number): Promise<string[]> {
	const colours = await page
		.locator(`#grid td[data-row="${row}"]`)
		.evaluateAll((tds) => tds.map((td) => (td as HTMLElement).style.background || "none"));
	return [...new Set(colours.map((colour) => colour.replace(/ none.*$/, "")))];
}

/** A new paid order on Etsy, brought in by Sync now: its id. */
async function newOrderInWork(current: OpenPlayground): Promise<string> {
	const orderId = String((await world.etsy.createReceipt({})).receipt_id);
	await current.sidebar.locator("#sync-now").click();
	await expect.poll(() => rowOfOrder(current.page, orderId), POLL).toBeGreaterThan(1);
	await expect.poll(() => current.sidebar.locator("#sync-now").getAttribute("aria-disabled"), POLL).toBe("false");
	return orderId;
}

/**
 * An order's cell as saved in the spreadsheet the engine reads, not as the grid shows it. The grid
 * shows a choice or a typed value at once and the playground saves it a moment later, so a test
 * that edits the grid and then runs a sync waits for this first (a sync once ran first under load).
 */
function savedCell(current: OpenPlayground, orderId: string, header: string): Promise<string> {
	return current.playground.asOwner<string>(
		`var rows = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders").getDataRange().getDisplayValues();
		var order = rows[0].indexOf("Order"), column = rows[0].indexOf(arguments[1]);
		for (var i = 1; i < rows.length; i++) if (rows[i][order] === arguments[0]) return rows[i][column];
		return "";`,
		[orderId, header],
	);
}

/** The order's Status as saved (see savedCell). */
function savedStatus(current: OpenPlayground, orderId: string): Promise<string> {
	return savedCell(current, orderId, "Status");
}

describe("the playground", () => {
	it("Sync now brings a new Etsy order into the grid, with progress while it runs", async () => {
		open = await openPlayground(world, browser);
		const { page, sidebar } = open;
		const receipt = await world.etsy.createReceipt({ buyer: { name: "Zuzanna Nowa" } });
		const orderId = String(receipt.receipt_id);
		expect(await rowOfOrder(page, orderId)).toBe(0);
		// Etsy answers slowly, so the sidebar's once-a-second progress poll catches the run mid-way.
		await world.etsy.addFault({ kind: "delay", ms: 2500, path: "/v3/application/shops/:shop_id/receipts" });

		await sidebar.locator("#sync-now").click();
		await expect
			.poll(() => sidebar.locator("#sync-progress").textContent(), POLL)
			.toMatch(/Reading changes from Etsy|Writing/);
		await expect.poll(() => sidebar.locator("#sync-summary").textContent(), POLL).toContain("1 new");
		await expect.poll(() => rowOfOrder(page, orderId), POLL).toBeGreaterThan(1);
		expect(await cellText(page, await rowOfOrder(page, orderId), "Buyer")).toBe("Zuzanna Nowa");
		expect(await sidebar.locator("#sync-progress").textContent()).toBe("");
	});

	it("shows a buyer note with markup as text, in the grid and in the sidebar, and no dialog opens", async () => {
		open = await openPlayground(world, browser);
		const { page, sidebar } = open;
		const receipt = await world.etsy.createReceipt({ message_from_buyer: MARKUP_NOTE });
		const orderId = String(receipt.receipt_id);
		await sidebar.locator("#sync-now").click();
		await expect.poll(() => rowOfOrder(page, orderId), POLL).toBeGreaterThan(1);
		const row = await rowOfOrder(page, orderId);
		expect(await cellText(page, row, "Buyer note")).toBe(MARKUP_NOTE);

		// The sidebar quotes platform text in findings, and shows the spreadsheet's name.
		await open.playground.asOwner("SpreadsheetApp.getActiveSpreadsheet().rename(arguments[0]);", [MARKUP_NOTE]);
		await seedFindings(open, [
			{
				orderId,
				kind: "crm-stage-differs",
				severity: "warning",
				message: `The buyer wrote ${MARKUP_NOTE}`,
				values: { Sheet: MARKUP_NOTE, Etsy: MARKUP_NOTE },
			},
		]);
		await expect
			.poll(() => sidebar.locator(".finding .message").textContent(), POLL)
			.toBe(`The buyer wrote ${MARKUP_NOTE}`);
		expect(await sidebar.locator(".finding dd").allTextContents()).toEqual([MARKUP_NOTE, MARKUP_NOTE]);
		expect(await sidebar.locator("#subtitle").textContent()).toContain(MARKUP_NOTE);

		expect(await page.locator("#grid img").count()).toBe(0);
		expect(await sidebar.locator("img").count()).toBe(0);
		expect(open.dialogs).toEqual([]);
	});

	it("lists findings most severe first and selects an order's row in the grid when its order is clicked", async () => {
		open = await openPlayground(world, browser);
		const { page, sidebar } = open;
		const [first, second] = (await world.etsy.receipts()).results.map((receipt) => String(receipt.receipt_id));
		if (!first || !second) throw new Error("the shop needs two orders");
		await seedFindings(open, [
			{ orderId: first, kind: "past-ship-by", severity: "warning", message: "Past its ship-by date.", values: {} },
			cancelledFinding(second),
		]);
		const groups = sidebar.locator(".finding-group");
		await expect.poll(() => groups.count(), POLL).toBe(2);
		expect(await groups.nth(0).getAttribute("data-order-id")).toBe(second);
		expect(await groups.nth(1).getAttribute("data-order-id")).toBe(first);

		const row = await rowOfOrder(page, first);
		// Another sheet on show first: the click brings Orders back with the row selected.
		await page.locator("#tabs button", { hasText: "Settings" }).click();
		await groups.nth(1).locator(".order-link").click();
		await expect.poll(() => page.locator("table.grid").getAttribute("data-sheet"), POLL).toBe("Orders");
		await expect.poll(() => selectedRows(page), POLL).toEqual([row]);
		await expect.poll(() => sidebar.locator("#status").textContent(), POLL).toContain(`row ${row}`);
	});

	it("draws the Dashboard's three charts over its cells from the sync's numbers, and the sidebar's strip selects each status's rows", async () => {
		open = await openPlayground(world, browser);
		const { page, sidebar } = open;
		await page.locator("#tabs button", { hasText: "Dashboard" }).click();
		await page.locator("table.grid[data-sheet='Dashboard']").waitFor();
		const charts = page.locator("#grid img.chart");
		await expect.poll(() => charts.count(), POLL).toBe(3);
		expect(await charts.evaluateAll((images) => images.map((image) => image.getAttribute("alt")))).toEqual([
			"Orders per status",
			"Lead time per week (days)",
			"On time vs late per week",
		]);
		// Each chart is an image at its anchor: orders per status beside the status table (D3).
		const anchor = await page.locator('#grid td[data-row="3"][data-column="4"]').boundingBox();
		const first = await charts.first().boundingBox();
		expect(first?.width).toBe(600);
		expect(Math.round(first?.x ?? 0)).toBe(Math.round(anchor?.x ?? -1));
		expect(Math.round(first?.y ?? 0)).toBe(Math.round(anchor?.y ?? -1));
		const loaded = await charts.evaluateAll((images) =>
			images.map((image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth),
		);
		expect(loaded).toEqual([600, 600, 600]);

		// The bars are the status table's numbers, which the sidebar's strip shows too.
		await expect.poll(() => sidebar.locator("#strip button").count(), POLL).toBeGreaterThan(1);
		const chips = await sidebar.locator("#strip button").allTextContents();
		const [status, count] = /^(.*) (\d+)$/.exec(chips[0] ?? "")?.slice(1) ?? [];
		const svg = decodeURIComponent((await charts.first().getAttribute("src"))?.split(",")[1] ?? "");
		expect(svg).toContain(`<title>${status}: Orders ${count}</title>`);
		expect(chips.at(-1)).toMatch(/^Late \d+$/);

		await sidebar.locator("#strip button").first().click();
		await expect.poll(() => page.locator("table.grid").getAttribute("data-sheet"), POLL).toBe("Orders");
		const [row] = await selectedRows(page);
		expect(await page.locator(`#grid td[data-row="${row}"] select`).inputValue()).toBe(status);
		await expect.poll(() => sidebar.locator("#status").textContent(), POLL).toContain(`of ${count}`);
	});

	it("confirms a fix inside the sidebar, then clears the finding and sets Status", async () => {
		const current = await openPlayground(world, browser);
		open = current;
		const { page, sidebar } = current;
		const orderId = String((await world.etsy.receipts()).results[0]?.receipt_id);
		const row = await rowOfOrder(page, orderId);
		// The owner picks Production from the Status dropdown in the grid.
		await page.locator(`#grid td[data-row="${row}"] select`).selectOption("Production");
		await expect.poll(() => page.locator(`#grid td[data-row="${row}"] select`).inputValue(), POLL).toBe("Production");
		// Saved before the fix writes Cancelled, so the late save cannot land after it.
		await expect.poll(() => savedStatus(current, orderId), POLL).toBe("Production");
		await seedFindings(current, [cancelledFinding(orderId)]);

		// Cancelling the confirm step changes nothing.
		await sidebar.locator('button[data-action="mark-cancelled"]').click();
		await sidebar.locator(".confirm button", { hasText: "Cancel" }).click();
		expect(await cellText(page, row, "Status")).toContain("Production");
		expect(await sidebar.locator('[data-kind="cancelled-on-etsy"]').count()).toBe(1);

		await sidebar.locator('button[data-action="mark-cancelled"]').click();
		await expect(sidebar.locator(".confirm-text").textContent()).resolves.toBe(
			`Set the Status of order ${orderId} to Cancelled?`,
		);
		// Nothing has changed before the owner confirms.
		expect(await cellText(page, row, "Status")).toContain("Production");
		await sidebar.locator(".confirm button", { hasText: "Confirm" }).click();
		await expect.poll(() => sidebar.locator('[data-kind="cancelled-on-etsy"]').count(), POLL).toBe(0);
		await expect.poll(() => page.locator(`#grid td[data-row="${row}"] select`).inputValue(), POLL).toBe("Cancelled");
		expect(open.dialogs).toEqual([]);
	});

	it("works by keyboard alone: Tab to Sync now and a finding, Enter activates them", async () => {
		open = await openPlayground(world, browser);
		const { page, sidebar } = open;
		const frame = page.frames().find((candidate) => candidate.url().endsWith("/sidebar"));
		if (!frame) throw new Error("no sidebar frame");
		const focusedId = () => frame.evaluate(() => document.activeElement?.id || document.activeElement?.className || "");
		const tabUntil = async (matches: () => Promise<boolean>) => {
			for (let step = 0; step < 20; step++) {
				if (await matches()) return;
				await page.keyboard.press("Tab");
			}
			throw new Error("Tab never reached it");
		};
		// Focus into the sidebar's document, on nothing in particular, as after opening it.
		const focusSidebar = () =>
			frame.evaluate(() => {
				window.focus();
				(document.activeElement as HTMLElement | null)?.blur();
			});
		await focusSidebar();
		await tabUntil(async () => (await focusedId()) === "sync-now");
		await page.keyboard.press("Enter");
		await expect.poll(() => sidebar.locator("#sync-summary").textContent(), POLL).toMatch(/\d+ new/);

		// A finding with a fix, seeded after the sync (which rewrites the findings).
		const orderId = String((await world.etsy.receipts()).results[1]?.receipt_id);
		await seedFindings(open, [cancelledFinding(orderId)]);
		await focusSidebar();
		await tabUntil(async () => (await focusedId()).includes("order-link"));
		await page.keyboard.press("Enter");
		const row = await rowOfOrder(page, orderId);
		await expect.poll(() => selectedRows(page), POLL).toEqual([row]);

		// The fix's confirm step is reachable too, and Escape backs out of it.
		await tabUntil(async () => (await focusedId()).includes("fix-button"));
		await page.keyboard.press("Enter");
		await expect.poll(() => focusedId(), POLL).toBe("primary");
		await page.keyboard.press("Escape");
		await expect.poll(() => focusedId(), POLL).toContain("fix-button");
		expect(await sidebar.locator(".confirm").count()).toBe(0);
	});

	it("installs triggers from the sidebar, and an hour passing on the controls brings a new order in by itself", async () => {
		open = await openPlayground(world, browser);
		const { page, sidebar } = open;
		await sidebar.locator("#interval").selectOption("15");
		await sidebar.locator("#install-triggers").click();
		await expect
			.poll(() => sidebar.locator("#triggers").textContent(), POLL)
			.toContain("Installed: a sync every 15 minutes");
		expect(await sidebar.locator("#triggers").textContent()).toContain("within 15 minutes of installing");

		await page.locator('[data-control="new-order"]').click();
		const newest = (await world.etsy.receipts()).results.sort((a, b) => b.created_timestamp - a.created_timestamp)[0];
		const orderId = String(newest?.receipt_id);
		await page.locator('[data-control="time-1h"]').click();
		await expect.poll(() => rowOfOrder(page, orderId), POLL).toBeGreaterThan(1);
		await expect.poll(() => page.locator("#log").textContent(), POLL).toContain("syncFromTrigger: Etsy: 1 new order");

		await reloadSidebar(open);
		expect(await sidebar.locator("#triggers").textContent()).toMatch(/Last full sync: today|Last full sync: \d/);
		await sidebar.locator("#remove-triggers").click();
		await expect.poll(() => sidebar.locator("#triggers").textContent(), POLL).toContain("Not installed");
	});

	it("shows a platform outage in the sidebar's health, and recovery once it ends", async () => {
		open = await openPlayground(world, browser);
		const { page, sidebar } = open;
		await page.locator('[data-control="outage-etsy"]').click();
		await expect
			.poll(() => page.locator('[data-control="outage-etsy"]').getAttribute("aria-pressed"), POLL)
			.toBe("true");
		await sidebar.locator("#sync-now").click();
		const etsy = sidebar.locator('.health[data-platform="Etsy"]');
		await expect.poll(() => etsy.getAttribute("class"), POLL).toContain("status-error");
		expect(await etsy.locator("dd").allTextContents()).toEqual(
			expect.arrayContaining([expect.stringMatching(/503|unavailable|Server Error/i)]),
		);

		await page.locator('[data-control="outage-etsy"]').click();
		await expect
			.poll(() => page.locator('[data-control="outage-etsy"]').getAttribute("aria-pressed"), POLL)
			.toBe("false");
		await sidebar.locator("#sync-now").click();
		await expect.poll(() => etsy.getAttribute("class"), POLL).toContain("status-ok");
	});

	it("opens the real Settings dialog from the Hubsheet menu, loaded from the script", async () => {
		open = await openPlayground(world, browser);
		const { page } = open;
		await page.locator("#menu-button").click();
		await page.locator("#menu-items button", { hasText: "Settings" }).click();
		await expect.poll(() => page.locator("#dialog-backdrop").isVisible(), POLL).toBe(true);
		expect(await page.locator("#dialog-title").textContent()).toBe("Hubsheet settings");
		const dialog = page.frameLocator("#dialog");
		// Its fields come from getEtsySettings / getConnectionSecrets, run on the bundle.
		await expect.poll(() => dialog.locator("#keystring").inputValue(), POLL).toBe(SANDBOX_ETSY_APP.keystring);
		await expect.poll(() => dialog.locator("#crm").inputValue(), POLL).toBe("Pipedrive");
		expect(await dialog.locator("#courier").inputValue()).toBe("Furgonetka");
		// It fits the size the script asked for, as Sheets would show it.
		const box = await page.locator("#dialog").boundingBox();
		expect(box?.height).toBeLessThanOrEqual(640);
		await page.keyboard.press("Escape");
		await expect.poll(() => page.locator("#dialog-backdrop").isVisible(), POLL).toBe(false);
		expect(open.dialogs).toEqual([]);
	});

	it("tests each connection when Settings saves, and says in words that a wrong Pipedrive token does not work", async () => {
		open = await openPlayground(world, browser);
		const { page } = open;
		await page.locator("#menu-button").click();
		await page.locator("#menu-items button", { hasText: "Settings" }).click();
		const dialog = page.frameLocator("#dialog");
		await expect.poll(() => dialog.locator("#crm").inputValue(), POLL).toBe("Pipedrive");
		// Sections, not one long form: every one fits the 640 px the script asks for.
		for (const tab of ["Etsy", "CRM", "Courier", "Sender"]) {
			await dialog.locator("[role=tab]", { hasText: tab }).click();
			const height = await dialog.locator("body").evaluate((body) => body.scrollHeight);
			expect(height, `${tab} section`).toBeLessThanOrEqual(640);
		}
		await dialog.locator("[role=tab]", { hasText: "Sender" }).click();
		expect(await dialog.locator("#sender-city").inputValue()).toBe("Kraków");
		await dialog.locator("[role=tab]", { hasText: "CRM" }).click();
		await dialog.locator("#pipedrive-api-token").fill("0123456789abcdef0123456789abcdef01234567");
		await dialog.locator("#save-connections").click();
		const pipedrive = dialog.locator('.test[data-platform="Pipedrive"]');
		await expect
			.poll(() => pipedrive.textContent(), POLL)
			.toMatch(/^Pipedrive did not accept these details: copy them again in Pipedrive/);
		expect(await pipedrive.getAttribute("class")).toContain("failed");
		// The courier's details were right: it says so, and offers the account's services.
		const furgonetka = dialog.locator('.test[data-platform="Furgonetka"]');
		expect(await furgonetka.textContent()).toBe("Furgonetka works: Hubsheet could sign in.");
		expect(await dialog.locator("#furgonetka-courier-service-choices option").count()).toBeGreaterThan(1);
		expect(open.dialogs).toEqual([]);
	});

	// The real flow: reconciliation in the sync finds what the buyer did.
	describe("with reconciliation in the sync", () => {
		it("lists the order a buyer cancelled on Etsy while in Production, and selects its row on a click", async () => {
			const current = await openPlayground(world, browser);
			open = current;
			const { page, sidebar } = current;
			const orderId = await newOrderInWork(current);
			const row = await rowOfOrder(page, orderId);
			await page.locator(`#grid td[data-row="${row}"] select`).selectOption("Production");
			await expect.poll(() => page.locator(`#grid td[data-row="${row}"] select`).inputValue(), POLL).toBe("Production");
			// Sync now reads the saved sheet: it waits for the save, not the grid (see savedCell).
			await expect.poll(() => savedStatus(current, orderId), POLL).toBe("Production");
			await world.etsy.cancel(Number(orderId));

			await sidebar.locator("#sync-now").click();
			const group = sidebar.locator(`.finding-group[data-order-id="${orderId}"]`);
			await expect.poll(() => group.locator('[data-kind="cancelled-on-etsy"]').count(), POLL).toBe(1);
			// Conditional formatting tints the whole row red by its Issues cell, as Sheets paints it.
			await expect.poll(() => rowBackgrounds(page, row), POLL).toEqual([RED_TINT]);
			expect(await rowBackgrounds(page, row === 2 ? 3 : 2)).not.toContain(RED_TINT);
			await group.locator(".order-link").click();
			await expect.poll(() => selectedRows(page), POLL).toEqual([row]);
		});

		it("clears that finding with its fix, and the next sync does not bring it back", async () => {
			const current = await openPlayground(world, browser);
			open = current;
			const { page, sidebar } = current;
			const orderId = await newOrderInWork(current);
			const row = await rowOfOrder(page, orderId);
			await page.locator(`#grid td[data-row="${row}"] select`).selectOption("Production");
			await expect.poll(() => page.locator(`#grid td[data-row="${row}"] select`).inputValue(), POLL).toBe("Production");
			await expect.poll(() => savedStatus(current, orderId), POLL).toBe("Production");
			await world.etsy.cancel(Number(orderId));
			await sidebar.locator("#sync-now").click();
			const finding = sidebar.locator(`.finding-group[data-order-id="${orderId}"] [data-kind="cancelled-on-etsy"]`);
			await expect.poll(() => finding.count(), POLL).toBe(1);

			await expect.poll(() => cellText(page, row, "Issues"), POLL).toMatch(/cancelled on Etsy/i);
			await finding.locator('button[data-action="mark-cancelled"]').click();
			await finding.locator(".confirm button", { hasText: "Confirm" }).click();
			await expect.poll(() => finding.count(), POLL).toBe(0);
			await expect.poll(() => page.locator(`#grid td[data-row="${row}"] select`).inputValue(), POLL).toBe("Cancelled");
			// The card and the Issues cell clear together, before any sync; the red tint goes with it.
			await expect.poll(() => cellText(page, row, "Issues"), POLL).toBe("");
			await expect.poll(() => rowBackgrounds(page, row), POLL).not.toContain(RED_TINT);
			await sidebar.locator("#sync-now").click();
			await expect.poll(() => sidebar.locator("#sync-summary").textContent(), POLL).toMatch(/\d+ new/);
			await reloadSidebar(open);
			expect(await sidebar.locator(`[data-order-id="${orderId}"] [data-kind="cancelled-on-etsy"]`).count()).toBe(0);
		});

		it("refreshes itself after a trigger's run: the new finding appears without a click", async () => {
			const current = await openPlayground(world, browser);
			open = current;
			const { page, sidebar, hub } = current;
			const orderId = await newOrderInWork(current);
			const row = await rowOfOrder(page, orderId);
			await page.locator(`#grid td[data-row="${row}"] select`).selectOption("Production");
			await expect.poll(() => page.locator(`#grid td[data-row="${row}"] select`).inputValue(), POLL).toBe("Production");
			// The grid shows the choice at once; the playground saves it a moment later. The trigger's run
			// below reads the saved sheet, so it waits for the save (it once ran first under load).
			await expect.poll(() => savedStatus(current, orderId), POLL).toBe("Production");
			await world.etsy.cancel(Number(orderId));
			// The time-driven trigger's run, in its own execution: nobody presses Sync now.
			expect((hub.run("syncFromTrigger").value as { status?: string } | undefined)?.status ?? "completed").toBe(
				"completed",
			);
			const finding = sidebar.locator(`.finding-group[data-order-id="${orderId}"] [data-kind="cancelled-on-etsy"]`);
			// The owner clicks back into the sidebar: it looks at once, without waiting for its 15 s timer
			// (which a loaded machine cannot be trusted to keep).
			const frame = await (await page.locator("#sidebar").elementHandle())?.contentFrame();
			await frame?.evaluate(() => window.dispatchEvent(new Event("focus")));
			await expect.poll(() => finding.count(), POLL).toBe(1);
		});
	});
});

// The full set-up (Etsy + Pipedrive + Furgonetka): the CRM's and the courier's parts of the sidebar.
describe("the CRM and the courier in the sidebar", () => {
	async function syncNow(current: OpenPlayground): Promise<void> {
		await current.sidebar.locator("#sync-now").click();
		await expect.poll(() => current.sidebar.locator("#sync-now").getAttribute("aria-disabled"), POLL).toBe("false");
	}

	/** Picks a Status in the grid and waits until it is saved, so that a sync after it reads it. */
	async function setStatus(current: OpenPlayground, orderId: string, status: string): Promise<void> {
		const select = current.page.locator(`#grid td[data-row="${await rowOfOrder(current.page, orderId)}"] select`);
		await select.selectOption(status);
		await expect.poll(() => select.inputValue(), POLL).toBe(status);
		await expect.poll(() => savedStatus(current, orderId), POLL).toBe(status);
	}

	/** Types into an order's cell in the grid and waits until it is saved (see savedCell). */
	async function setCell(current: OpenPlayground, orderId: string, header: string, value: string): Promise<void> {
		await typeInCell(current.page, await rowOfOrder(current.page, orderId), header, value);
		await expect.poll(() => savedCell(current, orderId, header), POLL).toBe(value);
	}

	it("shows a deal per order, each platform's health and counts, and a stage moved by hand with both fixes", async () => {
		open = await openPlayground(world, browser);
		const { page, sidebar } = open;
		const orderId = await newOrderInWork(open);
		const row = await rowOfOrder(page, orderId);
		expect(await cellText(page, row, "CRM deal")).not.toBe("");
		await expect
			.poll(() => sidebar.locator(".run-summary dd").allTextContents(), POLL)
			.toContain("1 deal created, 0 moved");
		for (const platform of ["Pipedrive", "Furgonetka"])
			expect(await sidebar.locator("#health li", { hasText: platform }).count()).toBeGreaterThan(0);

		await page.locator('[data-control="crm-stage"]').click();
		// The control moves the deal on the Pipedrive sandbox a moment after the click; its line in the
		// page's log says it is done, so that Sync now reads the moved stage.
		await expect.poll(() => page.locator("#log").textContent(), POLL).toMatch(/moved Pipedrive deal .* by hand/);
		await syncNow(open);
		const finding = sidebar.locator(`.finding-group[data-order-id="${orderId}"] [data-kind="crm-stage-differs"]`);
		await expect.poll(() => finding.count(), POLL).toBe(1);
		// The order's card names the buyer beside the number.
		const buyer = await cellText(page, row, "Buyer");
		expect(await sidebar.locator(`.finding-group[data-order-id="${orderId}"] .order-link`).textContent()).toBe(
			`Order ${orderId} · ${buyer}`,
		);
		const take = finding.locator('button[data-action="take-crm-stage"]');
		expect(await finding.locator('button[data-action="push-status-to-crm"]').count()).toBe(1);
		const label = String(await take.textContent());
		await take.click();
		await finding.locator(".confirm button", { hasText: "Confirm" }).click();
		await expect.poll(() => finding.count(), POLL).toBe(0);
		await expect
			.poll(() => page.locator(`#grid td[data-row="${row}"] select`).inputValue(), POLL)
			.toBe(label.replace("Set Status to ", ""));
		expect(open.dialogs).toEqual([]);
	});

	it("during a Pipedrive outage warns once, keeps the owner's Status, and offers no fix that would undo it", async () => {
		open = await openPlayground(world, browser);
		const { page, sidebar } = open;
		const orderId = await newOrderInWork(open);
		const row = await rowOfOrder(page, orderId);
		await page.locator('[data-control="outage-pipedrive"]').click();
		await expect
			.poll(() => page.locator('[data-control="outage-pipedrive"]').getAttribute("aria-pressed"), POLL)
			.toBe("true");
		await setStatus(open, orderId, "Design");
		await syncNow(open);
		const card = sidebar.locator(`.finding-group[data-order-id="${orderId}"]`);
		await expect.poll(() => card.locator('[data-kind="push-failed"]').count(), POLL).toBe(1);
		expect(await card.locator('[data-kind="crm-stage-differs"]').count()).toBe(0);
		expect(await card.locator('button[data-action="take-crm-stage"]').count()).toBe(0);
		// The run's summary is a warning, not a normal box, and says what happens next.
		expect(await sidebar.locator("#sync-summary").getAttribute("data-tone")).toBe("warning");
		expect(await sidebar.locator("#sync-summary .headline").textContent()).toMatch(
			/^Pipedrive could not be reached for 1 update; they will be retried at the next sync\./,
		);
		expect(await page.locator(`#grid td[data-row="${row}"] select`).inputValue()).toBe("Design");
		await page.locator('[data-control="outage-pipedrive"]').click();
	});

	it("says an empty Phone cell in the sheet's words, ships once it is filled in, and shows the parcel in plain words", async () => {
		open = await openPlayground(world, browser);
		const { page, sidebar } = open;
		const orderId = await newOrderInWork(open);
		const row = await rowOfOrder(page, orderId);
		await setCell(open, orderId, "Phone", "");
		await setStatus(open, orderId, "Ready to ship");
		await syncNow(open);
		const finding = sidebar.locator(`.finding-group[data-order-id="${orderId}"] [data-kind="push-failed"]`);
		await expect
			.poll(() => finding.locator(".message").textContent(), POLL)
			.toBe(
				"The Phone cell is empty: Furgonetka needs the buyer's phone. Hubsheet creates the shipment at the next sync once that is done.",
			);
		// Asking Furgonetka again cannot help until the cell is filled in: no such button.
		expect(await finding.locator("button").count()).toBe(0);
		await expect.poll(() => cellText(page, row, "Issues"), POLL).toContain("The Phone cell is empty");

		await setCell(open, orderId, "Phone", "600 200 300");
		await expect.poll(() => cellText(page, row, "Phone"), POLL).toBe("600 200 300");
		await syncNow(open);
		await expect.poll(() => finding.count(), POLL).toBe(0);
		await expect.poll(() => cellText(page, row, "Shipment"), POLL).not.toBe("");
		await expect.poll(() => sidebar.locator(".run-summary dd").allTextContents(), POLL).toContain("1 shipment made");
		await expect.poll(() => cellText(page, row, "Courier status"), POLL).toMatch(/^[A-Z][a-z ]+$/);
		await expect.poll(() => cellText(page, row, "Issues"), POLL).toBe("");
	});

	it("makes the order's Design folder at Design and from the sidebar's button, and shows it with its label in the Drive view", async () => {
		open = await openPlayground(world, browser);
		const { page, sidebar } = open;
		const drive = page.locator("#drive");
		const orderId = String(
			(
				await world.etsy.createReceipt({
					buyer: {
						name: "Anna Kowalska",
						city: "Warszawa",
						zip: "01-234",
						country_iso: "PL",
						first_line: "ul. Prosta 1",
					},
				})
			).receipt_id,
		);
		await syncNow(open);
		await expect.poll(() => rowOfOrder(page, orderId), POLL).toBeGreaterThan(1);
		const row = await rowOfOrder(page, orderId);
		const folderName = `Order ${orderId} - Anna Kowalska`;
		expect(await drive.textContent()).not.toContain(folderName);

		await setStatus(open, orderId, "Design");
		await syncNow(open);
		await expect.poll(() => cellText(page, row, "Design"), POLL).toBe("Design folder");
		const folder = drive.locator("li[data-kind='folder']", { hasText: folderName }).last();
		await expect.poll(() => drive.locator(".drive-folder", { hasText: folderName }).count(), POLL).toBe(1);
		// Under "Hubsheet orders", as in My Drive.
		expect(await drive.locator(":scope > li[data-kind='folder'] > .drive-folder").allTextContents()).toContain(
			"Hubsheet orders",
		);
		expect(await cellText(page, row, "Mail")).toBe("Search mail");

		await setCell(open, orderId, "Phone", "600 200 300");
		await setStatus(open, orderId, "Ready to ship");
		await syncNow(open);
		await expect.poll(() => cellText(page, row, "Shipment"), POLL).not.toBe("");
		if ((await folder.locator("li[data-kind='file']").count()) === 0) await syncNow(open);
		await expect
			.poll(() => folder.locator("li[data-kind='file'] .drive-file").allTextContents(), POLL)
			.toEqual([expect.stringMatching(/^Label .+\.pdf$/)]);
		expect(await folder.locator("li[data-kind='file']").textContent()).toContain("application/pdf");

		// The sidebar's button, for the order on the selected row: the one folder, not a second.
		await open.playground.asOwner(
			`var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
			SpreadsheetApp.getActiveSpreadsheet().setActiveSheet(sheet);
			sheet.setActiveSelection(sheet.getRange(arguments[0], 1));`,
			[row],
		);
		await sidebar.locator("#make-design-folder").click();
		await expect
			.poll(() => sidebar.locator("#status").textContent(), POLL)
			.toContain(`Hubsheet orders > ${folderName}`);
		expect(await drive.locator(".drive-folder", { hasText: folderName }).count()).toBe(1);

		// A name in Drive is shown as text, never as markup.
		await open.playground.asOwner("DriveApp.createFolder(arguments[0]);", [MARKUP_NOTE]);
		await setStatus(open, orderId, "Shipped");
		await expect.poll(() => drive.locator(".drive-folder").allTextContents(), POLL).toContain(MARKUP_NOTE);
		expect(await drive.locator("img").count()).toBe(0);
		expect(open.dialogs).toEqual([]);
	});

	it("shows three orders Pipedrive refused for one reason as one card, each order with its buyer", async () => {
		open = await openPlayground(world, browser);
		const { page, sidebar } = open;
		const orderIds = [];
		for (let index = 0; index < 3; index++) orderIds.push(String((await world.etsy.createReceipt({})).receipt_id));
		await syncNow(open);
		for (const orderId of orderIds) await expect.poll(() => rowOfOrder(page, orderId), POLL).toBeGreaterThan(1);
		const pipedrive = world.sandboxes.control("pipedrive");
		// Every stage change answers 429, as when the account's request budget is spent.
		await pipedrive.addFault({ kind: "rate-limit", method: "PATCH", times: 1_000, retryAfter: 1 });
		try {
			for (const orderId of orderIds) await setStatus(open, orderId, "Design");
			await syncNow(open);
			const group = sidebar.locator(".cause-group");
			await expect.poll(() => group.count(), POLL).toBe(1);
			expect(await group.locator(".message").textContent()).toBe(
				"Pipedrive refused 3 stage changes: too many requests; they will be retried at the next sync.",
			);
			const listed = await group.locator(".order-link").allTextContents();
			expect(listed).toHaveLength(3);
			for (const orderId of orderIds) {
				const buyer = await cellText(page, await rowOfOrder(page, orderId), "Buyer");
				expect(listed).toContain(`Order ${orderId} · ${buyer}`);
			}
			// No card of its own for each: one sentence for the one cause.
			for (const orderId of orderIds)
				expect(await sidebar.locator(`.finding-group[data-order-id="${orderId}"]`).count()).toBe(0);
		} finally {
			await pipedrive.clearFaults();
		}
	});
});

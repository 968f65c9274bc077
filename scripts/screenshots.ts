/**
 * `npx tsx scripts/screenshots.ts`: the README's pictures of the playground, taken with the same
 * Chromium launch as the browser tests, on freshly seeded sandboxes. Writes docs/screenshots/*.png.
 *
 * The story, on the full set-up (Etsy + Pipedrive + Furgonetka): a shop with a few orders; the
 * owner moved one to Production; its buyer cancelled on Etsy; Sync now lists it (with the run's
 * summary by platform), a click selects its row, its fix asks to be confirmed. Then Settings: a
 * wrong Pipedrive token, reported on save. Last the Dashboard with its charts.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { launchChromium } from "../local/playground/browser.js";
import { startPlaygroundWorld } from "../local/playground/fresh-playground.js";

const OUT = resolve("docs/screenshots");

async function main(): Promise<void> {
	mkdirSync(OUT, { recursive: true });
	const world = await startPlaygroundWorld();
	const browser = await launchChromium({ width: 1440, height: 860 });
	try {
		const { playground } = await world.fresh({ receipts: 8, edgeCases: false });
		const page = await browser.context.newPage();
		await page.goto(playground.url);
		await page.locator("table.grid[data-sheet='Orders']").waitFor();
		const sidebar = page.frameLocator("#sidebar");
		await sidebar.locator("#health li").first().waitFor();

		// A new order whose buyer wrote markup: the grid shows it as text.
		await world.etsy.createReceipt({ message_from_buyer: "<b>Please</b> ship before Christmas 🎄" });
		const paid = (await world.etsy.receipts()).results.filter(
			(receipt) => receipt.status === "paid" && !receipt.is_shipped,
		);
		const cancelled = String(paid[0]?.receipt_id);
		const rowOf = async (orderId: string) =>
			Number(
				await page
					.locator("#grid tbody tr", { has: page.locator("td", { hasText: orderId }) })
					.first()
					.getAttribute("data-row"),
			);
		await page.locator(`#grid td[data-row="${await rowOf(cancelled)}"] select`).selectOption("Production");
		await world.etsy.cancel(Number(cancelled));

		// Sync now, with Etsy slow enough for the progress line to be seen.
		await world.etsy.addFault({ kind: "delay", ms: 2500, path: "/v3/application/shops/:shop_id/receipts" });
		await sidebar.locator("#sync-now").click();
		await sidebar.locator("#sync-progress", { hasText: "Etsy" }).waitFor();
		await page.locator("#sidebar").screenshot({ path: join(OUT, "sidebar-sync-progress.png") });
		await sidebar.locator("#sync-summary", { hasText: "new" }).waitFor({ timeout: 30_000 });
		// Reconciliation in the sync finds the cancelled order still in Production.
		await sidebar.locator(`.finding-group[data-order-id="${cancelled}"]`).waitFor({ timeout: 10_000 });

		await sidebar.locator(`.finding-group[data-order-id="${cancelled}"] .order-link`).click();
		await page.locator("#grid td.selected").first().waitFor();
		// Bring the owner's columns (Status onwards) into view beside the order's details.
		await page.locator("#grid").evaluate((grid) => {
			const headers = [...grid.querySelectorAll("tbody tr[data-row='1'] td")];
			const status = headers.find((cell) => cell.textContent === "Status") as HTMLElement | undefined;
			if (status) grid.scrollLeft = Math.max(0, status.offsetLeft - 560);
		});
		await page.waitForTimeout(300);
		await page.screenshot({ path: join(OUT, "playground.png") });

		await sidebar.locator('button[data-action="mark-cancelled"]').click();
		await page.locator("#sidebar").screenshot({ path: join(OUT, "sidebar-confirm-fix.png") });

		// Settings > CRM: a mistyped Pipedrive token, tested on save.
		await sidebar.locator(".confirm button", { hasText: "Cancel" }).click();
		await page.locator("#menu-button").click();
		await page.locator("#menu-items button", { hasText: "Settings" }).click();
		const dialog = page.frameLocator("#dialog");
		await dialog.locator("[role=tab]", { hasText: "CRM" }).click();
		await dialog.locator("#pipedrive-token").fill("0123456789abcdef0123456789abcdef01234567");
		await dialog.locator("#save-connections").click();
		await dialog.locator('.test[data-platform="Pipedrive"]').waitFor({ timeout: 30_000 });
		await page.locator("#dialog").screenshot({ path: join(OUT, "settings-connection-test.png") });

		// The Dashboard: the sync's numbers beside their charts, and the sidebar's strip.
		await page.locator("#close-dialog").click();
		await page.locator("#tabs button", { hasText: "Dashboard" }).click();
		await page.locator("#grid img.chart").first().waitFor();
		await page.locator("#grid").evaluate((grid) => {
			grid.scrollLeft = 0;
			grid.scrollTop = 0;
		});
		await page.waitForTimeout(300);
		await page.screenshot({ path: join(OUT, "dashboard.png") });
		console.log(
			`Wrote playground.png, sidebar-sync-progress.png, sidebar-confirm-fix.png, settings-connection-test.png and dashboard.png to ${OUT}`,
		);
	} finally {
		await browser.close();
		await world.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});

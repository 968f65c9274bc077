/**
 * The browser tests' view of the playground: a page on a fresh spreadsheet, the sidebar's frame,
 * the grid's cells, and findings seeded through the real findings sheet.
 */
import type { Dialog, FrameLocator, Page } from "playwright-core";
import type { LocalHub } from "../../local/hub/local-hub.js";
import type { Browser } from "../../local/playground/browser.js";
import type { PlaygroundWorld } from "../../local/playground/fresh-playground.js";
import type { Playground } from "../../local/playground/server.js";
import type { Finding } from "../../src/core/findings.js";
import { FINDINGS_HEADER, FINDINGS_SHEET, findingsRows } from "../../src/sheet/findings-rows.js";

export const MARKUP_NOTE = "<img src=x onerror=alert(1)>";

export interface OpenPlayground {
	page: Page;
	sidebar: FrameLocator;
	hub: LocalHub;
	playground: Playground;
	/** Every dialog any frame opened (alert, confirm, prompt): there must be none. */
	dialogs: string[];
	close(): Promise<void>;
}

export async function openPlayground(
	world: PlaygroundWorld,
	browser: Browser,
	options: Parameters<PlaygroundWorld["fresh"]>[0] = {},
): Promise<OpenPlayground> {
	const { hub, playground } = await world.fresh(options);
	const page = await browser.context.newPage();
	const dialogs: string[] = [];
	page.on("dialog", (dialog: Dialog) => {
		dialogs.push(`${dialog.type()}: ${dialog.message()}`);
		void dialog.dismiss();
	});
	await page.goto(playground.url);
	await page.locator("table.grid[data-sheet='Orders']").waitFor();
	const sidebar = page.frameLocator("#sidebar");
	await sidebar.locator("#health li").first().waitFor();
	return {
		page,
		sidebar,
		hub,
		playground,
		dialogs,
		async close() {
			await page.close();
			await playground.close();
		},
	};
}

/** The grid's cell texts by row number, of the sheet on show. */
export async function gridRows(page: Page): Promise<Map<number, string[]>> {
	const rows = await page
		.locator("#grid tbody tr")
		.evaluateAll((trs) =>
			trs.map((tr) => [
				Number(tr.getAttribute("data-row")),
				[...tr.querySelectorAll("td")].map((td) => td.textContent ?? ""),
			]),
		);
	return new Map(rows as Array<[number, string[]]>);
}

export async function headerIndex(page: Page, header: string): Promise<number> {
	const first = (await gridRows(page)).get(1) ?? [];
	const index = first.indexOf(header);
	if (index < 0) throw new Error(`no column "${header}" in ${first.join(", ")}`);
	return index;
}

/** The row number of an order on the grid, or 0. */
export async function rowOfOrder(page: Page, orderId: string): Promise<number> {
	const column = await headerIndex(page, "Order");
	for (const [row, cells] of await gridRows(page)) if (row > 1 && cells[column] === orderId) return row;
	return 0;
}

export async function cellText(page: Page, row: number, header: string): Promise<string> {
	const column = await headerIndex(page, header);
	return (await gridRows(page)).get(row)?.[column] ?? "";
}

/** The rows holding the grid's selected cells. */
export async function selectedRows(page: Page): Promise<number[]> {
	const rows = await page
		.locator("#grid td.selected")
		.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-row"))));
	return [...new Set(rows)];
}

/** Writes findings into the findings sheet as a sync would, then reloads the sidebar to show them. */
export async function seedFindings(open: OpenPlayground, findings: Finding[]): Promise<void> {
	const rows = [[...FINDINGS_HEADER], ...findingsRows(findings)];
	await open.playground.asOwner(
		`var ss = SpreadsheetApp.getActiveSpreadsheet();
		var active = ss.getActiveSheet();
		var sheet = ss.getSheetByName(arguments[0]) || ss.insertSheet(arguments[0]);
		sheet.getRange(1, 1, arguments[1].length, 2).setNumberFormat("@").setValues(arguments[1]);
		sheet.hideSheet();
		ss.setActiveSheet(active);`,
		[FINDINGS_SHEET, rows],
	);
	await reloadSidebar(open);
}

export async function reloadSidebar(open: OpenPlayground): Promise<void> {
	await open.page.locator("#reload-sidebar").click();
	await open.sidebar.locator("#health li").first().waitFor();
}

export function cancelledFinding(orderId: string): Finding {
	return {
		orderId,
		kind: "cancelled-on-etsy",
		severity: "error",
		message: `Order ${orderId} was cancelled on Etsy, but its Status is still Production.`,
		values: { Sheet: "Production", Etsy: "Cancelled" },
		fix: {
			action: "mark-cancelled",
			label: "Mark Cancelled",
			confirm: `Set the Status of order ${orderId} to Cancelled?`,
		},
	};
}

/** Types into a cell as the owner would: double-click, type, Enter. */
export async function typeInCell(page: Page, row: number, header: string, value: string): Promise<void> {
	const column = (await headerIndex(page, header)) + 1;
	const cell = page.locator(`#grid td[data-row="${row}"][data-column="${column}"]`);
	await cell.dblclick();
	const input = cell.locator("input");
	await input.fill(value);
	await input.press("Enter");
}

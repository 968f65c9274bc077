/**
 * The playground page: the workbook as a grid (tabs, colours, links, notes, dropdowns, editable
 * owner cells, the active selection), controls that make things happen to the shop, and a log of
 * every execution. All text goes in through textContent: cells hold platforms' text.
 */
import type { Answer, CellEdit, ControlRequest, LogEntry, PlaygroundStatus } from "../api.js";
import type { DriveNode } from "../drive-view.js";
import type { CellView, SheetView, WorkbookView } from "../workbook-view.js";

const POLL_MS = 1000;

let workbook: WorkbookView | null = null;
let version = "";
let shownSheetId: number | null = null;
/** The spreadsheet's active sheet and its selection, as last seen: a change means a script selected something. */
let serverSelection = "";
/** The cell the page's cursor is on (client-side, as clicking a cell in Sheets). */
let cursor: { row: number; column: number } | null = null;
let lastLogSeq = 0;
let timeZone = "UTC";
let editing = false;

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
	const found = document.getElementById(id);
	if (!found) throw new Error(`missing #${id}`);
	return found as T;
}

function el<Tag extends keyof HTMLElementTagNameMap>(
	tag: Tag,
	options: { className?: string; text?: string; attributes?: Record<string, string> } = {},
	children: Node[] = [],
): HTMLElementTagNameMap[Tag] {
	const element = document.createElement(tag);
	if (options.className) element.className = options.className;
	if (options.text !== undefined) element.textContent = options.text;
	for (const [name, value] of Object.entries(options.attributes ?? {})) element.setAttribute(name, value);
	for (const child of children) element.appendChild(child);
	return element;
}

async function getJson<T>(path: string): Promise<T> {
	const response = await fetch(path, { cache: "no-store" });
	if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
	return (await response.json()) as T;
}

async function postJson(path: string, body: unknown): Promise<Answer> {
	const response = await fetch(path, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify(body),
	});
	return (await response.json()) as Answer;
}

function columnLetters(column: number): string {
	let letters = "";
	for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
		letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
	}
	return letters;
}

/** Only web links become anchors: a cell's "javascript:" URL stays text. */
function safeUrl(url: string): string | null {
	try {
		const parsed = new URL(url);
		return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
	} catch {
		return null;
	}
}

function inRange(range: SheetView["activeRange"], row: number, column: number): boolean {
	return (
		!!range &&
		row >= range.row &&
		row < range.row + range.numRows &&
		column >= range.column &&
		column < range.column + range.numColumns
	);
}

function cellContent(cell: CellView, sheet: SheetView, row: number, column: number): Node[] {
	if (cell.editable && cell.options) {
		const select = el("select", { attributes: { "aria-label": `${columnLetters(column)}${row}` } });
		const choices = cell.options.includes(cell.text) || cell.text === "" ? cell.options : [cell.text, ...cell.options];
		select.appendChild(el("option", { text: "", attributes: { value: "" } }));
		for (const choice of choices) select.appendChild(el("option", { text: choice, attributes: { value: choice } }));
		select.value = cell.text;
		select.addEventListener("change", () => void edit({ sheetId: sheet.sheetId, row, column, value: select.value }));
		return [select];
	}
	if (cell.spans) {
		return cell.spans.map((span) => {
			const url = span.url ? safeUrl(span.url) : null;
			return url
				? el("a", { text: span.text, attributes: { href: url, target: "_blank", rel: "noopener noreferrer" } })
				: document.createTextNode(span.text);
		});
	}
	return [document.createTextNode(cell.text)];
}

function startEditing(td: HTMLTableCellElement, sheet: SheetView, row: number, column: number, text: string): void {
	editing = true;
	const input = el("input", { attributes: { "aria-label": `${columnLetters(column)}${row}` } });
	input.value = text;
	td.replaceChildren(input);
	input.focus();
	const finish = (commit: boolean) => {
		if (!editing) return;
		editing = false;
		if (commit && input.value !== text) void edit({ sheetId: sheet.sheetId, row, column, value: input.value });
		else if (workbook) renderGrid();
	};
	input.addEventListener("keydown", (event) => {
		// The cell's own Enter would open the editor again and save a second time.
		event.stopPropagation();
		if (event.key === "Enter") {
			event.preventDefault();
			// As in Sheets, Enter saves and moves down one row.
			if (cursor) cursor = { row: cursor.row + 1, column: cursor.column };
			finish(true);
		}
		if (event.key === "Escape") finish(false);
	});
	input.addEventListener("blur", () => finish(true));
}

function renderGrid(): void {
	const sheet = workbook?.sheets.find((candidate) => candidate.sheetId === shownSheetId);
	const wrap = byId("grid");
	if (!sheet) {
		wrap.replaceChildren();
		return;
	}
	const scroll = { top: wrap.scrollTop, left: wrap.scrollLeft };
	const table = el("table", { className: "grid", attributes: { "data-sheet": sheet.name } });
	// A fixed layout honours the column widths only when the table's own width is set.
	table.style.width = `${40 + sheet.columnWidths.reduce((sum, width) => sum + width, 0)}px`;
	const colgroup = el("colgroup", {}, [el("col", { attributes: { style: "width:40px" } })]);
	for (const width of sheet.columnWidths)
		colgroup.appendChild(el("col", { attributes: { style: `width:${width}px` } }));
	table.appendChild(colgroup);
	const frozenLeft: number[] = [];
	sheet.columnNumbers.reduce((left, column, index) => {
		frozenLeft[index] = left;
		return left + (sheet.columnWidths[index] ?? 100) * (column <= sheet.frozenColumns ? 1 : 0);
	}, 40);
	const headRow = el("tr", {}, [el("th", { className: "row-number" })]);
	for (const column of sheet.columnNumbers) headRow.appendChild(el("th", { text: columnLetters(column) }));
	table.appendChild(el("thead", {}, [headRow]));
	const body = el("tbody");
	sheet.rowNumbers.forEach((row, rowIndex) => {
		const tr = el("tr", { attributes: { "data-row": String(row) } });
		if (row <= sheet.frozenRows) tr.classList.add("frozen");
		tr.appendChild(el("th", { className: "row-number", text: String(row) }));
		sheet.columnNumbers.forEach((column, columnIndex) => {
			const cell = sheet.cells[rowIndex]?.[columnIndex] ?? { text: "" };
			const td = el(
				"td",
				{ attributes: { "data-row": String(row), "data-column": String(column) } },
				cellContent(cell, sheet, row, column),
			);
			// Frozen columns stay in view while the grid scrolls right, as Sheets keeps them.
			if (column <= sheet.frozenColumns) {
				td.classList.add("frozen-column");
				td.style.left = `${frozenLeft[columnIndex] ?? 40}px`;
			}
			if (cell.note) {
				td.title = cell.note;
				td.classList.add("has-note");
			}
			if (cell.background) td.style.background = cell.background;
			if (cell.color) td.style.color = cell.color;
			if (cell.bold) td.style.fontWeight = "bold";
			if (cell.align?.includes("center")) td.style.textAlign = "center";
			else if (cell.align?.includes("right")) td.style.textAlign = "right";
			if (inRange(sheet.activeRange, row, column)) td.classList.add("selected");
			if (cursor && cursor.row === row && cursor.column === column) td.classList.add("cursor");
			if (cell.editable) {
				td.classList.add("editable");
				if (!cell.options) {
					td.tabIndex = 0;
					td.addEventListener("dblclick", () => startEditing(td, sheet, row, column, cell.text));
					td.addEventListener("keydown", (event) => {
						if (event.key === "Enter" || event.key === "F2") {
							event.preventDefault();
							startEditing(td, sheet, row, column, cell.text);
						}
					});
				}
			}
			td.addEventListener("click", () => {
				cursor = { row, column };
				for (const other of table.querySelectorAll("td.cursor")) other.classList.remove("cursor");
				td.classList.add("cursor");
			});
			td.tabIndex = td.tabIndex >= 0 ? td.tabIndex : -1;
			tr.appendChild(td);
		});
		body.appendChild(tr);
	});
	table.appendChild(body);
	const canvas = el("div", { className: "grid-canvas" }, [table]);
	wrap.replaceChildren(canvas);
	placeCharts(canvas, table, sheet);
	wrap.scrollTop = scroll.top;
	wrap.scrollLeft = scroll.left;
	if (cursor && wrap.contains(document.activeElement) === false && document.activeElement === document.body)
		cursorCell()?.focus({ preventScroll: true });
	const selected = table.querySelector("td.selected");
	if (selected && sheet.activeRange && sheet.activeRange.row > 1) selected.scrollIntoView({ block: "nearest" });
}

/**
 * Each embedded chart over the grid at its anchor cell, as an image of the chart (an SVG the
 * server drew from the cells now); it moves with the cells when the grid scrolls, as in Sheets.
 */
function placeCharts(canvas: HTMLElement, table: HTMLTableElement, sheet: SheetView): void {
	const origin = canvas.getBoundingClientRect();
	for (const chart of sheet.charts ?? []) {
		const anchor = table.querySelector(`td[data-row="${chart.row}"][data-column="${chart.column}"]`);
		if (!anchor) continue;
		const box = anchor.getBoundingClientRect();
		const image = el("img", {
			className: "chart",
			attributes: {
				alt: chart.title || "Chart",
				"data-chart-id": String(chart.chartId),
				"data-chart-type": chart.type,
				src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.svg)}`,
			},
		});
		image.style.left = `${box.left - origin.left + chart.offsetX}px`;
		image.style.top = `${box.top - origin.top + chart.offsetY}px`;
		image.style.width = `${chart.width}px`;
		image.style.height = `${chart.height}px`;
		canvas.appendChild(image);
	}
}

function cursorCell(): HTMLTableCellElement | null {
	if (!cursor) return null;
	return byId("grid").querySelector<HTMLTableCellElement>(
		`td[data-row="${cursor.row}"][data-column="${cursor.column}"]`,
	);
}

/** Arrow keys move the cursor one cell, over hidden rows and columns, as in Sheets. */
function moveCursor(key: string): boolean {
	const sheet = workbook?.sheets.find((candidate) => candidate.sheetId === shownSheetId);
	if (!sheet || !cursor || editing) return false;
	const rows = sheet.rowNumbers;
	const columns = sheet.columnNumbers;
	const rowAt = rows.indexOf(cursor.row);
	const columnAt = columns.indexOf(cursor.column);
	const step: Record<string, [number, number]> = {
		ArrowUp: [-1, 0],
		ArrowDown: [1, 0],
		ArrowLeft: [0, -1],
		ArrowRight: [0, 1],
	};
	const [down, right] = step[key] ?? [0, 0];
	if (down === 0 && right === 0) return false;
	const row = rows[Math.min(rows.length - 1, Math.max(0, rowAt + down))];
	const column = columns[Math.min(columns.length - 1, Math.max(0, columnAt + right))];
	if (row === undefined || column === undefined) return false;
	cursor = { row, column };
	for (const other of byId("grid").querySelectorAll("td.cursor")) other.classList.remove("cursor");
	const td = cursorCell();
	td?.classList.add("cursor");
	td?.focus();
	td?.scrollIntoView({ block: "nearest", inline: "nearest" });
	return true;
}

function renderTabs(): void {
	const tabs = byId("tabs");
	tabs.replaceChildren();
	for (const sheet of workbook?.sheets ?? []) {
		if (sheet.hidden) continue;
		const tab = el("button", {
			text: sheet.name,
			attributes: { type: "button", role: "tab", "aria-selected": String(sheet.sheetId === shownSheetId) },
		});
		if (sheet.tabColor) tab.style.borderBottom = `3px solid ${sheet.tabColor}`;
		tab.addEventListener("click", () => {
			shownSheetId = sheet.sheetId;
			cursor = null;
			renderTabs();
			renderGrid();
		});
		tabs.appendChild(tab);
	}
}

async function loadWorkbook(): Promise<void> {
	workbook = await getJson<WorkbookView>("/api/workbook");
	byId("workbook-name").textContent = workbook.name;
	// Follow the spreadsheet's active sheet when a script changes it or its selection (the sidebar selecting a row).
	const active = workbook.sheets.find((sheet) => sheet.sheetId === workbook?.activeSheetId && !sheet.hidden);
	const selection = JSON.stringify([workbook.activeSheetId, active?.activeRange ?? null]);
	if (selection !== serverSelection || shownSheetId === null) {
		serverSelection = selection;
		shownSheetId = active?.sheetId ?? workbook.sheets.find((sheet) => !sheet.hidden)?.sheetId ?? null;
	}
	renderTabs();
	if (!editing) renderGrid();
	renderDrive(await getJson<DriveNode[]>("/api/drive"));
}

/** The local Drive as nested lists; names (a buyer's, in an order folder's) only as text. */
function renderDrive(nodes: DriveNode[]): void {
	const list = (items: DriveNode[]): Node[] =>
		items.map((node) => {
			const size = node.bytes === undefined ? "" : ` · ${node.mimeType}, ${node.bytes.toLocaleString("en")} bytes`;
			const line = el("span", { className: `drive-${node.kind}`, text: node.name, attributes: { title: node.url } });
			return el("li", { attributes: { "data-drive-id": node.id, "data-kind": node.kind } }, [
				line,
				el("span", { className: "muted", text: size }),
				...(node.children.length > 0 ? [el("ul", {}, list(node.children))] : []),
			]);
		});
	const drive = byId("drive");
	drive.replaceChildren(
		...(nodes.length > 0 ? list(nodes) : [el("li", { className: "muted", text: "Nothing in Drive yet." })]),
	);
}

function log(entries: LogEntry[]): void {
	const list = byId("log");
	for (const entry of entries) {
		if (entry.seq <= lastLogSeq) continue;
		lastLogSeq = entry.seq;
		const when = new Date(entry.at).toLocaleString("sv-SE", { timeZone, dateStyle: "short", timeStyle: "short" });
		list.appendChild(el("li", { className: entry.kind, text: `${when}  ${entry.text}` }));
	}
	while (list.children.length > 200) list.firstElementChild?.remove();
	list.parentElement?.scrollTo({ top: list.scrollHeight });
}

let outboxKey = "";

/** The mails MailApp "sent", newest first. Every part is text (textContent): a buyer's name stays text. */
function renderOutbox(status: PlaygroundStatus): void {
	const key = `${status.outboxCount}:${status.outbox[0]?.at ?? ""}`;
	if (key === outboxKey) return;
	outboxKey = key;
	byId("outbox-title").textContent = `Outbox (${status.outboxCount}): the e-mails Hubsheet sent`;
	const list = byId("outbox");
	list.replaceChildren(
		...status.outbox.map((mail) => {
			const when = new Date(mail.at).toLocaleString("sv-SE", { timeZone, dateStyle: "short", timeStyle: "short" });
			return el("li", { className: "mail" }, [
				el("div", { className: "mail-head", text: `${when}  To: ${mail.to}` }),
				el("div", { className: "mail-subject", text: mail.subject }),
				el("pre", { className: "mail-body", text: mail.body }),
			]);
		}),
	);
}

async function edit(change: CellEdit): Promise<void> {
	const answer = await postJson("/api/cell", change);
	if (!answer.ok)
		window.setTimeout(() =>
			log([{ seq: lastLogSeq + 1, at: workbook?.clock ?? "", kind: "error", text: answer.error }]),
		);
	await loadWorkbook();
}

/** The order id of the row under the page's cursor, for "Buyer cancels". */
function cursorOrderId(): string | undefined {
	const sheet = workbook?.sheets.find((candidate) => candidate.sheetId === shownSheetId);
	if (sheet?.name !== "Orders" || !cursor) return undefined;
	const orderColumn = sheet.cells[0]?.findIndex((cell) => cell.text.trim().toLowerCase() === "order") ?? -1;
	const rowIndex = sheet.rowNumbers.indexOf(cursor.row);
	if (orderColumn < 0 || rowIndex <= 0) return undefined;
	return sheet.cells[rowIndex]?.[orderColumn]?.text;
}

let controlsKey = "";
function renderControls(status: PlaygroundStatus): void {
	const key = JSON.stringify([status.controls, status.platforms, status.outages]);
	if (key === controlsKey) return;
	controlsKey = key;
	const bar = byId("controls");
	bar.replaceChildren();
	const happen = el("div", { className: "group" });
	const time = el("div", { className: "group" }, [el("span", { className: "muted", text: "Time passes:" })]);
	for (const control of status.controls) {
		if (control.id === "outage") continue;
		const button = el("button", { text: control.label, attributes: { type: "button", "data-control": control.id } });
		button.addEventListener(
			"click",
			() => void runControl({ id: control.id, ...(cursorOrderId() ? { orderId: cursorOrderId() as string } : {}) }),
		);
		(control.id.startsWith("time-") ? time : happen).appendChild(button);
	}
	const outages = el("div", { className: "group" }, [el("span", { className: "muted", text: "Outage:" })]);
	for (const platform of status.platforms) {
		const down = status.outages.includes(platform);
		const button = el("button", {
			text: platform,
			className: down ? "on" : "",
			attributes: { type: "button", "aria-pressed": String(down), "data-control": `outage-${platform}` },
		});
		button.addEventListener("click", () => void runControl({ id: "outage", platform }));
		outages.appendChild(button);
	}
	bar.append(happen, outages, time);
}

async function runControl(request: ControlRequest): Promise<void> {
	const answer = await postJson("/api/control", request);
	if (!answer.ok) log([{ seq: lastLogSeq + 1, at: workbook?.clock ?? "", kind: "error", text: answer.error }]);
	await poll();
}

let menuKey = "";
function renderMenu(status: PlaygroundStatus): void {
	const key = JSON.stringify(status.menu);
	if (key === menuKey) return;
	menuKey = key;
	const list = byId("menu-items");
	list.replaceChildren();
	for (const item of status.menu) {
		if (!item) {
			list.appendChild(el("div", { className: "separator", attributes: { role: "separator" } }));
			continue;
		}
		const button = el("button", { text: item.caption, attributes: { type: "button", role: "menuitem" } });
		button.addEventListener("click", () => {
			toggleMenu(false);
			if (item.functionName === "openSidebar") showSidebar();
			void postJson("/api/menu", { functionName: item.functionName }).then((answer) => {
				const dialog = (answer as { dialog?: { title: string; width: number; height: number } }).dialog;
				if (answer.ok && dialog) showDialog(dialog);
				return poll();
			});
		});
		list.appendChild(button);
	}
}

function toggleMenu(open: boolean): void {
	byId("menu-items").hidden = !open;
	byId("menu-button").setAttribute("aria-expanded", String(open));
	if (open) byId("menu-items").querySelector("button")?.focus();
}

/** A modal dialog as Sheets shows one: the script's HTML in a frame of its size, over a dimmed page. */
function showDialog(dialog: { title: string; width: number; height: number }): void {
	byId("dialog-title").textContent = dialog.title;
	const frame = byId<HTMLIFrameElement>("dialog");
	frame.style.width = `${dialog.width}px`;
	frame.style.height = `${dialog.height}px`;
	frame.src = `/dialog?at=${Date.now()}`;
	byId("dialog-backdrop").hidden = false;
	byId("close-dialog").focus();
}

function closeDialog(): void {
	byId("dialog-backdrop").hidden = true;
	byId<HTMLIFrameElement>("dialog").src = "about:blank";
}

function showSidebar(): void {
	byId("sidebar-panel").hidden = false;
	byId<HTMLIFrameElement>("sidebar").src = "/sidebar";
}

async function poll(): Promise<void> {
	const status = await getJson<PlaygroundStatus>("/api/status");
	timeZone = status.timeZone;
	byId("clock").textContent =
		`${new Date(status.clock).toLocaleString("en-GB", { timeZone: status.timeZone, dateStyle: "medium", timeStyle: "short" })} (${status.timeZone})`;
	byId("busy").textContent = status.busy ?? "";
	renderControls(status);
	renderMenu(status);
	log(status.log);
	renderOutbox(status);
	if (status.version !== version) {
		version = status.version;
		await loadWorkbook();
	}
}

function start(): void {
	byId("menu-button").addEventListener("click", () => toggleMenu(byId("menu-items").hidden));
	byId("menu-items").addEventListener("keydown", (event) => {
		if (event.key === "Escape") {
			toggleMenu(false);
			byId("menu-button").focus();
		}
	});
	byId("reload-sidebar").addEventListener("click", showSidebar);
	byId("close-dialog").addEventListener("click", closeDialog);
	document.addEventListener("keydown", (event) => {
		if (event.key === "Escape" && !byId("dialog-backdrop").hidden) closeDialog();
	});
	byId("grid").addEventListener("keydown", (event) => {
		if (moveCursor(event.key)) event.preventDefault();
	});
	window.addEventListener("message", (event) => {
		if (event.origin !== window.location.origin) return;
		const message = (event.data as { hubsheet?: string } | null)?.hubsheet;
		if (message === "close-sidebar") byId("sidebar-panel").hidden = true;
		if (message === "close-dialog") closeDialog();
		if (message === "focus-editor") byId("grid").focus();
	});
	const loop = () => {
		poll()
			.catch(() => undefined)
			.finally(() => window.setTimeout(loop, POLL_MS));
	};
	loop();
}

start();

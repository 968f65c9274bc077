/** The strip under Sync now: orders per Status and the late ones, each count a button to its rows. */
import { server } from "../server.js";
import type { SidebarState } from "../sidebar-api.js";
import { announce } from "./announce.js";
import { el, errorText, replaceChildren } from "./dom.js";

/** Where each count's last click went, so the next click shows the next of its rows. */
const stripRows = new Map<string, number>();

/** One line: orders per status and the late ones; a click on a count selects its next row. */
export function renderStrip(line: HTMLElement, strip: SidebarState["strip"]): void {
	line.hidden = !strip;
	if (!strip) return;
	const chip = (key: string, label: string, which: { status?: string; late?: boolean }, className = "") => {
		const button = el("button", { className: `chip ${className}`.trim(), text: label });
		button.setAttribute("type", "button");
		button.setAttribute("title", "Show these orders on the sheet, one after another");
		button.addEventListener("click", () => {
			server
				.selectOrders(which, stripRows.get(key) ?? 0)
				.then((result) => {
					if (result.row) stripRows.set(key, result.row);
					announce(result.message, !result.found);
				})
				.catch((error: unknown) => announce(`Could not show the orders: ${errorText(error)}`, true));
		});
		return button;
	};
	replaceChildren(line, [
		...strip.statuses.map((entry) =>
			chip(`s:${entry.status}`, `${entry.status} ${entry.orders}`, { status: entry.status }),
		),
		chip("late", `Late ${strip.late}`, { late: true }, strip.late > 0 ? "late" : ""),
	]);
}

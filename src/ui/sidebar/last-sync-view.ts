/** The Sync now section's summary of the last run, wherever it ran. */
import type { LastSyncView } from "../sidebar-api.js";
import { el, replaceChildren } from "./dom.js";
import { formatTime } from "./format.js";

/** The last run: its sentence (tinted when something stopped or failed), then one line per platform. */
export function renderLastSync(summary: HTMLElement, last: LastSyncView, timeZone: string): void {
	const tone = last.summary?.tone ?? (last.status === "failed" || last.status === "needs-setup" ? "error" : "ok");
	summary.className = `run-summary tone-${tone}`;
	summary.setAttribute("data-tone", tone);
	const lines = last.summary?.platforms ?? [];
	const parts: Array<Node | null> = [
		el("p", { className: "muted", text: `Last sync ${formatTime(last.at, timeZone)}` }),
		// Beside the per-platform lines, only what they do not say: trouble, findings, or all clear.
		el("p", {
			className: "headline",
			text: last.summary && lines.length > 0 ? last.summary.note || "All caught up." : last.message,
		}),
		lines.length > 0
			? el(
					"dl",
					{ className: "platform-lines" },
					lines.flatMap((line) => [
						el("dt", { text: line.platform }),
						el("dd", { className: `tone-${line.tone}`, text: line.text }),
					]),
				)
			: null,
		last.summary?.details
			? el("details", { className: "details" }, [
					el("summary", { text: "Details" }),
					el("p", { text: last.summary.details }),
				])
			: null,
	];
	replaceChildren(
		summary,
		parts.filter((part): part is Node => part !== null),
	);
}

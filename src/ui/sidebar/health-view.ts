/** The Connections section: each platform's status, last success and error, token age and quota. */
import type { ConnectionHealth, HealthStatus } from "../sidebar-api.js";
import { el, replaceChildren } from "./dom.js";
import { formatCount, formatTime, plural } from "./format.js";

export const STATUS_LABELS: Record<HealthStatus, string> = {
	ok: "OK",
	warning: "Warning",
	error: "Error",
	"not-configured": "Not set up",
};

/** Pure: the facts worth a line each, as [label, value]. */
export function healthFacts(health: ConnectionHealth, timeZone: string, nowIso?: string): Array<[string, string]> {
	const facts: Array<[string, string]> = [];
	// The latest outcome first: the error while it is current, the success once it is over.
	const success: [string, string] | null = health.lastSuccess
		? ["Last success", formatTime(health.lastSuccess, timeZone, nowIso)]
		: null;
	let error: [string, string] | null = null;
	if (health.lastError) {
		const when = formatTime(health.lastErrorAt, timeZone, nowIso);
		error = ["Last error", when ? `${when}: ${health.lastError}` : health.lastError];
	}
	const failingNow = error !== null && (!health.lastSuccess || (health.lastErrorAt ?? "") >= health.lastSuccess);
	if (failingNow) {
		facts.push(error as [string, string]);
		if (success) facts.push(success);
	} else {
		if (success) facts.push(success);
		if (health.recoveredAt) facts.push(["Working again since", formatTime(health.recoveredAt, timeZone, nowIso)]);
		if (error) facts.push(["Earlier error", error[1]]);
	}
	if (health.tokenAgeDays !== undefined) facts.push(["Sign-in age", plural(health.tokenAgeDays, "day")]);
	if (health.quotaLeftToday !== undefined) {
		const of = health.quotaPerDay !== undefined ? ` of ${formatCount(health.quotaPerDay)}` : "";
		facts.push(["Quota left today", `${formatCount(health.quotaLeftToday)}${of}`]);
	}
	return facts;
}

export function renderHealth(container: HTMLElement, health: readonly ConnectionHealth[], timeZone: string): void {
	const items = health.map((entry) => {
		const facts = el("dl", { className: "facts" });
		for (const [label, value] of healthFacts(entry, timeZone)) {
			facts.appendChild(el("dt", { text: label }));
			facts.appendChild(el("dd", { text: value }));
		}
		return el("li", { className: `health status-${entry.status}`, attributes: { "data-platform": entry.platform } }, [
			el("div", { className: "health-title" }, [
				el("span", { className: "dot", attributes: { "aria-hidden": "true" } }),
				el("strong", { text: entry.platform }),
				el("span", { className: `badge ${entry.status}`, text: STATUS_LABELS[entry.status] }),
			]),
			el("p", { className: "message", text: entry.message }),
			facts.childNodes.length > 0 ? facts : null,
		]);
	});
	replaceChildren(container, items);
}

/**
 * The Findings section: grouped by order, most severe first. Each group's heading is a button that
 * selects the order's row; each fix asks to be confirmed inside the sidebar first (Apps Script
 * sidebars block window.confirm).
 */
import { type CauseGroup, groupByCause } from "../../core/finding-groups.js";
import { type Finding, type Fix, type FixAction, SEVERITY_ORDER, type Severity } from "../../core/findings.js";
import { el, errorText, replaceChildren } from "./dom.js";
import { plural } from "./format.js";

export interface FindingGroup {
	orderId: string;
	/** The buyer's name from the order's row ("" when unknown). */
	buyer: string;
	/** The most severe of its findings. */
	severity: Severity;
	findings: Finding[];
}

/** Pure: one group per order, the order's findings most severe first, groups by their worst finding, then id. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
	const groups = new Map<string, FindingGroup>();
	for (const finding of findings) {
		const group = groups.get(finding.orderId) ?? {
			orderId: finding.orderId,
			buyer: "",
			severity: finding.severity,
			findings: [],
		};
		group.findings.push(finding);
		if (group.buyer === "" && finding.buyer) group.buyer = finding.buyer;
		if (SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[group.severity]) group.severity = finding.severity;
		groups.set(finding.orderId, group);
	}
	const sorted = [...groups.values()];
	for (const group of sorted) {
		group.findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
	}
	return sorted.sort(
		(a, b) =>
			SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
			a.orderId.localeCompare(b.orderId, "en", { numeric: true }),
	);
}

export const SEVERITY_LABELS: Record<Severity, string> = { error: "Needs action", warning: "Check", info: "Note" };

export interface FindingsHandlers {
	selectOrder(orderId: string): void;
	/** Resolves once the fix is applied (the list is re-rendered by then); rejects with the reason. */
	applyFix(orderId: string, action: FixAction): Promise<void>;
}

function valuesList(finding: Finding): HTMLElement | null {
	const entries = Object.entries(finding.values).filter(([, value]) => value !== undefined && value !== "");
	if (entries.length === 0) return null;
	const list = el("dl", { className: "values" });
	for (const [platform, value] of entries) {
		list.appendChild(el("dt", { text: platform }));
		list.appendChild(el("dd", { text: String(value) }));
	}
	return list;
}

/** One fix's button, which turns into a confirm step in place (Escape or Cancel goes back). */
function fixControl(finding: Finding, fix: Fix, handlers: FindingsHandlers): HTMLElement {
	const area = el("div", { className: "fix" });
	const fixButton = el("button", {
		className: "secondary fix-button",
		text: fix.label,
		attributes: { type: "button", "data-action": fix.action },
	});

	const showButton = () => {
		replaceChildren(area, [fixButton]);
		fixButton.focus();
	};
	const showConfirm = (problem?: string) => {
		const confirm = el("button", { className: "primary", text: "Confirm", attributes: { type: "button" } });
		const cancel = el("button", { className: "secondary", text: "Cancel", attributes: { type: "button" } });
		const box = el(
			"div",
			{ className: "confirm", attributes: { role: "group", "aria-label": `Confirm: ${fix.label}` } },
			[
				el("p", { className: "confirm-text", text: fix.confirm }),
				problem ? el("p", { className: "error", text: problem, attributes: { role: "alert" } }) : null,
				el("div", { className: "buttons" }, [confirm, cancel]),
			],
		);
		box.addEventListener("keydown", (event) => {
			if (event.key === "Escape") {
				event.preventDefault();
				showButton();
			}
		});
		cancel.addEventListener("click", showButton);
		confirm.addEventListener("click", () => {
			if (confirm.getAttribute("aria-disabled") === "true") return;
			confirm.setAttribute("aria-disabled", "true");
			confirm.textContent = "Working…";
			handlers.applyFix(finding.orderId, fix.action).catch((error: unknown) => showConfirm(errorText(error)));
		});
		replaceChildren(area, [box]);
		confirm.focus();
	};
	fixButton.addEventListener("click", () => showConfirm());
	area.appendChild(fixButton);
	return area;
}

function fixesOf(finding: Finding, handlers: FindingsHandlers): HTMLElement | null {
	const fixes = [...(finding.fix ? [finding.fix] : []), ...(finding.alternatives ?? [])];
	if (fixes.length === 0) return null;
	return el(
		"div",
		{ className: "fixes" },
		fixes.map((fix) => fixControl(finding, fix, handlers)),
	);
}

/** "Order 3100000001 · Anna Kowalska": a button that selects the order's row. */
function orderButton(orderId: string, buyer: string, describe: string, handlers: FindingsHandlers): HTMLElement {
	const label = buyer ? `Order ${orderId} · ${buyer}` : `Order ${orderId}`;
	const button = el("button", {
		className: "order-link",
		text: label,
		attributes: { type: "button", "data-order-id": orderId, "aria-label": `${label}: ${describe} Show its row.` },
	});
	button.addEventListener("click", () => handlers.selectOrder(orderId));
	return button;
}

/** One card for many orders that failed for one reason: the sentence once, then whose orders. */
function causeCard(group: CauseGroup, handlers: FindingsHandlers): HTMLElement {
	const details = group.findings.find((finding) => finding.details)?.details;
	return el(
		"section",
		{
			className: `finding-group cause-group severity-${group.severity}`,
			attributes: { "data-cause": group.cause, "aria-label": group.headline },
		},
		[
			el("span", { className: `badge ${group.severity}`, text: SEVERITY_LABELS[group.severity] }),
			el("p", { className: "message", text: group.headline }),
			details
				? el("details", { className: "details" }, [el("summary", { text: "Details" }), el("p", { text: details })])
				: null,
			el(
				"ul",
				{ className: "cause-orders" },
				group.orders.map((order) =>
					el("li", {}, [orderButton(order.orderId, order.buyer, `${SEVERITY_LABELS[group.severity]}.`, handlers)]),
				),
			),
		],
	);
}

export function renderFindings(container: HTMLElement, findings: readonly Finding[], handlers: FindingsHandlers): void {
	const { causes, rest } = groupByCause(findings);
	const groups = groupFindings(rest);
	if (groups.length === 0 && causes.length === 0) {
		replaceChildren(container, [
			el("p", { className: "muted", text: "No findings: every order agrees across platforms." }),
		]);
		return;
	}
	const nodes = groups.map((group) => {
		const select = orderButton(
			group.orderId,
			group.buyer,
			`${plural(group.findings.length, "finding")}, ${SEVERITY_LABELS[group.severity]}.`,
			handlers,
		);
		const items = group.findings.map((finding) =>
			el("li", { className: `finding severity-${finding.severity}`, attributes: { "data-kind": finding.kind } }, [
				el("span", { className: `badge ${finding.severity}`, text: SEVERITY_LABELS[finding.severity] }),
				el("p", { className: "message", text: finding.message }),
				valuesList(finding),
				// The platform's own words, folded away: for whoever helps the owner.
				finding.details
					? el("details", { className: "details" }, [
							el("summary", { text: "Details" }),
							el("p", { text: finding.details }),
						])
					: null,
				fixesOf(finding, handlers),
			]),
		);
		return el(
			"section",
			{ className: `finding-group severity-${group.severity}`, attributes: { "data-order-id": group.orderId } },
			[el("h3", {}, [select]), el("ul", { className: "findings" }, items)],
		);
	});
	// The causes shared by many orders come first: one correction there clears the most.
	replaceChildren(container, [...causes.map((group) => causeCard(group, handlers)), ...nodes]);
}

/** Three findings of different kinds on two orders, shared by the sidebar-read and findings-sheet tests. */
import type { Finding } from "../../src/core/findings.js";

export const cancelled: Finding = {
	orderId: "3100000002",
	kind: "cancelled-on-etsy",
	severity: "error",
	message: "Cancelled on Etsy but still in Production.",
	values: { Sheet: "Production", Etsy: "Cancelled" },
	fix: { action: "mark-cancelled", label: "Mark Cancelled", confirm: "Set Status to Cancelled?" },
};
export const stage: Finding = {
	orderId: "3100000001",
	kind: "crm-stage-differs",
	severity: "warning",
	message: "The deal is in Design.",
	values: { Sheet: "Production", Pipedrive: "Design" },
	fix: { action: "push-status-to-crm", label: "Move the deal", confirm: "Move it?" },
	alternatives: [{ action: "take-crm-stage", label: "Take Design", confirm: "Set Status to Design?", value: "Design" }],
};
export const late: Finding = {
	orderId: "3100000002",
	kind: "past-ship-by",
	severity: "warning",
	message: "Late.",
	values: {},
};

import { describe, expect, it } from "vitest";
import { crmStageDiffers, statusForStage } from "../../../src/core/reconcile/crm-stage-differs.js";
import { context, deal, snapshot } from "./snapshot-builder.js";

describe("crm-stage-differs", () => {
	it("fires when the deal's stage is not the one mapped to Status, offering both directions", () => {
		const findings = crmStageDiffers(
			snapshot({ status: "Production", deal: deal({ stageName: "Design" }) }),
			context(),
		);
		expect(findings).toEqual([
			{
				orderId: "3100000001",
				kind: "crm-stage-differs",
				severity: "warning",
				message: "Pipedrive shows the deal in Design; the sheet says Production.",
				summary: "Pipedrive stage Design ≠ Production",
				values: { Sheet: "Production", Pipedrive: "Design" },
				fix: expect.objectContaining({ action: "push-status-to-crm", value: "Production" }),
				alternatives: [
					expect.objectContaining({ action: "take-crm-stage", value: "Design", label: "Set Status to Design" }),
				],
			},
		]);
	});

	it("offers no fix that cannot work while the CRM push fails: push-failed reports it, and the owner's Status stays", () => {
		const outage = { platform: "Pipedrive" as const, message: "HTTP 503", at: 0, kind: "unavailable" as const };
		const during = snapshot({
			status: "Design",
			deal: deal({ stageName: "New order" }),
			books: { pushErrors: [outage], stagePushed: "New order" },
		});
		expect(crmStageDiffers(during, context())).toEqual([]);
	});

	it("never offers to take back the stage Hubsheet itself pushed last: the owner's Status is newer", () => {
		const [finding] = crmStageDiffers(
			snapshot({ status: "Design", deal: deal({ stageName: "New order" }), books: { stagePushed: "New order" } }),
			context(),
		);
		expect(finding?.fix?.action).toBe("push-status-to-crm");
		expect(finding?.alternatives).toBeUndefined();
	});

	it("does not fire when the stage differs only in case and spacing", () => {
		expect(crmStageDiffers(snapshot({ deal: deal({ stageName: "  production " }) }), context())).toEqual([]);
		expect(crmStageDiffers(snapshot({ status: "production", deal: deal() }), context())).toEqual([]);
	});

	it("names the mapped stage when it is not spelled like the Status", () => {
		const [finding] = crmStageDiffers(snapshot({ status: "New", deal: deal({ stageName: "Design" }) }), context());
		expect(finding?.message).toBe(
			"Pipedrive shows the deal in Design; the sheet says New (stage New order in Settings).",
		);
		expect(finding?.fix?.label).toBe("Move the deal to New order");
		expect(crmStageDiffers(snapshot({ status: "New", deal: deal({ stageName: "New order" }) }), context())).toEqual([]);
	});

	it("offers only the push when the CRM's stage maps back to no Status, or to several", () => {
		const unknown = crmStageDiffers(snapshot({ deal: deal({ stageName: "Qualified" }) }), context());
		expect(unknown[0]?.fix?.action).toBe("push-status-to-crm");
		expect(unknown[0]?.alternatives).toBeUndefined();
		const shared = context();
		shared.mapping.statusToStage.Delivered = "Shipped";
		const ambiguous = crmStageDiffers(snapshot({ deal: deal({ stageName: "Shipped" }) }), shared);
		expect(ambiguous[0]?.alternatives).toBeUndefined();
	});

	it("warns, when taking the CRM's stage means Ready to ship, that a shipment will be created", () => {
		const [finding] = crmStageDiffers(snapshot({ deal: deal({ stageName: "Ready to ship" }) }), context());
		expect(finding?.alternatives?.[0]?.confirm).toContain("creates the courier shipment");
	});

	it("stays quiet without a CRM, a deal, or a stage mapped to the Status", () => {
		const moved = deal({ stageName: "Design" });
		expect(crmStageDiffers(snapshot({ deal: moved }), context({ crm: null }))).toEqual([]);
		expect(crmStageDiffers(snapshot({ deal: null }), context())).toEqual([]);
		expect(crmStageDiffers(snapshot({ status: "Sanding", deal: moved }), context())).toEqual([]);
		expect(crmStageDiffers(snapshot({ status: "", deal: moved }), context())).toEqual([]);
	});

	it("finds the Status for a stage ignoring case", () => {
		expect(statusForStage("won", context().mapping.statusToStage)).toBe("Delivered");
		expect(statusForStage("nowhere", context().mapping.statusToStage)).toBeNull();
	});
});

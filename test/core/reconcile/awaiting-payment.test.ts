import { describe, expect, it } from "vitest";
import { awaitingPaymentRule } from "../../../src/core/reconcile/awaiting-payment.js";
import { context, snapshot } from "./snapshot-builder.js";

const unpaid = (status: string, etsyStatus = "Open") =>
	snapshot({ status, deal: null, shipment: null, etsy: { etsyStatus, isPaid: false } });

describe("awaiting-payment", () => {
	it("tells the owner why a New order gets no deal or shipment yet", () => {
		const [finding, ...rest] = awaitingPaymentRule(unpaid("New"), context());
		expect(rest).toEqual([]);
		expect(finding).toMatchObject({ kind: "awaiting-payment", severity: "info", summary: "awaiting payment on Etsy" });
		expect(finding?.message).toBe(
			"Etsy has not received the payment for this order yet (Etsy status: Open). Hubsheet makes a Pipedrive deal or a shipment once it is paid.",
		);
		expect(finding?.fix).toBeUndefined();
	});

	it("warns once the owner wants it shipped, and says so for payment processing too", () => {
		const [finding] = awaitingPaymentRule(unpaid("Ready to ship", "Payment processing"), context());
		expect(finding).toMatchObject({
			severity: "warning",
			values: { Etsy: "Payment processing", Sheet: "Ready to ship" },
		});
		expect(finding?.message).toContain("so no shipment is made");
	});

	it("names only what is connected", () => {
		const [finding] = awaitingPaymentRule(unpaid("New"), context({ crm: "Webhook", courier: null }));
		expect(finding?.message).toContain("Hubsheet makes the webhook's order event once it is paid.");
		const [bare] = awaitingPaymentRule(unpaid("New"), context({ crm: null, courier: null }));
		expect(bare?.message).toBe("Etsy has not received the payment for this order yet (Etsy status: Open).");
	});

	it("stays quiet for a paid order, a cancelled one and one that has left", () => {
		expect(awaitingPaymentRule(snapshot(), context())).toEqual([]);
		expect(awaitingPaymentRule(unpaid("Cancelled"), context())).toEqual([]);
		expect(awaitingPaymentRule(unpaid("Shipped"), context())).toEqual([]);
	});
});

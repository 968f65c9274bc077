import { describe, expect, it } from "vitest";
import type { PushError } from "../../../src/core/reconcile/order-snapshot.js";
import { pushFailed } from "../../../src/core/reconcile/push-failed.js";
import { context, deal, NOW, shipment, snapshot } from "./snapshot-builder.js";

const failure = (overrides: Partial<PushError> = {}): PushError => ({
	platform: "Furgonetka",
	message: "receiver.postcode: Invalid postcode.",
	at: NOW - 3_600_000,
	kind: "rejected",
	operation: "create-shipment",
	...overrides,
});

describe("push-failed", () => {
	it("fires with the platform's own words when the courier refused the shipment, with a retry", () => {
		const findings = pushFailed(snapshot({ status: "Ready to ship", books: { pushErrors: [failure()] } }), context());
		expect(findings).toEqual([
			{
				orderId: "3100000001",
				kind: "push-failed",
				severity: "error",
				message:
					"Creating the shipment in Furgonetka failed on 10 Nov 2026 10:00: receiver.postcode: Invalid postcode. Correct what Furgonetka objects to, then try again.",
				summary: "Furgonetka: shipment not created: receiver.postcode: Invalid postcode",
				values: { Furgonetka: "receiver.postcode: Invalid postcode" },
				fix: expect.objectContaining({ action: "retry-shipment", label: "Try the shipment again" }),
			},
		]);
	});

	it("is a warning without a fix when the CRM was only unavailable: the next sync retries", () => {
		const error = failure({ platform: "Pipedrive", kind: "unavailable", operation: "move-stage", message: "503" });
		const [finding] = pushFailed(
			snapshot({ deal: deal({ stageName: "Design" }), books: { pushErrors: [error] } }),
			context(),
		);
		expect(finding).toMatchObject({ severity: "warning", summary: "Pipedrive: stage not moved: 503" });
		expect(finding?.message).toContain("Hubsheet tries again at the next sync.");
		expect(finding?.fix).toBeUndefined();
	});

	it("asks to reconnect after an auth error", () => {
		const error = failure({ platform: "Etsy", kind: "auth", operation: "submit-tracking", message: "invalid_grant" });
		const [finding] = pushFailed(snapshot({ status: "Shipped", books: { pushErrors: [error] } }), context());
		expect(finding?.severity).toBe("error");
		expect(finding?.message).toContain("Reconnect Etsy in Hubsheet > Settings.");
	});

	it("judges an error of unknown kind by the platform's role", () => {
		const courier = failure({ kind: undefined, operation: undefined });
		const crm = failure({ platform: "Pipedrive", kind: undefined, operation: undefined });
		const findings = pushFailed(snapshot({ books: { pushErrors: [courier, crm] } }), context());
		expect(findings.map((finding) => [finding.severity, finding.summary, finding.fix?.action])).toEqual([
			["error", `Furgonetka: update failed: ${courier.message.replace(/\.+$/, "")}`, "retry-shipment"],
			["warning", `Pipedrive: update failed: ${crm.message.replace(/\.+$/, "")}`, undefined],
		]);
	});

	it("does not fire once the platform shows the push went through after all", () => {
		const created = snapshot({ shipment: shipment(), books: { pushErrors: [failure({ kind: "unavailable" })] } });
		expect(pushFailed(created, context())).toEqual([]);
		const moved = failure({ platform: "Pipedrive", operation: "move-stage" });
		expect(pushFailed(snapshot({ deal: deal(), books: { pushErrors: [moved] } }), context())).toEqual([]);
		const tracking = failure({ platform: "Etsy", operation: "submit-tracking" });
		const submitted = snapshot({ books: { pushErrors: [tracking], trackingOnEtsy: "6969" } });
		expect(pushFailed(submitted, context())).toEqual([]);
		const dealMade = failure({ platform: "Pipedrive", operation: "create-deal" });
		expect(pushFailed(snapshot({ deal: deal(), books: { pushErrors: [dealMade] } }), context())).toEqual([]);
	});

	it("does not fire for a platform the owner has since disconnected", () => {
		const old = failure({ platform: "HubSpot", operation: "move-stage" });
		expect(pushFailed(snapshot({ books: { pushErrors: [old] } }), context())).toEqual([]);
		expect(pushFailed(snapshot({ books: { pushErrors: [failure()] } }), context({ courier: null }))).toEqual([]);
	});

	it("keeps a long platform message short", () => {
		const [finding] = pushFailed(
			snapshot({ books: { pushErrors: [failure({ message: "x".repeat(1000) })] } }),
			context(),
		);
		expect(finding?.message.length).toBeLessThan(450);
	});
});

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
	it("says a courier's refusal in the sheet's words, keeps its own words as details, and offers no retry", () => {
		const refusal = failure({
			message: "The Phone cell is empty: Furgonetka needs the buyer's phone.",
			details: "receiver.phone: This value should not be blank.",
		});
		const findings = pushFailed(snapshot({ status: "Ready to ship", books: { pushErrors: [refusal] } }), context());
		expect(findings).toEqual([
			{
				orderId: "3100000001",
				kind: "push-failed",
				severity: "error",
				message:
					"The Phone cell is empty: Furgonetka needs the buyer's phone. Hubsheet creates the shipment at the next sync once that is done.",
				summary: "no shipment: The Phone cell is empty: Furgonetka needs the buyer's phone",
				values: { Furgonetka: "receiver.phone: This value should not be blank." },
				details: "Furgonetka said: receiver.phone: This value should not be blank.",
				cause:
					"push-failed|Furgonetka|rejected|create-shipment|The Phone cell is empty: Furgonetka needs the buyer's phone",
			},
		]);
	});

	it("offers to try the shipment again only when asking again can work", () => {
		const fixOf = (overrides: Partial<PushError>) =>
			pushFailed(snapshot({ status: "Ready to ship", books: { pushErrors: [failure(overrides)] } }), context())[0]?.fix
				?.action;
		expect(fixOf({ kind: "unavailable", message: "HTTP 503" })).toBe("retry-shipment");
		expect(fixOf({ kind: "rate-limit", message: "HTTP 429" })).toBe("retry-shipment");
		// A refusal, a broken connection or an unknown cause fails the same way until the owner acts.
		expect(fixOf({ kind: "rejected" })).toBeUndefined();
		expect(fixOf({ kind: "auth", message: "invalid_client" })).toBeUndefined();
		expect(fixOf({ kind: undefined })).toBeUndefined();
	});

	it("is a warning without a fix when the CRM was only unavailable: the next sync retries", () => {
		const error = failure({ platform: "Pipedrive", kind: "unavailable", operation: "move-stage", message: "503" });
		const [finding] = pushFailed(
			snapshot({ deal: deal({ stageName: "Design" }), books: { pushErrors: [error] } }),
			context(),
		);
		// In the owner's words; the platform's own (an HTTP status) are the details.
		expect(finding).toMatchObject({
			severity: "warning",
			message:
				"Moving the deal in Pipedrive did not work on 10 Nov 2026 10:00: Pipedrive could not be reached. Hubsheet tries again at the next sync.",
			summary: "Pipedrive: stage not moved (not reachable)",
			details: "Pipedrive said: 503",
		});
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
			["error", `Furgonetka: update failed: ${courier.message.replace(/\.+$/, "")}`, undefined],
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

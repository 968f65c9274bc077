import { describe, expect, it } from "vitest";
import { PlatformError } from "../../src/core/connector-contracts.js";
import { errorRecord, failureOf, OwnerMustFix, problemText } from "../../src/engine/push-outcome.js";

const PROBLEMS = [
	{ field: "receiver.postcode", message: "Invalid postcode." },
	{ field: "parcels[0].weight", message: "Too heavy." },
];

describe("errorRecord", () => {
	it("names the operation of each push action, and none for an action it does not know", () => {
		const operations = [
			"create deal",
			"move deal",
			"validate shipment",
			"create shipment",
			"track shipment",
			"submit tracking",
			"read order for shipment",
		].map((action) => errorRecord(new Error("x"), action, 1).operation);
		expect(operations).toEqual([
			"create-deal",
			"move-stage",
			"create-shipment",
			"create-shipment",
			"track-shipment",
			"submit-tracking",
			undefined,
		]);
	});

	it("keeps a plain error's words and time, with no kind (the run cannot tell what it was)", () => {
		expect(errorRecord(new Error("boom"), "create deal", 7)).toEqual({
			message: "boom",
			at: 7,
			operation: "create-deal",
		});
		expect(errorRecord("text thrown", "x", 1)).toEqual({ message: "text thrown", at: 1 });
	});

	it("files what the owner must fix as rejected, keeping the platform's words as details", () => {
		expect(
			errorRecord(new OwnerMustFix("Fill in the Phone cell.", "receiver.phone: blank"), "validate shipment", 1),
		).toEqual({
			message: "Fill in the Phone cell.",
			details: "receiver.phone: blank",
			kind: "rejected",
			operation: "create-shipment",
			at: 1,
		});
	});

	it("keeps a platform error's kind, and puts a courier's field errors in the sheet's words", () => {
		const plain = new PlatformError("Pipedrive", "createDeal", "rate-limit", "HTTP 429");
		expect(errorRecord(plain, "create deal", 1)).toMatchObject({ message: "HTTP 429", kind: "rate-limit" });
		const refused = new PlatformError("Furgonetka", "POST /packages", "rejected", "refused", { problems: PROBLEMS });
		const record = errorRecord(refused, "create shipment", 1);
		expect(record.kind).toBe("rejected");
		expect(record.message).toMatch(/^Furgonetka does not accept the Ship to address \(postcode\)/);
		expect(record.details).toBe("receiver.postcode: Invalid postcode.; parcels[0].weight: Too heavy.");
	});
});

describe("failureOf", () => {
	it("says a connection failed, naming its platform, and whether the request may have applied", () => {
		const lost = new PlatformError("Furgonetka", "POST /packages", "unavailable", "timeout", { mayHaveApplied: true });
		expect(failureOf(lost)).toEqual({ mayHaveApplied: true, connectionFailed: "Furgonetka" });
		expect(failureOf(new PlatformError("Etsy", "getShopReceipt", "auth", "401"))).toEqual({ connectionFailed: "Etsy" });
	});

	it("sets no connection failure for a refusal of the order's data, nor for an error of unknown origin", () => {
		expect(failureOf(new PlatformError("Furgonetka", "POST /packages", "rejected", "400"))).toEqual({});
		expect(failureOf(new OwnerMustFix("Fill in the Phone cell."))).toEqual({});
		expect(failureOf(new Error("x"))).toEqual({});
	});
});

describe("problemText", () => {
	it("joins each field with its message", () => {
		expect(problemText(PROBLEMS)).toBe("receiver.postcode: Invalid postcode.; parcels[0].weight: Too heavy.");
		expect(problemText([])).toBe("");
	});
});

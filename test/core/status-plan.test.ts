import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import {
	courierStatusMoves,
	crmStageShown,
	followingStageMoves,
	isForward,
	isHandEdit,
	statusForCourierState,
} from "../../src/core/status-plan.js";
import { missingTableRows, readMappingSettings } from "../../src/platforms/catalog.js";

const mapping = readMappingSettings(missingTableRows([])).settings;
const deal = (stagePushed: string, changes?: number): Bookkeeping => ({
	deal: { id: "d1", url: "https://x.pipedrive.com/deal/1", stagePushed, ...(changes ? { changes } : {}) },
});

describe("the Status plan", () => {
	it("moves the Status only forward along the canonical path, never into or out of On hold or Cancelled", () => {
		expect(isForward("Ready to ship", "Shipped")).toBe(true);
		expect(isForward("shipped ", "Delivered")).toBe(true);
		expect(isForward("Delivered", "Shipped")).toBe(false);
		expect(isForward("On hold", "Shipped")).toBe(false);
		expect(isForward("Cancelled", "Delivered")).toBe(false);
		expect(isForward("Ready to ship", "Cancelled")).toBe(false);
		expect(isForward("Sanding", "Shipped")).toBe(false);
	});

	it("reads a courier's state as the Status Settings maps it to, in any case", () => {
		const [state, status] = Object.entries(mapping.courierStateToStatus)[0] ?? ["", ""];
		expect(statusForCourierState(state.toUpperCase(), mapping)).toBe(status);
		expect(statusForCourierState("no-such-state", mapping)).toBeUndefined();
	});

	it("keeps the courier's suggestions that move an order forward", () => {
		const now: Record<string, string> = { a: "Ready to ship", b: "Delivered", c: "On hold" };
		const moves = courierStatusMoves(
			[
				["a", "Shipped"],
				["b", "Shipped"],
				["c", "Shipped"],
			],
			(orderId) => now[orderId] ?? "",
		);
		expect([...moves]).toEqual([["a", "Shipped"]]);
	});

	it("moves the deal too when the courier moved the Status, numbering the change, unless it is there already", () => {
		const shipped = "Shipped";
		const stage = mapping.statusToStage[shipped] ?? Object.values(mapping.statusToStage)[0];
		expect(stage).toBeTruthy();
		const books: Record<string, Bookkeeping> = { a: deal("Production", 2), b: deal(stage as string), c: {} };
		const moves = followingStageMoves(
			new Map([
				["a", shipped],
				["b", shipped],
				["c", shipped],
			]),
			(orderId) => books[orderId],
			mapping,
		);
		expect(moves).toEqual([{ orderId: "a", dealId: "d1", stageName: stage, change: 3 }]);
	});

	it("calls a CRM stage a hand edit when it is not the one Hubsheet last pushed", () => {
		expect(isHandEdit("Packing", deal("Production"))).toBe(true);
		expect(isHandEdit("Production", deal("Production"))).toBe(false);
		expect(isHandEdit("Production", undefined)).toBe(true);
	});
});

describe("the CRM stage cell", () => {
	const books: Bookkeeping = { deal: { id: "D1", url: "https://crm/D1", stagePushed: "Design" } };

	it("shows the stage read from the CRM this run, over the one pushed", () => {
		expect(crmStageShown("Production", true, books)).toBe("Production");
		expect(crmStageShown("Production", false, books)).toBe("Production");
	});

	it("shows the stage pushed this run when the CRM was not read", () => {
		expect(crmStageShown(undefined, true, books)).toBe("Design");
	});

	it("stays as it is otherwise: a hand edit read earlier is not overwritten by the last push", () => {
		expect(crmStageShown(undefined, false, books)).toBeUndefined();
		expect(crmStageShown(undefined, true, {})).toBeUndefined();
	});
});

import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import { PlatformError } from "../../src/core/connector-contracts.js";
import { readParcels } from "../../src/engine/push-parcel-reads.js";
import { FakeCourier, pushRun } from "./push-fakes.js";

const NOW = 1_800_000_000_000;
const EARLIER = NOW - 3 * 86_400_000;
const TRACK = [{ orderId: "1", shipmentId: "S1" }];

/** Order 1's bookkeeping with a shipment waiting for pick-up since three days ago. */
function shipped(extra: Partial<NonNullable<Bookkeeping["shipment"]>> = {}) {
	const shipment = { id: "S1", url: "u", state: "waiting_for_pickup", service: "dpd", addressUsed: "Anna, PL" };
	return new Map<string, Bookkeeping>([
		[
			"1",
			{
				shipment: {
					...shipment,
					trackingNumber: null,
					trackingUrl: null,
					labelUrl: null,
					stateSince: EARLIER,
					...extra,
				},
			},
		],
	]);
}

describe("readParcels", () => {
	it("notes a status change the courier's state causes, keeping the saved label and the address used", () => {
		const courier = new FakeCourier();
		courier.states.set("S1", "collected");
		const books = shipped({ labelFile: { id: "F1", url: "https://drive/F1" } });
		const { run } = pushRun({ courier }, books);
		readParcels(run, courier, TRACK);
		expect([...run.outcome.statusChanges]).toEqual([["1", "Shipped"]]);
		expect(books.get("1")?.shipment).toMatchObject({
			state: "collected",
			trackingNumber: "123456789012345678901234",
			labelFile: { id: "F1", url: "https://drive/F1" },
			addressUsed: "Anna, PL",
			stateSince: NOW,
		});
	});

	it("keeps the state's clock when the state did not change, and moves no status", () => {
		const courier = new FakeCourier();
		const books = shipped();
		const { run } = pushRun({ courier }, books);
		readParcels(run, courier, TRACK);
		expect(books.get("1")?.shipment?.stateSince).toBe(EARLIER);
		expect(books.get("1")?.shipment?.nextPollAt).toBeGreaterThan(NOW);
		expect(run.outcome.statusChanges.size).toBe(0);
	});

	it("clears the courier's last error on a good read, and only the courier's", () => {
		const courier = new FakeCourier();
		const books = shipped();
		(books.get("1") as Bookkeeping).errors = { Furgonetka: { message: "x", at: 1 }, Etsy: { message: "y", at: 1 } };
		readParcels(pushRun({ courier }, books).run, courier, TRACK);
		expect(Object.keys(books.get("1")?.errors ?? {})).toEqual(["Etsy"]);
	});

	it("files a parcel the courier no longer knows as a refusal on its row, due again when it would have been", () => {
		const courier = new FakeCourier();
		courier.unknown.add("S1");
		const books = shipped();
		const { run } = pushRun({ courier }, books);
		readParcels(run, courier, TRACK);
		expect(books.get("1")?.errors?.Furgonetka).toMatchObject({ kind: "rejected", operation: "track-shipment" });
		expect(books.get("1")?.errors?.Furgonetka?.message).toContain("does not know shipment S1");
		expect(books.get("1")?.shipment).toMatchObject({ state: "waiting_for_pickup", stateSince: EARLIER });
		expect(books.get("1")?.shipment?.nextPollAt).toBeGreaterThan(NOW);
		expect(run.outcome.actions[0]).toMatchObject({ outcome: "failed" });
		expect(run.outcome.actions[0]?.connectionFailed).toBeUndefined();
	});

	it("names the courier's connection when one parcel's read failed, and says so for a missing answer", () => {
		const courier = new FakeCourier();
		courier.failing.add("S1");
		const books = shipped();
		const { run } = pushRun({ courier }, books);
		readParcels(run, courier, TRACK);
		expect(books.get("1")?.errors?.Furgonetka).toMatchObject({ message: "HTTP 503 on S1", kind: "unavailable" });
		expect(run.outcome.actions[0]).toMatchObject({ platform: "Furgonetka", connectionFailed: "Furgonetka" });
		courier.trackEach = () => [];
		readParcels(run, courier, TRACK);
		expect(books.get("1")?.errors?.Furgonetka?.message).toBe("Furgonetka gave no answer about shipment S1.");
	});

	it("fails every parcel of the call when the whole read fails", () => {
		const courier = new FakeCourier();
		courier.trackEach = () => {
			throw new PlatformError("Furgonetka", "GET /packages", "auth", "HTTP 401");
		};
		const books = shipped();
		books.set("2", { shipment: { ...(books.get("1")?.shipment as NonNullable<Bookkeeping["shipment"]>), id: "S2" } });
		const { run } = pushRun({ courier }, books);
		readParcels(run, courier, [...TRACK, { orderId: "2", shipmentId: "S2" }]);
		expect(run.outcome.actions.map((action) => `${action.orderId} ${action.kind}`)).toEqual(["1 auth", "2 auth"]);
	});

	it("reads nothing once out of time, and skips an order with no shipment in its bookkeeping", () => {
		const courier = new FakeCourier();
		courier.trackEach = () => {
			throw new Error("must not read");
		};
		const late = pushRun({ courier, overBudget: () => true }, shipped()).run;
		readParcels(late, courier, TRACK);
		expect(late.outcome.actions).toEqual([]);
		const reader = new FakeCourier();
		const { run, books } = pushRun({ courier: reader });
		readParcels(run, reader, TRACK);
		expect(books.get("1")).toEqual({});
		expect(run.outcome.actions).toEqual([]);
	});
});

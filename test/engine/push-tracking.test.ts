import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import { submitTrackings } from "../../src/engine/push-tracking.js";
import { sampleOrder } from "../core/sample-order.js";
import { pushRun } from "./push-fakes.js";

const NOW = 1_800_000_000_000;
const push = (orderId: string, carrier = "dpd") => ({ orderId, trackingNumber: `T${orderId}`, carrier });
const plan = (...pushes: ReturnType<typeof push>[]) => ({ pushTracking: pushes, trackingAtPickUp: [] });
const crashed = () => new Map<string, Bookkeeping>([["1", { intents: { tracking: { key: "k", at: 1 } } }]]);

describe("submitTrackings", () => {
	it("saves the intent before submitting, then records the tracking and clears the intent", () => {
		const books = new Map<string, Bookkeeping>();
		const seen: string[] = [];
		const { run, all, submitted } = pushRun({}, books);
		all.saveBookkeeping = (ids) =>
			void seen.push(`${ids.join(",")}: ${submitted.length} sent, intent ${!!books.get("1")?.intents?.tracking}`);
		submitTrackings(run, plan(push("1")));
		expect(seen).toEqual(["1: 0 sent, intent true", "1: 1 sent, intent false"]);
		expect(submitted).toEqual(["1:T1"]);
		expect(books.get("1")?.etsyTracking).toEqual({ code: "T1", carrier: "dpd", at: NOW });
		expect(books.get("1")?.intents).toEqual({});
	});

	it("after a crash, checks Etsy first and does not post tracking Etsy already shows", () => {
		const { run, all, submitted, books } = pushRun({}, crashed());
		all.etsy.order = (orderId) => sampleOrder({ orderId, shipments: [{ carrier: "dpd", trackingCode: "T1" }] });
		submitTrackings(run, plan(push("1")));
		expect(submitted).toEqual([]);
		expect(books.get("1")?.etsyTracking?.code).toBe("T1");
		expect(run.outcome.actions[0]).toMatchObject({ action: "submitted tracking", outcome: "ok" });
	});

	it("after a crash, posts the tracking Etsy does not show", () => {
		const { run, submitted } = pushRun({}, crashed());
		submitTrackings(run, plan(push("1")));
		expect(submitted).toEqual(["1:T1"]);
	});

	it("reads no order on Etsy when no earlier run left an intent", () => {
		const { run, all, submitted } = pushRun();
		all.etsy.order = () => {
			throw new Error("must not read");
		};
		submitTrackings(run, plan(push("1")));
		expect(submitted).toEqual(["1:T1"]);
	});

	it('sends a carrier Etsy does not list as "other", telling the owner once', () => {
		const etsyCarriers = { origin: "PL", at: NOW, names: ["DPD", "InPost"] };
		const carriers: string[] = [];
		const { run, all, books } = pushRun({ etsyCarriers });
		all.etsy.submitTracking = (_orderId, _code, carrier) => {
			carriers.push(carrier);
			return { ok: true, kept: false };
		};
		submitTrackings(run, plan(push("1", "Courier X"), push("2", "Courier X")));
		expect(carriers).toEqual(["other", "other"]);
		expect(run.outcome.settingsProblems).toHaveLength(1);
		expect(run.outcome.settingsProblems?.[0]).toContain('no carrier "Courier X"');
		expect(books.get("1")?.etsyTracking).toEqual({ code: "T1", carrier: "other", at: NOW, dropped: true });
	});

	it("files Etsy's refusal on the order as Etsy's, and clears the intent: Etsy answered", () => {
		const { run, all, books } = pushRun();
		all.etsy.submitTracking = () => ({ ok: false, message: "Etsy refused: bad tracking code" });
		submitTrackings(run, plan(push("1")));
		expect(books.get("1")?.errors?.Etsy).toMatchObject({
			message: "Etsy refused: bad tracking code",
			kind: "rejected",
			operation: "submit-tracking",
		});
		expect(run.outcome.actions[0]).toMatchObject({ platform: "Etsy", action: "submit tracking", outcome: "failed" });
		expect(books.get("1")?.intents?.tracking).toBeUndefined();
	});

	it("keeps the intent when the submission's answer is lost", () => {
		const { run, all, books } = pushRun();
		all.etsy.submitTracking = () => {
			throw new Error("Etsy createReceiptShipment timed out");
		};
		submitTrackings(run, plan(push("1")));
		expect(books.get("1")?.intents?.tracking?.key).toBe("hubsheet:1:tracking");
		expect(books.get("1")?.errors?.Etsy?.message).toBe("Etsy createReceiptShipment timed out");
	});

	it("posts now the tracking of a parcel this run's read shows collected, and not of one still waiting", () => {
		const parcel = { id: "S", url: "u", service: "dpd", addressUsed: "", trackingUrl: null, labelUrl: null };
		const books = new Map<string, Bookkeeping>([
			["1", { shipment: { ...parcel, state: "collected", trackingNumber: "TC1" } }],
			["2", { shipment: { ...parcel, state: "waiting_for_pickup", trackingNumber: "TC2" } }],
		]);
		const { run, submitted } = pushRun({}, books);
		const atPickUp = ["1", "2"].map((orderId) => ({ orderId, carrier: "dpd" }));
		submitTrackings(run, { pushTracking: [], trackingAtPickUp: atPickUp });
		expect(submitted).toEqual(["1:TC1"]);
	});

	it("submits only what Etsy's daily allowance pays for; the rest gets no intent", () => {
		const asked: string[] = [];
		const budget = {
			allow: (platform: string, work: string, ids: readonly string[]) => {
				asked.push(`${platform} ${work}`);
				return ids.slice(0, 1);
			},
		};
		const { run, submitted, books } = pushRun({ budget });
		submitTrackings(run, plan(push("1"), push("2")));
		expect(asked).toEqual(["Etsy move"]);
		expect(submitted).toEqual(["1:T1"]);
		expect(books.has("2")).toBe(false);
	});
});

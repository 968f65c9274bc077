import { describe, expect, it } from "vitest";
import { ALERT_SENDER_NAME, plainLine } from "../../src/core/alert-digest.js";
import {
	type AlertItem,
	type AlertKind,
	failingSyncsAlert,
	findingAlerts,
	morningSummaryLines,
	nextFailStreak,
	reconnectAlerts,
} from "../../src/core/alert-items.js";
import { type AlertPlanInput, planAlerts } from "../../src/core/alert-plan.js";
import { type AlertRecord, MAX_REMEMBERED, recordKey } from "../../src/core/alert-record.js";
import { DEFAULT_ALERT_SETTINGS } from "../../src/core/alert-settings.js";
import type { Finding } from "../../src/core/findings.js";

const ZONE = "Europe/Warsaw";
const NOW = Date.UTC(2026, 11, 3, 10, 0); // 11:00 in Warsaw
const URL = "https://docs.google.com/spreadsheets/d/abc/edit";
const ALL: AlertKind[] = ["red-finding", "past-ship-by", "syncs-failing", "reconnect", "step-finding"];

function finding(orderId: string, severity: Finding["severity"], kind: Finding["kind"] = "push-failed"): Finding {
	return { orderId, kind, severity, message: `Something about ${orderId}.`, values: {}, buyer: "Anna Kowalska" };
}

function input(items: AlertItem[], overrides: Partial<AlertPlanInput> = {}): AlertPlanInput {
	return {
		items,
		judged: ALL,
		record: { sent: {} },
		settings: DEFAULT_ALERT_SETTINGS,
		owner: () => "owner@shop.example",
		quotaLeft: () => 100,
		now: NOW,
		timeZone: ZONE,
		spreadsheetUrl: () => URL,
		...overrides,
	};
}

/** Runs the planner as the engine would, run after run, carrying the record. */
function runs(steps: Array<{ items: AlertItem[]; now?: number } & Partial<AlertPlanInput>>) {
	let record: AlertRecord = { sent: {} };
	return steps.map((step) => {
		const plan = planAlerts(input(step.items, { ...step, record }));
		record = plan.record;
		return plan;
	});
}

describe("alert items", () => {
	it("alerts a red finding, an order past Ship by, and a step owner's finding; not a yellow one", () => {
		const opened = () => 1000;
		const items = findingAlerts(
			[
				finding("1", "error"),
				finding("2", "error", "past-ship-by"),
				finding("3", "warning", "past-ship-by"),
				finding("4", "warning", "stuck-in-status"),
				finding("5", "info"),
			],
			opened,
			(f) => (f.orderId === "4" ? "maker@shop.example" : undefined),
		);
		expect(items.map((item) => [item.kind, item.key, item.recipient])).toEqual([
			["red-finding", "red-finding:1:push-failed:1000", undefined],
			["past-ship-by", "past-ship-by:2:past-ship-by:1000", undefined],
			["step-finding", "step-finding:4:stuck-in-status:1000", "maker@shop.example"],
		]);
		expect(items[0]?.line).toBe("Order 1 (Anna Kowalska): Something about 1.");
	});

	it("sends a step's finding to the step owner the Definition of done names, when it has an address", () => {
		const withOwner = (email: string | null): Finding => ({
			...finding("6", "warning", "push-failed"),
			stepOwner: { name: "Maciek", email },
		});
		expect(findingAlerts([withOwner("maciek@shop.example")], () => 5)).toEqual([
			expect.objectContaining({ kind: "step-finding", recipient: "maciek@shop.example" }),
		]);
		expect(findingAlerts([withOwner(null)], () => 5)).toEqual([]);
	});

	it("counts failed syncs in a row and alerts at the threshold, keyed by when the streak began", () => {
		let streak = nextFailStreak(null, "Etsy is not answering", NOW);
		expect(failingSyncsAlert(streak, 3, ZONE)).toBeNull();
		streak = nextFailStreak(streak, "Etsy is not answering", NOW + 600_000);
		streak = nextFailStreak(streak, "Etsy said 503", NOW + 1_200_000);
		const alert = failingSyncsAlert(streak, 3, ZONE);
		expect(alert).toMatchObject({ kind: "syncs-failing", key: `syncs-failing:${NOW}` });
		expect(alert?.line).toBe("3 syncs in a row failed, since 3 Dec 2026 11:00. The latest said: Etsy said 503");
		expect(nextFailStreak(streak, null, NOW)).toBeNull();
	});

	it("names each connection to sign in to again", () => {
		expect(
			reconnectAlerts([
				{ platform: "Etsy", reason: "lapsing", message: "sign in again", since: 5 },
				{ platform: "Pipedrive", reason: "refused", message: "save the token again" },
			]),
		).toEqual([
			{ key: "reconnect:Etsy:lapsing:5", kind: "reconnect", line: "Etsy: sign in again" },
			{ key: "reconnect:Pipedrive:refused:", kind: "reconnect", line: "Pipedrive: save the token again" },
		]);
	});
});

describe("planAlerts", () => {
	const red: AlertItem = { key: "red-finding:1:push-failed:1", kind: "red-finding", line: "Order 1: red" };
	const late: AlertItem = { key: "past-ship-by:2:past-ship-by:1", kind: "past-ship-by", line: "Order 2: late" };
	const failing: AlertItem = { key: "syncs-failing:1", kind: "syncs-failing", line: "3 syncs failed" };
	const reconnect: AlertItem = { key: "reconnect:Etsy:lapsing:1", kind: "reconnect", line: "Etsy: sign in" };

	it("sends one plain-text digest with every kind, to the owner and the extra addresses, linking only the spreadsheet", () => {
		const plan = planAlerts(
			input([red, late, failing, reconnect], {
				settings: { ...DEFAULT_ALERT_SETTINGS, alsoTo: ["partner@shop.example"] },
			}),
		);
		expect(plan.mails).toHaveLength(1);
		const [mail] = plan.mails;
		expect(mail?.to).toEqual(["owner@shop.example", "partner@shop.example"]);
		expect(mail?.subject).toBe("Hubsheet: Syncs are failing (and 3 more)");
		expect(mail?.body).toContain("Syncs are failing:\n- 3 syncs failed");
		expect(mail?.body).toContain("Connections to sign in to again:\n- Etsy: sign in");
		expect(mail?.body).toContain("Orders past their Ship by date:\n- Order 2: late");
		expect(mail?.body).toContain("Orders that need you:\n- Order 1: red");
		expect(mail?.body.match(/https?:\/\/\S+/g)).toEqual([URL]);
		expect(Object.keys(plan.record.sent).sort()).toEqual(
			[red, late, failing, reconnect].map((item) => recordKey(item.key)).sort(),
		);
	});

	it("never mails the same alert twice, and mails it again only once the condition cleared and came back", () => {
		const [first, second, third, cleared, back] = runs([
			{ items: [red] },
			{ items: [red] },
			{ items: [red, late] },
			{ items: [] },
			{ items: [red] },
		]);
		expect(first?.mails).toHaveLength(1);
		expect(second?.mails).toEqual([]);
		expect(third?.mails.map((mail) => mail.body.includes("Order 1: red"))).toEqual([false]);
		expect(cleared?.mails).toEqual([]);
		expect(back?.mails).toHaveLength(1);
	});

	it("keeps the keys of kinds this run did not judge (a run that stopped before the checks)", () => {
		const [, stopped, after] = runs([
			{ items: [red] },
			{ items: [failing], judged: ["syncs-failing"] },
			{ items: [red] },
		]);
		expect(stopped?.mails.map((mail) => mail.body.includes("Order 1"))).toEqual([false]);
		expect(after?.mails).toEqual([]);
	});

	it("holds the daily limit from Settings and from Google's quota; what waited goes out the next day", () => {
		const item = (n: number): AlertItem => ({ key: `red-finding:${n}`, kind: "red-finding", line: `Order ${n}` });
		const settings = { ...DEFAULT_ALERT_SETTINGS, perDay: 2 };
		const plans = runs([
			{ items: [item(1)], settings },
			{ items: [item(1), item(2)], settings },
			{ items: [item(1), item(2), item(3)], settings },
			{ items: [item(1), item(2), item(3)], settings, now: NOW + 86_400_000 },
		]);
		expect(plans.map((plan) => plan.mails.length)).toEqual([1, 1, 0, 1]);
		expect(plans[1]?.mails[0]?.body).toContain("This is the last alert e-mail today");
		expect(plans[2]?.notes[0]).toContain("today's limit is reached (2 a day on Settings");
		expect(plans[3]?.mails[0]?.body).toContain("- Order 3");
		expect(plans[3]?.mails[0]?.body).not.toContain("- Order 1");

		const quota = planAlerts(
			input([red], { quotaLeft: () => 1, settings: { ...DEFAULT_ALERT_SETTINGS, alsoTo: ["b@shop.example"] } }),
		);
		expect(quota.mails).toEqual([]);
		expect(quota.record.sent[recordKey(red.key)]).toBeUndefined();
	});

	it("sends nothing in quiet mode, and does not send it later when quiet mode ends", () => {
		const quiet = { ...DEFAULT_ALERT_SETTINGS, quiet: true, morningHour: 8 };
		const [during, after] = runs([
			{ items: [red, late, failing, reconnect], settings: quiet },
			{ items: [red, late, failing, reconnect] },
		]);
		expect(during?.mails).toEqual([]);
		expect(after?.mails).toEqual([]);
	});

	it("sends the morning summary once a day after its hour, in the same digest as the alerts", () => {
		const settings = { ...DEFAULT_ALERT_SETTINGS, morningHour: 12 };
		const summary = () => ["Orders by status: New 2."];
		const plans = runs([
			{ items: [], settings, summary }, // 11:00: not yet
			{ items: [red], settings, summary, now: NOW + 3_600_000 }, // 12:00
			{ items: [], settings, summary, now: NOW + 7_200_000 },
			{ items: [], settings, summary, now: NOW + 86_400_000 + 3_600_000 },
		]);
		expect(plans.map((plan) => plan.mails.length)).toEqual([0, 1, 0, 1]);
		expect(plans[1]?.mails[0]?.subject).toBe("Hubsheet morning summary: Orders that need you");
		expect(plans[1]?.mails[0]?.body).toContain(
			"Good morning. Your shop at 3 Dec 2026 12:00:\n\n- Orders by status: New 2.",
		);
		expect(plans[1]?.mails[0]?.body).toContain("- Order 1: red");
		expect(plans[3]?.mails[0]?.subject).toBe("Hubsheet: your morning summary");
	});

	it("gives a step owner a digest of their step's items; a bad address goes to the owner only", () => {
		const step: AlertItem = {
			key: "step-finding:7",
			kind: "step-finding",
			line: "Order 7: no Design link",
			recipient: "Maker@Shop.example",
		};
		const named: AlertItem = { key: "step-finding:8", kind: "step-finding", line: "Order 8", recipient: "Maciek" };
		const plan = planAlerts(input([red, step, named]));
		expect(plan.mails.map((mail) => mail.to)).toEqual([["owner@shop.example"], ["maker@shop.example"]]);
		expect(plan.mails[1]?.body).toContain("- Order 7: no Design link");
		expect(plan.mails[1]?.body).not.toContain("Order 1");
		expect(plan.notes).toEqual(['"Maciek" is not an e-mail address: the alert went to the owner only.']);
	});

	it("keeps untrusted text to one plain line: no line breaks to forge headers or fake sections, long text cut", () => {
		expect(plainLine("Anna\r\nBcc: evil@x.example\u2028<b>hi</b>")).toBe("Anna Bcc: evil@x.example <b>hi</b>");
		expect(plainLine("x".repeat(1000))).toHaveLength(300);
		const plan = planAlerts(input([{ key: "red-finding:9", kind: "red-finding", line: "Order 9: a\n- fake line" }]));
		expect(plan.mails[0]?.body).toContain("- Order 9: a - fake line");
	});

	it("remembers keys compactly and at most MAX_REMEMBERED of them, the newest kept", () => {
		const many = Array.from(
			{ length: MAX_REMEMBERED + 200 },
			(_, n): AlertItem => ({
				key: `red-finding:${3_400_000_000 + n}:cancelled-on-etsy:${NOW}`,
				kind: "red-finding",
				line: `Order ${n}`,
			}),
		);
		const [first, second] = runs([{ items: many.slice(0, 600) }, { items: many, now: NOW + 60_000 }]);
		expect(first?.mails).toHaveLength(1);
		expect(second?.mails).toHaveLength(1);
		const sent = second?.record.sent ?? {};
		expect(Object.keys(sent)).toHaveLength(MAX_REMEMBERED);
		expect(Object.keys(sent)[0]).toMatch(/^red-finding:[0-9a-z]+$/);
		expect(JSON.stringify(second?.record).length).toBeLessThan(40_000);
		// The newest (the second run's 800) are all kept.
		for (const item of many.slice(600)) expect(sent[recordKey(item.key)]).toBe(NOW + 60_000);
	});

	it("says so when there is no address to send to", () => {
		const plan = planAlerts(input([red], { owner: () => null }));
		expect(plan.mails).toEqual([]);
		expect(plan.record.sent[recordKey(red.key)]).toBeUndefined();
		expect(plan.notes[0]).toContain("No address to send alerts to");
	});

	it("summarises the morning in a few lines", () => {
		expect(
			morningSummaryLines(
				{
					statuses: [
						{ status: "New", orders: 2 },
						{ status: "Shipped", orders: 1 },
					],
					late: 1,
				},
				[finding("1", "error"), finding("2", "warning")],
			),
		).toEqual([
			"Orders by status: New 2, Shipped 1.",
			"Late (past Ship by, not shipped): 1.",
			"Open findings: 1 that need action, 1 warning.",
		]);
	});
});

describe("who an alert comes from", () => {
	it("is Hubsheet, by name, in the owner's inbox", () => {
		expect(ALERT_SENDER_NAME).toBe("Hubsheet");
	});
});

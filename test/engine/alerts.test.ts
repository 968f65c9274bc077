import { describe, expect, it } from "vitest";
import { DEFAULT_ALERT_SETTINGS } from "../../src/core/alert-settings.js";
import type { Finding } from "../../src/core/findings.js";
import {
	ALERTS_KEY,
	type AlertRun,
	alertSettingsOnSheet,
	etsySignInLapsing,
	FAIL_STREAK_KEY,
	reconnectNeeds,
	refusedConnections,
	sendRunAlerts,
	syncAlertRun,
} from "../../src/engine/alerts.js";
import type { PlatformSyncSummary } from "../../src/engine/platform-sync.js";
import { SETTINGS_HEADER } from "../../src/platforms/catalog.js";
import { MARKETPLACE } from "../../src/platforms/registry.js";
import type { Mail, OutgoingMail } from "../../src/ports.js";
import { MemoryLog, MemoryStore } from "./memory-store.js";

const NOW = Date.UTC(2026, 11, 3, 10, 0);

class FakeMail implements Mail {
	readonly sent: OutgoingMail[] = [];
	asked = 0;
	failing = false;
	send(mail: OutgoingMail): void {
		if (this.failing) throw new Error("Service invoked too many times for one day: email.");
		this.sent.push(mail);
	}
	remainingDailyQuota(): number {
		this.asked++;
		return 100;
	}
	ownerAddress(): string {
		return "owner@shop.example";
	}
}

const red: Finding = {
	orderId: "1",
	kind: "push-failed",
	severity: "error",
	message: "Pipedrive refused.",
	values: {},
};

function run(overrides: Partial<AlertRun> = {}): AlertRun {
	return {
		settings: DEFAULT_ALERT_SETTINGS,
		failure: null,
		findings: [],
		reconnect: [],
		now: NOW,
		timeZone: "Europe/Warsaw",
		spreadsheetUrl: () => "https://docs.google.com/spreadsheets/d/x/edit",
		...overrides,
	};
}

describe("sendRunAlerts", () => {
	it("asks Google nothing and writes nothing when there is nothing new", () => {
		const store = new MemoryStore();
		const mail = new FakeMail();
		sendRunAlerts({ store, mail, log: new MemoryLog() }, run());
		sendRunAlerts({ store, mail, log: new MemoryLog() }, run());
		expect(mail.asked).toBe(0);
		expect(store.calls.filter((call) => !call.startsWith("get"))).toEqual([]);
	});

	it("counts failed syncs in a row across runs and mails once at the threshold", () => {
		const store = new MemoryStore();
		const mail = new FakeMail();
		const deps = { store, mail, log: new MemoryLog() };
		for (let index = 0; index < 5; index++)
			sendRunAlerts(deps, run({ failure: "Etsy: Etsy is not answering", now: NOW + index * 600_000 }));
		expect(JSON.parse(store.values.get(FAIL_STREAK_KEY) ?? "{}")).toMatchObject({ count: 5, since: NOW });
		expect(mail.sent.map((sent) => sent.subject)).toEqual(["Hubsheet: Syncs are failing"]);
		sendRunAlerts(deps, run());
		expect(store.values.has(FAIL_STREAK_KEY)).toBe(false);
	});

	it("keeps an alert that could not be sent for the next run", () => {
		const store = new MemoryStore();
		const mail = new FakeMail();
		const log = new MemoryLog();
		mail.failing = true;
		expect(sendRunAlerts({ store, mail, log }, run({ findings: [red] }))).toBe(0);
		expect(store.values.get(ALERTS_KEY) ?? null).toBeNull();
		mail.failing = false;
		expect(sendRunAlerts({ store, mail, log }, run({ findings: [red] }))).toBe(1);
		expect(sendRunAlerts({ store, mail, log }, run({ findings: [red] }))).toBe(0);
	});

	it("names a CRM or courier that refused Hubsheet's key, not one that refused an order's data", () => {
		const needs = refusedConnections({
			actions: [
				{
					orderId: "1",
					platform: "Pipedrive",
					action: "create deal",
					result: "401",
					outcome: "failed",
					kind: "auth",
					connectionFailed: "Pipedrive",
				},
				{
					orderId: "2",
					platform: "Furgonetka",
					action: "create shipment",
					result: "no phone",
					outcome: "failed",
					kind: "rejected",
				},
			],
			connectionErrors: [
				{ platform: "InPost", message: "Unauthorized", kind: "auth" },
				{ platform: "HubSpot", message: "503", kind: "unavailable" },
			],
		});
		expect(needs.map((need) => [need.platform, need.reason])).toEqual([
			["Pipedrive", "refused"],
			["InPost", "refused"],
		]);
		expect(needs[0]?.message).toContain("Open Hubsheet > Settings, enter it again in the Pipedrive section");
	});

	it("names Etsy's sign-in from day 80 of 90, keyed by when it was issued", () => {
		const tokens = (days: number) => JSON.stringify({ accessToken: "secret", savedAtMs: NOW - days * 86_400_000 });
		expect(etsySignInLapsing(tokens(79.9), NOW)).toBeNull();
		const need = etsySignInLapsing(tokens(80), NOW);
		expect(need).toMatchObject({ platform: "Etsy", reason: "lapsing", since: NOW - 80 * 86_400_000 });
		expect(need?.message).toMatch(/^Etsy's sign-in lapses in 10 days\./);
		expect(need?.message).not.toContain("secret");
		expect(etsySignInLapsing(tokens(95), NOW)?.message).toMatch(/lapses in 0 days/);
		expect(etsySignInLapsing("not json", NOW)).toBeNull();
		expect(etsySignInLapsing(null, NOW)).toBeNull();
	});
});

/** The parts of a run's platform summary the alerts read; the rest is never touched. */
function platforms(overrides: Partial<PlatformSyncSummary> = {}): PlatformSyncSummary {
	return {
		actions: [],
		connectionErrors: [{ platform: "InPost", message: "Unauthorized", kind: "auth" }],
		alerts: { ...DEFAULT_ALERT_SETTINGS, perDay: 7 },
		books: new Map([["1", {}]]),
		...overrides,
	} as PlatformSyncSummary;
}

const lapsingTokens = JSON.stringify({ accessToken: "secret", savedAtMs: NOW - 85 * 86_400_000 });

describe("reconnectNeeds", () => {
	it("names the marketplace's refusal this run first, without reading its tokens", () => {
		const store = new MemoryStore({ [MARKETPLACE.tokensKey]: lapsingTokens });
		const needs = reconnectNeeds("Etsy refused: sign in again.", platforms(), store, NOW);
		expect(needs).toEqual([
			{ platform: MARKETPLACE.name, reason: "refused", message: "Etsy refused: sign in again." },
			expect.objectContaining({ platform: "InPost", reason: "refused" }),
		]);
		expect(store.calls).toEqual([]);
	});

	it("else names the marketplace's sign-in about to lapse, from its stored tokens", () => {
		const store = new MemoryStore({ [MARKETPLACE.tokensKey]: lapsingTokens });
		const needs = reconnectNeeds(undefined, platforms({ connectionErrors: [] }), store, NOW);
		expect(needs.map((need) => [need.platform, need.reason])).toEqual([[MARKETPLACE.name, "lapsing"]]);
		expect(store.calls).toEqual([`get ${MARKETPLACE.tokensKey}`]);
		expect(reconnectNeeds(undefined, platforms({ connectionErrors: [] }), new MemoryStore(), NOW)).toEqual([]);
	});
});

describe("alertSettingsOnSheet", () => {
	it("reads the Settings sheet's alert rows", () => {
		const values = [[...SETTINGS_HEADER], ["Alert e-mails per day", "9"]];
		expect(alertSettingsOnSheet(() => values)).toEqual({ ...DEFAULT_ALERT_SETTINGS, perDay: 9 });
	});

	it("falls back to the defaults with no Settings sheet or when reading it fails", () => {
		expect(alertSettingsOnSheet(() => null)).toEqual(DEFAULT_ALERT_SETTINGS);
		expect(
			alertSettingsOnSheet(() => {
				throw new Error("Service Spreadsheets failed");
			}),
		).toEqual(DEFAULT_ALERT_SETTINGS);
	});
});

describe("syncAlertRun", () => {
	const env = (asked: string[]) => ({
		settingsOnSheet: () => {
			asked.push("settings");
			return { ...DEFAULT_ALERT_SETTINGS, perDay: 3 };
		},
		secrets: new MemoryStore(),
		now: NOW,
		timeZone: "Europe/Warsaw",
		spreadsheetUrl: () => "https://docs.google.com/spreadsheets/d/x/edit",
	});

	it("takes a full run's own settings, findings, books and connections to sign in to again", () => {
		const asked: string[] = [];
		const summary = platforms();
		const alertRun = syncAlertRun({ failure: null, platforms: summary, findings: [red] }, env(asked));
		expect(alertRun.settings.perDay).toBe(7);
		expect(alertRun.findings).toEqual([red]);
		expect(alertRun.books).toBe(summary.books);
		expect(alertRun.reconnect?.map((need) => need.platform)).toEqual(["InPost"]);
		expect(asked).toEqual([]);
	});

	it("judges no findings without the platforms' books, and no connections for a run that stopped early", () => {
		const asked: string[] = [];
		const partial = syncAlertRun({ failure: null, platforms: platforms() }, env(asked));
		expect(partial).not.toHaveProperty("findings");
		expect(partial).not.toHaveProperty("books");
		expect(partial.reconnect).toHaveLength(1);
		const stopped = syncAlertRun({ failure: "Etsy is down.", findings: [red] }, env(asked));
		expect(stopped).not.toHaveProperty("findings");
		expect(stopped).not.toHaveProperty("reconnect");
		expect(stopped.failure).toBe("Etsy is down.");
		expect(stopped.settings.perDay).toBe(3);
		expect(asked).toEqual(["settings"]);
	});
});

/**
 * One summary of a whole sync run, by platform: what came from Etsy, what the CRM and the courier
 * did, what failed where. Trouble (an outage, a stop, a refused sign-in) sets the tone to warning or
 * error and leads with one plain sentence saying what the owner can do. Pure: the sidebar, the
 * last-sync line and the tests read the same words.
 */
import type { PlatformErrorKind, PlatformName } from "../core/connector-contracts.js";
import type { EtsyStop, ImportSummary } from "./etsy-import.js";

export type SummaryTone = "ok" | "warning" | "error";

export interface PlatformLine {
	platform: PlatformName;
	tone: SummaryTone;
	/** "3 new orders, 2 updated; tracking sent for 1". */
	text: string;
}

export interface RunSummary {
	tone: SummaryTone;
	/** One or two plain sentences, the most urgent first; a quiet run says its counts. */
	headline: string;
	/** The sentences beside the per-platform lines: trouble, findings, or "" for a quiet run. */
	note: string;
	platforms: PlatformLine[];
	/** Platform words behind a stop (e.g. Etsy's answer), for whoever helps the owner. */
	details?: string;
}

/** What the platform phase did for one order on one platform. */
export interface ActionFact {
	platform: PlatformName;
	action: string;
	outcome: "ok" | "failed" | "waiting";
	kind?: PlatformErrorKind;
}

export interface RunFacts {
	imported: Pick<ImportSummary, "created" | "updated" | "failed" | "reconnect" | "stop" | "moreWaiting">;
	crm: PlatformName | null;
	courier: PlatformName | null;
	actions: readonly ActionFact[];
	findings: number;
	/** Settings or connections the owner must fix, in words. */
	problems: readonly string[];
	/** The run stopped at its time budget before it finished; a continuation carries on. */
	outOfTime: boolean;
}

const TONE_RANK: Record<SummaryTone, number> = { ok: 0, warning: 1, error: 2 };
const worse = (a: SummaryTone, b: SummaryTone): SummaryTone => (TONE_RANK[b] > TONE_RANK[a] ? b : a);

function count(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}

function etsyStopSentence(stop: EtsyStop): { tone: SummaryTone; text: string } {
	const read = stop.read === 0 ? "no orders were read" : `only ${count(stop.read, "order")} were read`;
	switch (stop.kind) {
		case "failed":
			return {
				tone: "warning",
				text: `Etsy is not answering right now, so ${read}. Nothing is lost: the next sync reads them. If this goes on for hours, check whether Etsy is down.`,
			};
		case "rate-limited":
			return {
				tone: "warning",
				text: `Etsy asked Hubsheet to slow down, so ${read}; the rest follows at a later sync.`,
			};
		case "quota-low":
			return {
				tone: "warning",
				text: `Etsy's daily request allowance is nearly used up, so ${read}; the rest follows when it renews (within a day).`,
			};
		case "stopped":
			return { tone: "warning", text: "The run reached its time limit; it carries on by itself in a minute." };
		case "page-limit":
			return { tone: "ok", text: "More orders are waiting on Etsy; the sync carries on by itself in a minute." };
	}
}

/** One sentence for a platform whose pushes failed, by the commonest kind of failure. */
function failureSentence(platform: PlatformName, failed: readonly ActionFact[]): { tone: SummaryTone; text: string } {
	const kinds = new Map<string, number>();
	for (const fact of failed) kinds.set(fact.kind ?? "", (kinds.get(fact.kind ?? "") ?? 0) + 1);
	const [kind] = [...kinds].sort((a, b) => b[1] - a[1])[0] ?? [""];
	const what = count(failed.length, "update");
	switch (kind) {
		case "auth":
			return {
				tone: "error",
				text: `${platform} did not accept Hubsheet's sign-in (${what} not made): check the ${platform} connection in Hubsheet > Settings.`,
			};
		case "rate-limit":
			return {
				tone: "warning",
				text: `${platform} refused ${what}: too many requests; they will be retried at the next sync.`,
			};
		case "unavailable":
		case "malformed":
			return {
				tone: "warning",
				text: `${platform} could not be reached for ${what}; they will be retried at the next sync.`,
			};
		default:
			return {
				tone: "error",
				text: `${platform} refused ${what}: the orders' Issues cells say what to correct.`,
			};
	}
}

function tally(facts: readonly ActionFact[], platform: PlatformName, ...actions: string[]): number {
	return facts.filter((fact) => fact.platform === platform && fact.outcome === "ok" && actions.includes(fact.action))
		.length;
}

export function summariseRun(facts: RunFacts): RunSummary {
	const platforms: PlatformLine[] = [];
	const sentences: Array<{ tone: SummaryTone; text: string }> = [];
	const failedOn = (platform: PlatformName) =>
		facts.actions.filter((fact) => fact.platform === platform && fact.outcome === "failed");

	// Etsy: orders in, tracking out.
	const { imported } = facts;
	const etsyParts = [count(imported.created.length, "new order"), `${imported.updated.length} updated`];
	const trackingSent = tally(facts.actions, "Etsy", "submitted tracking");
	if (trackingSent > 0) etsyParts.push(`tracking sent for ${count(trackingSent, "order")}`);
	const etsyFailures = imported.failed.length + failedOn("Etsy").length;
	if (etsyFailures > 0) etsyParts.push(`${etsyFailures} failed`);
	let etsyTone: SummaryTone = etsyFailures > 0 ? "warning" : "ok";
	if (imported.reconnect) {
		etsyTone = "error";
		sentences.push({
			tone: "error",
			text: "Etsy no longer accepts Hubsheet's sign-in: reconnect Etsy in Hubsheet > Settings.",
		});
	} else if (imported.stop) {
		const stop = etsyStopSentence(imported.stop);
		etsyTone = worse(etsyTone, stop.tone);
		sentences.push(stop);
	} else if (imported.moreWaiting) {
		sentences.push({ tone: "ok", text: "More orders are waiting on Etsy; the sync carries on by itself in a minute." });
	}
	platforms.push({ platform: "Etsy", tone: etsyTone, text: etsyParts.join(", ") });

	if (facts.crm) {
		const crm = facts.crm;
		const created = tally(facts.actions, crm, "created deal");
		const moved = tally(facts.actions, crm, "moved deal");
		const failed = failedOn(crm);
		const parts = [`${count(created, "deal")} created`, `${moved} moved`];
		if (failed.length > 0) parts.push(`${failed.length} failed`);
		let tone: SummaryTone = "ok";
		if (failed.length > 0) {
			const sentence = failureSentence(crm, failed);
			tone = sentence.tone;
			sentences.push(sentence);
		}
		platforms.push({ platform: crm, tone, text: parts.join(", ") });
	}
	if (facts.courier) {
		const courier = facts.courier;
		const made = tally(facts.actions, courier, "created shipment");
		const failed = failedOn(courier);
		const parts = [`${count(made, "shipment")} made`];
		if (failed.length > 0) parts.push(`${failed.length} failed`);
		let tone: SummaryTone = "ok";
		if (failed.length > 0) {
			const sentence = failureSentence(courier, failed);
			tone = sentence.tone;
			sentences.push(sentence);
		}
		platforms.push({ platform: courier, tone, text: parts.join(", ") });
	}
	if (facts.outOfTime && imported.stop?.kind !== "stopped") {
		sentences.push({ tone: "warning", text: "The run reached its time limit; it carries on by itself in a minute." });
	}
	for (const problem of facts.problems) sentences.push({ tone: "warning", text: problem });

	const tone = [...sentences.map((sentence) => sentence.tone), ...platforms.map((line) => line.tone)].reduce(
		worse,
		"ok",
	);
	// Worst first: the sentence the owner must act on leads.
	const ordered = [...sentences].sort((a, b) => TONE_RANK[b.tone] - TONE_RANK[a.tone]);
	const findings = facts.findings > 0 ? `${count(facts.findings, "finding")} to look at.` : "";
	// A quiet run says what it did, platform by platform.
	const quiet = `${platforms.map((line) => `${line.platform}: ${line.text}`).join("; ")}.`;
	const note = [...ordered.map((sentence) => sentence.text), findings].filter((text) => text !== "").join(" ");
	const headline = ordered.length > 0 ? note : [quiet, findings].filter((text) => text !== "").join(" ");
	const summary: RunSummary = { tone, headline, note, platforms };
	if (imported.stop?.said) summary.details = `Etsy said: ${imported.stop.said}`;
	return summary;
}

/**
 * The last push of this order to a platform failed and has not gone through since. The message
 * carries the platform's own words. Passing trouble (rate limit, outage) is a warning because the
 * next sync retries it; a refusal or a broken connection is an error because only the owner can
 * fix it. A failure the platform's current state shows was overcome (the deal or shipment exists
 * after all, the tracking is on Etsy) is not reported: a timed-out create may have applied.
 */
import type { PlatformName } from "../connector-contracts.js";
import { pushCause } from "../finding-groups.js";
import type { Finding, Severity } from "../findings.js";
import {
	etsyTrackingCodes,
	lookup,
	type OrderSnapshot,
	type PushError,
	type ReconcileContext,
	type Rule,
	sameText,
	sheetStatus,
} from "./order-snapshot.js";
import { clip, formatMoment } from "./wording.js";

const DOING: Record<NonNullable<PushError["operation"]>, string> = {
	"create-deal": "Creating the deal",
	"move-stage": "Moving the deal",
	"create-shipment": "Creating the shipment",
	"track-shipment": "Reading the shipment",
	"submit-tracking": "Sending tracking",
};

const SHORT: Record<NonNullable<PushError["operation"]>, string> = {
	"create-deal": "deal not created",
	"move-stage": "stage not moved",
	"create-shipment": "no shipment",
	"track-shipment": "shipment not read",
	"submit-tracking": "tracking not sent",
};

function role(platform: PlatformName, context: ReconcileContext): "etsy" | "crm" | "courier" | null {
	if (platform === "Etsy") return "etsy";
	if (platform === context.crm) return "crm";
	if (platform === context.courier) return "courier";
	return null;
}

function overcome(error: PushError, snapshot: OrderSnapshot, context: ReconcileContext): boolean {
	switch (error.operation) {
		case "create-deal":
			return snapshot.deal !== null;
		case "create-shipment":
			return snapshot.shipment !== null;
		case "submit-tracking":
			return snapshot.books.trackingOnEtsy !== null || etsyTrackingCodes(snapshot).length > 0;
		case "move-stage": {
			const wanted = lookup(context.mapping.statusToStage, sheetStatus(snapshot));
			return snapshot.deal !== null && wanted !== undefined && sameText(wanted, snapshot.deal.stageName);
		}
		default:
			return false;
	}
}

function severityOf(error: PushError, platformRole: "etsy" | "crm" | "courier"): Severity {
	if (error.kind === "auth" || error.kind === "rejected") return "error";
	if (error.kind !== undefined) return "warning";
	// Without the kind, judge by what is at stake: no shipment or no Etsy update hurts the buyer; a CRM lag does not.
	return platformRole === "crm" ? "warning" : "error";
}

/** Connection trouble, in the owner's words: what happened, not the HTTP status (that is in the details). */
const TROUBLE: Partial<Record<NonNullable<PushError["kind"]>, { why: string; short: string }>> = {
	auth: { why: "did not accept Hubsheet's sign-in", short: "sign-in refused" },
	"rate-limit": { why: "refused: too many requests", short: "too many requests" },
	unavailable: { why: "could not be reached", short: "not reachable" },
	malformed: { why: "gave an answer Hubsheet could not read", short: "unreadable answer" },
};

function advice(error: PushError, platform: PlatformName): string {
	switch (error.kind) {
		case "auth":
			return platform === "Etsy"
				? " Reconnect Etsy in Hubsheet > Settings."
				: ` Check the ${platform} details in Hubsheet > Settings: Save and test says whether they work.`;
		case "rejected":
			return error.operation === "create-shipment"
				? " Hubsheet creates the shipment at the next sync once that is done."
				: ` Correct what ${platform} objects to; Hubsheet tries again at the next sync.`;
		case "rate-limit":
		case "unavailable":
		case "malformed":
			return " Hubsheet tries again at the next sync.";
		default:
			return "";
	}
}

/** Passing trouble: asking again can work. A refusal or a broken connection needs the owner first. */
function retryCanSucceed(error: PushError): boolean {
	return error.kind === "unavailable" || error.kind === "rate-limit" || error.kind === "malformed";
}

export const pushFailed: Rule = (snapshot, context) => {
	const findings: Finding[] = [];
	for (const error of snapshot.books.pushErrors) {
		const platformRole = role(error.platform, context);
		// An error from a platform the owner has since disconnected is history, not a problem to act on.
		if (platformRole === null || overcome(error, snapshot, context)) continue;
		const doing = error.operation ? DOING[error.operation] : "The last update";
		const words = clip(error.message, 300).replace(/\.+$/, "") || "no reason given";
		const short = error.operation ? SHORT[error.operation] : "update failed";
		// A refusal put in the sheet's words says what to do; the platform's own words are the details.
		const ownWords =
			error.kind === "rejected" && (error.details !== undefined || error.operation === "create-shipment");
		const trouble = error.kind ? TROUBLE[error.kind] : undefined;
		const when = formatMoment(error.at, context.timeZone);
		let message: string;
		let summary: string;
		let details = error.details;
		if (ownWords) {
			message = `${words}.${advice(error, error.platform)}`;
			summary = words.includes(error.platform)
				? `${short}: ${clip(words, 120)}`
				: `${error.platform}: ${short}: ${clip(words, 120)}`;
		} else if (trouble) {
			// The platform's own words (an HTTP status, its error text) are for whoever helps the owner.
			message = `${doing} in ${error.platform} did not work on ${when}: ${error.platform} ${trouble.why}.${advice(error, error.platform)}`;
			summary = `${error.platform}: ${short} (${trouble.short})`;
			details ??= words;
		} else {
			message = `${doing} in ${error.platform} failed on ${when}: ${words}.${advice(error, error.platform)}`;
			summary = `${error.platform}: ${short}: ${clip(words, 120)}`;
		}
		const finding: Finding = {
			orderId: snapshot.orderId,
			kind: "push-failed",
			severity: severityOf(error, platformRole),
			message,
			summary,
			values: { [error.platform]: error.details ?? words },
			cause: pushCause(error.platform, error.kind ?? "", error.operation ?? "", words),
		};
		if (details) finding.details = `${error.platform} said: ${clip(details, 300)}`;
		const shipmentMissing =
			error.operation === "create-shipment" || (error.operation === undefined && snapshot.shipment === null);
		// Offered only when asking again can work: a refusal needs the owner's correction first.
		if (platformRole === "courier" && shipmentMissing && retryCanSucceed(error)) {
			finding.fix = {
				action: "retry-shipment",
				label: "Try the shipment again",
				confirm: `Ask ${error.platform} to create the shipment again now? Hubsheet looks for one made by the failed attempt first, so none is made twice.`,
			};
		}
		findings.push(finding);
	}
	return findings;
};

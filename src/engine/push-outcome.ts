/**
 * What a push reports: one typed action per order and platform (done, failed or put off), and each
 * failure as the bookkeeping keeps it, with a courier's field errors in the sheet's words.
 */

import type { Bookkeeping, PushErrorRecord } from "../core/bookkeeping.js";
import {
	PlatformError,
	type PlatformErrorKind,
	type PlatformName,
	type ValidationProblem,
} from "../core/connector-contracts.js";
import { shipmentProblemsInWords } from "../core/owner-words.js";

export interface PushOutcome {
	/** Orders whose bookkeeping changed (their cells are recomputed from it). */
	touched: Set<string>;
	/** Status changes the courier caused (picked up -> Shipped, delivered -> Delivered). */
	statusChanges: Map<string, string>;
	actions: PushAction[];
	/** Settings the owner should correct (e.g. a carrier name the marketplace does not list), each said once. */
	settingsProblems?: string[];
	/** True when the time budget stopped the push before all of the plan was done (a continuation follows). */
	outOfTime?: boolean;
}

/**
 * One thing the push did for one order on one platform, typed so nothing is read from its words:
 * done ("ok"), failed with its reason (and, when the request went out, whether it may have applied,
 * so the next run looks up before retrying), or put off ("waiting": an earlier create may still be
 * landing).
 */
export interface PushAction {
	orderId: string;
	platform: PlatformName;
	/** What was done, in words for the Sync log: "created deal", "track shipment". */
	action: string;
	/** The id made, the stage set, or the reason it failed. */
	result: string;
	outcome: "ok" | "failed" | "waiting";
	/** For a failure: what kind, so the run's summary can say what the owner can do. */
	kind?: PlatformErrorKind;
	/** For a failure: the request went out and may have done its work before the answer was lost. */
	mayHaveApplied?: boolean;
	/**
	 * For a failure of a platform's connection (sign-in, rate limit, outage, unreadable answer): that
	 * platform, whose health shows it. A refusal of this order's data (a missing phone) is the
	 * order's finding, not a connection error, and sets none.
	 */
	connectionFailed?: PlatformName;
}

/** What a failure says beyond its words: whether it may have applied, and which connection failed. */
export function failureOf(error: unknown): Pick<PushAction, "mayHaveApplied" | "connectionFailed"> {
	if (!(error instanceof PlatformError)) return {};
	return {
		...(error.options.mayHaveApplied ? { mayHaveApplied: true } : {}),
		...(error.kind === "rejected" ? {} : { connectionFailed: error.platform }),
	};
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * A problem with the order's data or the Settings that the owner must correct: said in the sheet's
 * words, with the platform's own words (if any) kept as details. Retrying cannot help until then.
 */
export class OwnerMustFix extends Error {
	constructor(
		message: string,
		readonly details?: string,
	) {
		super(message);
		this.name = "OwnerMustFix";
	}
}

const OPERATION: Record<string, PushErrorRecord["operation"]> = {
	"create deal": "create-deal",
	"move deal": "move-stage",
	"validate shipment": "create-shipment",
	"create shipment": "create-shipment",
	"track shipment": "track-shipment",
	"submit tracking": "submit-tracking",
};

export function problemText(problems: readonly ValidationProblem[]): string {
	return problems.map((problem) => `${problem.field}: ${problem.message}`).join("; ");
}

/** The error as the bookkeeping keeps it: a courier's field errors become the sheet's words. */
export function errorRecord(error: unknown, action: string, at: number): PushErrorRecord {
	const record: PushErrorRecord = { message: describe(error), at };
	const operation = OPERATION[action];
	if (operation) record.operation = operation;
	if (error instanceof OwnerMustFix) {
		record.kind = "rejected";
		if (error.details) record.details = error.details;
	} else if (error instanceof PlatformError) {
		record.kind = error.kind;
		const problems = error.options.problems ?? [];
		if (problems.length > 0) {
			record.message = shipmentProblemsInWords(error.platform, problems).join(" ");
			record.details = problemText(problems);
		}
	}
	return record;
}

/** A good answer from a platform clears that platform's last error on the order. */
export function clearError(entry: Bookkeeping, platform: PlatformName): void {
	if (!entry.errors?.[platform]) return;
	const { [platform]: _cleared, ...rest } = entry.errors;
	entry.errors = rest;
}

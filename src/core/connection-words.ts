/**
 * What a connection test found, in the owner's words: which platform, whether it works, and what to
 * do when it does not (where to find the right token). Never quotes a secret: the platform's own
 * words come from PlatformError messages, which the connectors already redact.
 */
import type { PlatformName } from "./connector-contracts.js";

export interface ConnectionTest {
	platform: PlatformName;
	ok: boolean;
	message: string;
	/** What the platform offers to choose from, e.g. the courier services of the account. */
	choices?: string[];
}

function kindOf(error: unknown): string {
	if (error && typeof error === "object" && "kind" in error) return String((error as { kind: unknown }).kind);
	return "";
}

function wordsOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** `where`: where the platform's credentials are found (its descriptor's `whereToFind`), if said. */
export function describeTestFailure(platform: PlatformName, error: unknown, where?: string): string {
	switch (kindOf(error)) {
		case "auth":
			return `${platform} did not accept these details: copy them again${where ? ` ${where}` : ""}, and save.`;
		case "rate-limit":
		case "unavailable":
			return `${platform} could not be reached just now, so the details are saved but not yet tested; the next sync tries them.`;
		default:
			return `${platform} answered, but not as expected: ${wordsOf(error)}`;
	}
}

/** What a platform's probe answered: what it offers to choose from, or why it was not tried. */
export type ProbeOutcome = { choices?: string[] } | { skipped: string };

/** A probe that answered: the platform works (with its choices), or the reason it was not tried. */
export function passedTest(platform: PlatformName, outcome: ProbeOutcome): ConnectionTest {
	if ("skipped" in outcome) return { platform, ok: true, message: outcome.skipped };
	const result: ConnectionTest = { platform, ok: true, message: `${platform} works: Hubsheet could sign in.` };
	if (outcome.choices && outcome.choices.length > 0) result.choices = outcome.choices;
	return result;
}

/** Whether the CRM or courier setting names a platform to test ("None" and an empty cell do not). */
export function isChosen(setting: string): boolean {
	return setting !== "None" && setting !== "";
}

/**
 * A chosen platform Hubsheet could not connect to (a missing secret, a bad setting): the setup
 * problem that names it, else that it is not set up yet.
 */
export function notSetUpTest(chosen: string, problems: readonly string[]): ConnectionTest {
	const problem = problems.find((text) => text.toLowerCase().includes(chosen.toLowerCase()));
	return { platform: chosen as PlatformName, ok: false, message: problem ?? `${chosen} is not set up yet.` };
}

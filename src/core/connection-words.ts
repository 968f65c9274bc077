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

/** Where each platform's credentials are found, said once for the messages and the dialog's hints. */
export const WHERE_TO_FIND: Partial<Record<PlatformName, string>> = {
	Pipedrive: "in Pipedrive, your name (top right) > Personal preferences > API",
	HubSpot: "in HubSpot, Development > Keys > Service keys (or a legacy private app's Auth tab)",
	Furgonetka:
		"from the OAuth2 application you registered with Furgonetka (furgonetka.pl/api/oauth says how), with your own furgonetka.pl login",
	InPost: "in InPost Parcel Manager, My Account > API",
};

function kindOf(error: unknown): string {
	if (error && typeof error === "object" && "kind" in error) return String((error as { kind: unknown }).kind);
	return "";
}

function wordsOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export function describeTestFailure(platform: PlatformName, error: unknown): string {
	const where = WHERE_TO_FIND[platform];
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

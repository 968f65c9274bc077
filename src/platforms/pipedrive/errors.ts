/**
 * How the Pipedrive connector words its failures. Every PlatformError it throws names the platform
 * and the operation (`Pipedrive addDeal ...`), so a line in the Issues column says where it came
 * from. Text from outside (Pipedrive's error bodies, transport messages, parser messages) is
 * redacted before it becomes part of a message: Pipedrive API tokens are 40 hexadecimal characters,
 * so anything of that shape goes too (deal field keys have the same shape; losing them from a
 * message is the safe side).
 */

import { PlatformError, type PlatformErrorKind } from "../../core/connector-contracts.js";
import type { HttpResponse } from "../../ports.js";
import { foreignText, unknownBodyText } from "../http/redaction.js";
import type { PipedriveOperation } from "./rate-limit.js";

/** Pipedrive API tokens: redacted even when the connector was never told the value. */
export const PIPEDRIVE_TOKEN_PATTERNS: readonly RegExp[] = [/\b[0-9a-fA-F]{40}\b/g];

/** Foreign text made fit for a message: redacted, on one line, short. */
export function pipedriveText(text: string, secrets: readonly string[]): string {
	return foreignText(text, secrets, PIPEDRIVE_TOKEN_PATTERNS);
}

export function pipedriveError(
	operation: PipedriveOperation | "connector",
	kind: PlatformErrorKind,
	message: string,
	options: { status?: number; mayHaveApplied?: boolean; retryAfterSeconds?: number } = {},
): PlatformError {
	return new PlatformError("Pipedrive", operation, kind, message, options);
}

/**
 * Pipedrive's explanation from an error body (`{"success": false, "error": "..."}`), or what
 * unknownBodyText makes of another body (a proxy's HTML page, say). Not yet redacted.
 */
export function rawErrorText(response: HttpResponse): string {
	let text = unknownBodyText(response.body);
	try {
		const parsed: unknown = JSON.parse(response.body);
		if (parsed !== null && typeof parsed === "object") {
			const { error, message } = parsed as { error?: unknown; message?: unknown };
			const said = [error, message].find((part): part is string => typeof part === "string" && part.trim() !== "");
			if (said !== undefined) text = said;
		}
	} catch {
		// Not JSON: unknownBodyText already said what it is.
	}
	return text;
}

/** `rawErrorText`, redacted and shortened. */
export function errorText(response: HttpResponse, secrets: readonly string[]): string {
	return pipedriveText(rawErrorText(response), secrets);
}

/**
 * HubSpot's error body. NOTES.md "Errors": "`{status:"error", message, correlationId, category,
 * errors?:[{message, code, in, context}]}`; HubSpot says all fields are optional in parsing and vary
 * per API" (the connector parses every field as optional). "401 = invalid auth ...; 403 = the token
 * lacks the scope". Not in NOTES: `context` and `links` at the top level and the category per status
 * below (HubSpot's error-handling page lists them; the connector reads only status and category).
 */
import { randomUUID } from "node:crypto";
import { json, type SandboxResponse } from "../kit/http.js";

export interface ErrorDetail {
	message: string;
	code?: string;
	in?: string;
	context?: Record<string, string[]>;
}

/** Thrown by state and route code; the endpoint wrapper turns it into HubSpot's answer. */
export class HubSpotApiError extends Error {
	constructor(
		readonly status: number,
		readonly category: string,
		message: string,
		readonly extra: { errors?: ErrorDetail[]; context?: Record<string, string[]>; links?: Record<string, string> } = {},
	) {
		super(message);
		this.name = "HubSpotApiError";
	}
}

export function errorBody(
	category: string,
	message: string,
	extra: HubSpotApiError["extra"] = {},
): Record<string, unknown> {
	// correlationId is a fresh UUID per answer, as HubSpot's are: support asks for it, nothing else reads it.
	return { status: "error", message, correlationId: randomUUID(), category, ...extra };
}

export function errorResponse(error: HubSpotApiError): SandboxResponse {
	return json(error.status, errorBody(error.category, error.message, error.extra));
}

/** The category HubSpot uses for a status when the sandbox has nothing more specific (kit faults). */
export function categoryFor(status: number): string {
	if (status === 400) return "VALIDATION_ERROR";
	if (status === 401) return "INVALID_AUTHENTICATION";
	if (status === 403) return "MISSING_SCOPES";
	if (status === 404) return "OBJECT_NOT_FOUND";
	if (status === 409) return "CONFLICT";
	if (status === 429) return "RATE_LIMITS";
	return "INTERNAL_ERROR";
}

/**
 * NOTES.md "Deals": "**400** `category:"VALIDATION_ERROR"`, inner `error:"INVALID_OPTION"`, `name:
 * "deal_currency_code"`, message "\"BRL\" is not a part of the current effective currency codes ...""
 * A property validation failure, worded as HubSpot does: the message embeds a JSON list of
 * `{isValid, message, error, name}`, and `errors[]` repeats each with a code.
 */
export function propertyError(problems: Array<{ name: string; error: string; message: string }>): HubSpotApiError {
	const listed = problems.map((problem) => ({
		isValid: false,
		message: problem.message,
		error: problem.error,
		name: problem.name,
		localizedErrorMessage: problem.message,
	}));
	return new HubSpotApiError(400, "VALIDATION_ERROR", `Property values were not valid: ${JSON.stringify(listed)}`, {
		errors: problems.map((problem) => ({
			message: problem.message,
			code: problem.error,
			context: { propertyName: [problem.name] },
		})),
	});
}

export function notFound(message = "resource not found", ids?: string[]): HubSpotApiError {
	return new HubSpotApiError(404, "OBJECT_NOT_FOUND", message, ids ? { context: { id: ids } } : {});
}

export function invalidInput(message: string, errors?: ErrorDetail[]): HubSpotApiError {
	return new HubSpotApiError(400, "VALIDATION_ERROR", message, errors ? { errors } : {});
}

/**
 * Requests to the Furgonetka REST API: the versioned media type, the bearer token with one renewal
 * after a 401, sent through the shared transport (retries, 429 waits, redaction), and Furgonetka's
 * error texts, redacted.
 * Answers other than 401, 429 and 5xx come back for the caller to interpret.
 */

import { PlatformError } from "../../core/connector-contracts.js";
import type { HttpRequest, HttpResponse } from "../../ports.js";
import { type EdgeContext, parseBody } from "../http/json-edge.js";
import { foreignText, unknownBodyText } from "../http/redaction.js";
import { noteRetry } from "../http/retry-tally.js";
import type { SendSpec } from "../http/retrying-send.js";
import type { Transport } from "../http/transport.js";
import type * as z from "../http/zod.js";
import type { FurgonetkaAuth } from "./oauth.js";
import { FURGONETKA_SECRET_PATTERNS } from "./oauth-token.js";
import { errorsBodySchema, oauthErrorSchema } from "./schemas.js";

/** The API is versioned through the media type (notes: "Request headers"). */
export const FURGONETKA_MEDIA_TYPE = "application/vnd.furgonetka.v1+json";

export interface FurgonetkaCall {
	method: HttpRequest["method"];
	/** Path with the query, e.g. `/packages?query=3100000001`. */
	path: string;
	/** For messages: `GET /packages/{id}`. */
	endpoint: string;
	body?: unknown;
	idempotent: boolean;
	/** A file instead of JSON (the label): this Accept header, and the answer's bytes kept. */
	file?: { accept: string };
}

export interface FurgonetkaApiOptions {
	transport: Transport;
	auth: FurgonetkaAuth;
	apiBaseUrl: string;
	/** Language of Furgonetka's messages (validation errors end up on the owner's rows). */
	language: "pl_PL" | "en_GB";
}

export class FurgonetkaApi {
	constructor(private readonly options: FurgonetkaApiOptions) {}

	call(spec: FurgonetkaCall): HttpResponse {
		const first = this.options.auth.accessToken();
		const response = this.send(spec, first);
		if (response.status !== 401) return response;
		// Furgonetka did nothing with a 401, so even a create may be sent again.
		noteRetry("Furgonetka", "401 refused sign-in, renewed");
		const renewed = this.options.auth.renewAfterRejection(first);
		const retried = this.send(spec, renewed);
		if (retried.status !== 401) return retried;
		throw this.rejectedAccess(spec.endpoint, retried);
	}

	/** Independent reads sent together; each slot is its answer or its own PlatformError. */
	callAll(
		specs: readonly FurgonetkaCall[],
	): Array<{ ok: true; response: HttpResponse } | { ok: false; error: PlatformError }> {
		let token = this.options.auth.accessToken();
		const batch = () =>
			this.options.transport.sendAll(
				specs.map((spec) => ({ request: this.request(spec, token), spec: this.sendSpec(spec) })),
			);
		let answers = batch();
		const rejected = answers.some((answer) => answer.ok && answer.response.status === 401);
		if (rejected) {
			noteRetry("Furgonetka", "401 refused sign-in, renewed");
			token = this.options.auth.renewAfterRejection(token);
			answers = answers.map((answer, index) => {
				if (!answer.ok || answer.response.status !== 401) return answer;
				const spec = specs[index] as FurgonetkaCall;
				try {
					const response = this.send(spec, token);
					if (response.status === 401) return { ok: false, error: this.rejectedAccess(spec.endpoint, response) };
					return { ok: true, response };
				} catch (error) {
					if (error instanceof PlatformError) return { ok: false, error };
					throw error;
				}
			});
		}
		return answers;
	}

	/** JSON of a 2xx answer through a schema; malformed answers name the endpoint and the field. */
	parse<T>(schema: z.ZodMiniType<T>, endpoint: string, response: HttpResponse): T {
		return parseBody(schema, this.edge(endpoint, response.status), response.body);
	}

	edge(endpoint: string, status?: number): EdgeContext {
		return {
			platform: "Furgonetka",
			endpoint,
			secrets: this.secrets(),
			patterns: FURGONETKA_SECRET_PATTERNS,
			...(status === undefined ? {} : { status }),
		};
	}

	/** Furgonetka's own words from an error answer, redacted and shortened. */
	errorText(response: HttpResponse): string {
		return foreignText(describeFurgonetkaError(response), this.secrets(), FURGONETKA_SECRET_PATTERNS);
	}

	secrets(): string[] {
		return this.options.auth.secrets();
	}

	/** An answer the caller did not expect (a 4xx it has no meaning for), as a PlatformError. */
	unexpected(endpoint: string, response: HttpResponse): PlatformError {
		const said = this.errorText(response);
		const kind = response.status === 403 ? "auth" : "rejected";
		return new PlatformError(
			"Furgonetka",
			endpoint,
			kind,
			`Furgonetka ${endpoint} failed with HTTP ${response.status}${said ? `: ${said}` : ""}`,
			{ status: response.status },
		);
	}

	private send(spec: FurgonetkaCall, token: string): HttpResponse {
		return this.options.transport.send(this.request(spec, token), this.sendSpec(spec));
	}

	private request(spec: FurgonetkaCall, token: string): HttpRequest {
		const request: HttpRequest = {
			url: `${this.options.apiBaseUrl}${spec.path}`,
			method: spec.method,
			headers: {
				authorization: `Bearer ${token}`,
				accept: FURGONETKA_MEDIA_TYPE,
				"x-language": this.options.language,
			},
		};
		if (spec.file && request.headers) {
			request.headers.accept = spec.file.accept;
			request.binary = true;
		}
		if (spec.body !== undefined) {
			request.body = JSON.stringify(spec.body);
			request.contentType = FURGONETKA_MEDIA_TYPE;
		}
		return request;
	}

	private sendSpec(spec: FurgonetkaCall): SendSpec {
		return {
			platform: "Furgonetka",
			endpoint: spec.endpoint,
			idempotent: spec.idempotent,
			secrets: this.secrets(),
			patterns: FURGONETKA_SECRET_PATTERNS,
			describeError: describeFurgonetkaError,
		};
	}

	private rejectedAccess(endpoint: string, response: HttpResponse): PlatformError {
		const said = this.errorText(response);
		return new PlatformError(
			"Furgonetka",
			endpoint,
			"auth",
			`Furgonetka refused Hubsheet's access even after renewing it${said ? ` (${said})` : ""}. Check the Furgonetka connection in Hubsheet's settings.`,
			{ status: 401 },
		);
	}
}

/** `errors[].message` (with their paths), the OAuth `error_description`, or the explanation fields of another body. Not yet redacted. */
export function describeFurgonetkaError(response: HttpResponse): string {
	let parsed: unknown;
	try {
		parsed = JSON.parse(response.body);
	} catch {
		return unknownBodyText(response.body);
	}
	const errors = errorsBodySchema.safeParse(parsed);
	if (errors.success && errors.data.errors.length > 0) {
		return errors.data.errors
			.map((error) => {
				const path = error.path ?? error.field;
				return path ? `${path}: ${error.message}` : error.message;
			})
			.join("; ");
	}
	const oauth = oauthErrorSchema.safeParse(parsed);
	if (oauth.success) return [oauth.data.error, oauth.data.error_description].filter(Boolean).join(": ");
	return unknownBodyText(response.body);
}

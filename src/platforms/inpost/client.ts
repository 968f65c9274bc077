/**
 * Requests to InPost's ShipX API: the bearer token, JSON, English messages, sent through the shared
 * transport (retries, 429 waits, redaction, PlatformError naming the endpoint), parsed at the shared
 * edge, and ShipX's refusals turned into the PlatformError the engine shows.
 */
import { PlatformError, type ValidationProblem } from "../../core/connector-contracts.js";
import type { HttpRequest, HttpResponse } from "../../ports.js";
import type { BatchAnswer } from "../http/batch-send.js";
import { type EdgeContext, parseBody } from "../http/json-edge.js";
import { foreignText, unknownBodyText } from "../http/redaction.js";
import type { SendSpec } from "../http/retrying-send.js";
import type { Transport } from "../http/transport.js";
import type * as z from "../http/zod.js";
import { errorBodySchema } from "./schemas.js";
import { problemsFromDetails } from "./validation.js";

/** ShipX tokens are JWTs: redacted by shape too, in case one is echoed that Hubsheet never held. */
const TOKEN_PATTERNS: readonly RegExp[] = [/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g];

export interface InpostCall {
	method: HttpRequest["method"];
	path: string;
	body?: unknown;
}

export class InpostClient {
	constructor(
		private readonly transport: Transport,
		private readonly apiBaseUrl: string,
		private readonly apiToken: string,
		private readonly organizationId: string,
	) {}

	send(call: InpostCall, spec: { endpoint: string; idempotent: boolean }): HttpResponse {
		return this.transport.send(this.request(call), this.sendSpec(spec.endpoint, spec.idempotent));
	}

	/** Independent reads sent together; each slot is its answer or its own PlatformError. */
	sendAll(calls: readonly InpostCall[], endpoint: string): BatchAnswer[] {
		return this.transport.sendAll(
			calls.map((call) => ({ request: this.request(call), spec: this.sendSpec(endpoint, true) })),
		);
	}

	/** A file instead of JSON (the label): this Accept header, and the answer's bytes kept. */
	sendForFile(call: InpostCall, endpoint: string, accept: string): HttpResponse {
		const request = this.request(call);
		request.headers = { ...request.headers, accept };
		request.binary = true;
		return this.transport.send(request, this.sendSpec(endpoint, true));
	}

	parse<T>(schema: z.ZodMiniType<T>, endpoint: string, response: HttpResponse): T {
		return parseBody(schema, this.edge(endpoint, response.status), response.body);
	}

	edge(endpoint: string, status: number): EdgeContext {
		return { platform: "InPost", endpoint, secrets: this.secrets(), patterns: TOKEN_PATTERNS, status };
	}

	/** A 4xx as the PlatformError the engine shows: validation details, token, organization, or InPost's words. */
	refusal(endpoint: string, response: HttpResponse): PlatformError {
		const error = errorBodySchema.safeParse(safeJson(response.body));
		const code = error.success ? (error.data.error ?? "") : "";
		const said = foreignText(
			error.success
				? [error.data.error, error.data.message ?? error.data.description].filter(Boolean).join(": ")
				: unknownBodyText(response.body),
			this.secrets(),
			TOKEN_PATTERNS,
		);
		const status = response.status;
		if (status === 401) {
			return new PlatformError(
				"InPost",
				endpoint,
				"auth",
				`InPost refused the API token${said ? ` (${said})` : ""}. Generate a token in Parcel Manager (My Account > API) and save it in Hubsheet's settings.`,
				{ status },
			);
		}
		if (status === 403) {
			return new PlatformError(
				"InPost",
				endpoint,
				"auth",
				`InPost does not let this token act for organization ${this.organizationId}${said ? ` (${said})` : ""}. Check the organization id in Hubsheet's settings.`,
				{ status },
			);
		}
		const details = error.success ? error.data.details : null;
		const problems = details ? problemsFromDetails(details) : [];
		if ((status === 400 || status === 422) && problems.length > 0) {
			const safe = problems.map((p) => ({
				field: foreignText(p.field, this.secrets(), TOKEN_PATTERNS),
				message: foreignText(p.message, this.secrets(), TOKEN_PATTERNS),
			}));
			return new PlatformError("InPost", endpoint, "rejected", `InPost refused the shipment: ${joinProblems(safe)}`, {
				status,
				problems: safe,
			});
		}
		return new PlatformError(
			"InPost",
			endpoint,
			"rejected",
			`InPost ${endpoint} failed with HTTP ${status}${said ? `: ${said}` : code ? `: ${code}` : ""}`,
			{ status },
		);
	}

	private request(call: InpostCall): HttpRequest {
		const request: HttpRequest = {
			url: `${this.apiBaseUrl}${call.path}`,
			method: call.method,
			headers: {
				authorization: `Bearer ${this.apiToken}`,
				accept: "application/json",
				"accept-language": "en_GB",
			},
		};
		if (call.body !== undefined) {
			request.body = JSON.stringify(call.body);
			request.contentType = "application/json";
		}
		return request;
	}

	private sendSpec(endpoint: string, idempotent: boolean): SendSpec {
		return {
			platform: "InPost",
			endpoint,
			idempotent,
			secrets: this.secrets(),
			patterns: TOKEN_PATTERNS,
			describeError: (response) => {
				const parsed = errorBodySchema.safeParse(safeJson(response.body));
				if (!parsed.success) return unknownBodyText(response.body);
				return [parsed.data.error, parsed.data.message ?? parsed.data.description].filter(Boolean).join(": ");
			},
		};
	}

	secrets(): string[] {
		return [this.apiToken];
	}

	/** The organization id goes into every path: digits only. */
	organization(): string {
		const id = this.organizationId.trim();
		if (!/^\d{1,12}$/.test(id)) {
			throw new PlatformError(
				"InPost",
				"settings",
				"auth",
				`The InPost organization id must be a number (Parcel Manager shows it beside the API token), not "${id.slice(0, 20)}"`,
			);
		}
		return id;
	}
}

export function joinProblems(problems: readonly ValidationProblem[]): string {
	return problems.map((p) => `${p.field}: ${p.message}`).join("; ");
}

function safeJson(raw: string): unknown {
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}

/**
 * The edge where Etsy's JSON becomes typed data: text -> JSON -> zod schema. Failures become
 * EtsyMalformedResponse / EtsyUnexpectedResponse naming the endpoint and the field, so that a
 * changed or broken answer says exactly what broke instead of surfacing later as `undefined`.
 */

import { describeZodError, errorMessage } from "../http/parse-problems.js";
import type * as z from "../http/zod.js";
import { type EtsyEndpoint, EtsyMalformedResponse, EtsyUnexpectedResponse, foreignText } from "./errors.js";

export interface ParseOptions {
	/** Secrets that must not leak into a message through a parser error that quotes the body. */
	secrets: readonly string[];
	/**
	 * The body itself is secret (a token response): say only that it was not JSON, since V8's parser
	 * messages quote the text around the error.
	 */
	sensitiveBody?: boolean;
}

export function parseJsonBody(endpoint: EtsyEndpoint, body: string, options: ParseOptions): unknown {
	try {
		return JSON.parse(body);
	} catch (error) {
		if (options.sensitiveBody) {
			throw new EtsyMalformedResponse(endpoint, `the body is not JSON (${body.length} characters)`);
		}
		const detail = body.trim() === "" ? "the body is empty" : foreignText(errorMessage(error), options.secrets);
		throw new EtsyMalformedResponse(endpoint, detail);
	}
}

export function parseShape<T>(
	schema: z.ZodMiniType<T>,
	endpoint: EtsyEndpoint,
	value: unknown,
	pathPrefix: ReadonlyArray<PropertyKey> = [],
): T {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const { path, problem } = describeZodError(result.error, pathPrefix);
	throw new EtsyUnexpectedResponse(endpoint, path, problem);
}

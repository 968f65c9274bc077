/**
 * The edge where a platform's JSON becomes typed data, for connectors that report failures as
 * `PlatformError`: text -> JSON -> zod schema. A failure is `malformed` and names the platform, the
 * endpoint and the field, so a changed or broken answer says exactly what broke.
 */

import { PlatformError, type PlatformName } from "../../core/connector-contracts.js";
import { describeZodError, errorMessage } from "./parse-problems.js";
import { foreignText } from "./redaction.js";
import type * as z from "./zod.js";

export interface EdgeContext {
	platform: PlatformName;
	/** E.g. "POST /crm/v3/objects/deals/search". */
	endpoint: string;
	/** Strings that must not reach a message through a parser error quoting the body. */
	secrets: readonly string[];
	/** Token shapes of the platform, redacted even when the connector was never told the value. */
	patterns?: readonly RegExp[];
	/** HTTP status of the answer, kept on the error. */
	status?: number;
	/**
	 * The body itself is secret (a token answer): say only that it was not JSON and how long it was,
	 * since V8's parser messages quote the text around the error.
	 */
	sensitiveBody?: boolean;
}

export function parseJson(context: EdgeContext, body: string): unknown {
	try {
		return JSON.parse(body);
	} catch (error) {
		const detail =
			body.trim() === ""
				? "the body is empty"
				: context.sensitiveBody
					? `the body is not JSON (${body.length} characters)`
					: `the body is not JSON (${foreignText(errorMessage(error), context.secrets, context.patterns)})`;
		throw malformed(context, detail);
	}
}

export function parseWith<T>(
	schema: z.ZodMiniType<T>,
	context: EdgeContext,
	value: unknown,
	pathPrefix: ReadonlyArray<PropertyKey> = [],
): T {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const { path, problem } = describeZodError(result.error, pathPrefix);
	throw malformed(context, `${path}: ${problem}`);
}

/** JSON text straight to a typed value. */
export function parseBody<T>(schema: z.ZodMiniType<T>, context: EdgeContext, body: string): T {
	return parseWith(schema, context, parseJson(context, body));
}

function malformed(context: EdgeContext, detail: string): PlatformError {
	return new PlatformError(
		context.platform,
		context.endpoint,
		"malformed",
		`${context.platform} ${context.endpoint} returned a malformed answer Hubsheet cannot read: ${detail}`,
		context.status === undefined ? {} : { status: context.status },
	);
}

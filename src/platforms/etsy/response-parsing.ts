/**
 * The edge where Etsy's JSON becomes typed data: text -> JSON -> zod schema. Failures become
 * EtsyMalformedResponse / EtsyUnexpectedResponse naming the endpoint and the field, so that a
 * changed or broken answer says exactly what broke instead of surfacing later as `undefined`.
 */
import type { z } from "zod";
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

/** `results[3].grandtotal.divisor`; the whole body is `(response)`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
	let text = "";
	for (const key of path) {
		if (typeof key === "number") text += `[${key}]`;
		else text += text === "" ? String(key) : `.${String(key)}`;
	}
	return text === "" ? "(response)" : text;
}

/** The first problem of a zod error, as `path` and a short sentence, plus how many others there were. */
export function describeZodError(
	error: z.ZodError,
	pathPrefix: ReadonlyArray<PropertyKey> = [],
): { path: string; problem: string } {
	const [first, ...rest] = error.issues;
	if (!first) return { path: formatPath(pathPrefix), problem: "invalid" };
	// zod words its messages "Invalid input: expected number, received string"; the prefix adds nothing.
	const problem = first.message.replace(/^Invalid [a-z ]+: /, "");
	const more = rest.length === 0 ? "" : ` (and ${rest.length} more problem${rest.length === 1 ? "" : "s"})`;
	return { path: formatPath([...pathPrefix, ...first.path]), problem: `${problem}${more}` };
}

export function parseShape<T>(
	schema: z.ZodType<T>,
	endpoint: EtsyEndpoint,
	value: unknown,
	pathPrefix: ReadonlyArray<PropertyKey> = [],
): T {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const { path, problem } = describeZodError(result.error, pathPrefix);
	throw new EtsyUnexpectedResponse(endpoint, path, problem);
}

export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

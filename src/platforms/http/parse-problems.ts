/**
 * How an answer that could not be read is described, the same for every platform: the first zod
 * problem with its path (`results[3].grandtotal.divisor`), and any thrown value as a message.
 */
import type * as z from "./zod.js";

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
	error: z.core.$ZodError,
	pathPrefix: ReadonlyArray<PropertyKey> = [],
): { path: string; problem: string } {
	const [first, ...rest] = error.issues;
	if (!first) return { path: formatPath(pathPrefix), problem: "invalid" };
	// zod words its messages "Invalid input: expected number, received string"; the prefix adds nothing.
	const problem = first.message.replace(/^Invalid [a-z ]+: /, "");
	const more = rest.length === 0 ? "" : ` (and ${rest.length} more problem${rest.length === 1 ? "" : "s"})`;
	return { path: formatPath([...pathPrefix, ...first.path]), problem: `${problem}${more}` };
}

export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

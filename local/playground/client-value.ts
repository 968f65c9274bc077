/**
 * What a google.script.run call hands back to the page: a copy of the server's value as Apps Script
 * makes it. Dates do not cross (the behaviours doc says they arrive as null: UNCONFIRMED, kept in
 * this one function), functions vanish, `undefined` in an array becomes null.
 */

const MAX_DEPTH = 100;

function isDate(value: unknown): boolean {
	// Dates of the script's realm fail `instanceof Date` here; their tag does not.
	return Object.prototype.toString.call(value) === "[object Date]";
}

export function toClientValue(value: unknown, depth = 0): unknown {
	if (depth > MAX_DEPTH) throw new Error("The server's answer is nested too deeply (or circular) to send to the page.");
	if (value === null || value === undefined) return value;
	if (isDate(value)) return null;
	if (typeof value === "function" || typeof value === "symbol") return undefined;
	if (typeof value === "bigint") return Number(value);
	if (typeof value !== "object") return value;
	if (Array.isArray(value)) {
		return value.map((item) => {
			const copy = toClientValue(item, depth + 1);
			return copy === undefined ? null : copy;
		});
	}
	const copy: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
		const converted = toClientValue(item, depth + 1);
		if (converted !== undefined) copy[key] = converted;
	}
	return copy;
}

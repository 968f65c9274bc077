/**
 * The hidden "Hubsheet findings" sheet's rows, as Apps Script (gas/findings-store.ts) and the runner
 * both write them: one row per order, its findings as JSON. Pure, so both engines agree on the format
 * and the tests read it without a spreadsheet.
 */
import { type Finding, SEVERITY_ORDER, sortFindings } from "../core/findings.js";
import { FINDINGS_HEADER, FINDINGS_SHEET } from "../core/sheet-names.js";

export { FINDINGS_HEADER, FINDINGS_SHEET };

/**
 * The engine store's key for the digest of the findings last saved: Apps Script skips a save of the
 * same findings; the runner drops it, so that Apps Script's next run saves its own over the runner's.
 */
export const FINDINGS_DIGEST_KEY = "hubsheet.findings.digest";
/** Sheets refuses a cell over 50,000 characters; quoted platform text is cut well before. */
const MAX_QUOTED_LENGTH = 2_000;

function cut(text: string): string {
	return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH - 1)}…` : text;
}

/** The sheet's rows (without the header), one per order, in the order of the sorted findings. */
export function findingsRows(findings: readonly Finding[]): string[][] {
	const byOrder = new Map<string, Finding[]>();
	for (const finding of sortFindings(findings)) {
		const compact: Finding = {
			...finding,
			message: cut(finding.message),
			values: Object.fromEntries(Object.entries(finding.values).map(([key, value]) => [key, cut(String(value))])),
		};
		const list = byOrder.get(finding.orderId) ?? [];
		list.push(compact);
		byOrder.set(finding.orderId, list);
	}
	return [...byOrder].map(([orderId, list]) => [orderId, JSON.stringify(list)]);
}

function isFix(value: unknown): boolean {
	if (!value || typeof value !== "object") return false;
	const fix = value as Record<string, unknown>;
	return (
		typeof fix.action === "string" &&
		typeof fix.label === "string" &&
		typeof fix.confirm === "string" &&
		(fix.value === undefined || typeof fix.value === "string")
	);
}

function isFinding(value: unknown): value is Finding {
	if (!value || typeof value !== "object") return false;
	const candidate = value as Record<string, unknown>;
	return (
		typeof candidate.orderId === "string" &&
		typeof candidate.kind === "string" &&
		typeof candidate.severity === "string" &&
		candidate.severity in SEVERITY_ORDER &&
		typeof candidate.message === "string" &&
		typeof candidate.values === "object" &&
		candidate.values !== null &&
		(candidate.fix === undefined || isFix(candidate.fix)) &&
		(candidate.alternatives === undefined ||
			(Array.isArray(candidate.alternatives) && candidate.alternatives.every(isFix))) &&
		(candidate.summary === undefined || typeof candidate.summary === "string") &&
		["details", "buyer", "cause"].every((key) => candidate[key] === undefined || typeof candidate[key] === "string")
	);
}

/**
 * The findings from the sheet's values (header first). A row someone edited into something
 * unreadable is skipped, not fatal (`skipped` hears its order): the next sync rewrites the sheet anyway.
 */
export function parseFindingsRows(
	values: readonly (readonly unknown[])[],
	skipped: (orderId: string) => void = () => {},
): Finding[] {
	const findings: Finding[] = [];
	for (const row of values.slice(1)) {
		const text = row[1];
		if (typeof text !== "string" || text.trim() === "") continue;
		try {
			const parsed: unknown = JSON.parse(text);
			if (Array.isArray(parsed)) findings.push(...parsed.filter(isFinding));
		} catch {
			skipped(String(row[0]));
		}
	}
	return sortFindings(findings);
}

/** A short digest (FNV-1a) of the findings, to tell whether they changed since they were saved. */
export function findingsDigest(findings: readonly Finding[]): string {
	const text = JSON.stringify(findings);
	let value = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		value ^= text.charCodeAt(index);
		value = Math.imul(value, 0x01000193) >>> 0;
	}
	return `${text.length}:${value.toString(16)}`;
}

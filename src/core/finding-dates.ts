/**
 * When each finding opened and closed, kept per order in the bookkeeping, so that the Dashboard can
 * count findings opened and closed per week and an alert can tell a new finding from an old one.
 */
import type { Bookkeeping } from "./bookkeeping.js";
import type { Finding } from "./findings.js";

export interface FindingChanges {
	/** Orders whose open findings changed: their bookkeeping needs saving. */
	touched: string[];
	opened: number;
	closed: number;
}

/** Updates `books` in place (new objects for the orders that changed). */
export function noteFindings(
	books: Map<string, Bookkeeping>,
	findings: readonly Finding[],
	now: number,
): FindingChanges {
	const kindsOf = new Map<string, Set<string>>();
	for (const finding of findings) {
		const kinds = kindsOf.get(finding.orderId) ?? new Set<string>();
		kinds.add(finding.kind);
		kindsOf.set(finding.orderId, kinds);
	}
	const changes: FindingChanges = { touched: [], opened: 0, closed: 0 };
	for (const orderId of new Set([...books.keys(), ...kindsOf.keys()])) {
		const entry = books.get(orderId) ?? {};
		const before = entry.findingsSince ?? {};
		const kinds = kindsOf.get(orderId) ?? new Set<string>();
		const after: Record<string, number> = {};
		let changed = false;
		for (const kind of kinds) {
			after[kind] = before[kind] ?? now;
			if (before[kind] === undefined) {
				changes.opened++;
				changed = true;
			}
		}
		for (const kind of Object.keys(before)) {
			if (!kinds.has(kind)) {
				changes.closed++;
				changed = true;
			}
		}
		if (!changed) continue;
		const { findingsSince: _old, ...rest } = entry;
		books.set(orderId, kinds.size > 0 ? { ...rest, findingsSince: after } : rest);
		changes.touched.push(orderId);
	}
	return changes;
}

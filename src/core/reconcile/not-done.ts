/**
 * An order that moved on from a status before that status's definition of done was met (Settings >
 * Definition of done): "Left Design without a Design link". Which statuses the order left comes
 * from when it reached each one (bookkeeping): a status it never was in was not left. Only a move
 * forward counts: On hold is a pause, Cancelled ends the work, and going back to an earlier status
 * is redoing it. The finding clears itself once the cell is filled or the state reached.
 */
import { DONE_STATES, type DoneDefinition, type DoneState } from "../done-definitions.js";
import type { Finding } from "../findings.js";
import { parcelFor } from "../mapping-settings.js";
import { columnSpec, type OrderColumnKey } from "../orders-layout.js";
import {
	cellText,
	lookup,
	type OrderSnapshot,
	progress,
	type ReconcileContext,
	type Rule,
	sameText,
	sheetStatus,
	trackingNumber,
} from "./order-snapshot.js";
import { listInWords } from "./wording.js";

/** How a missing cell is named: "a Design link" reads better than "Design". */
const COLUMN_WORDS: Partial<Record<OrderColumnKey, string>> = {
	design: "a Design link",
	phone: "a Phone number",
};

const COLUMN_HINT = (header: string) => `fill in ${header} on this row`;

const STATE_HINTS: Record<DoneState, string> = {
	"CRM deal": "the sync makes the deal once the order is paid (its other findings say what stops it)",
	Shipment: "the courier's shipment is made while the order is Ready to ship",
	Tracking: "the courier gives the tracking number once it has the shipment",
	"Parcel size": "add the product's size, or a default row, to Parcel sizes on Settings",
};

/** Whether a platform state is there; a platform the owner does not use cannot be asked for. */
function stateReached(state: DoneState, snapshot: OrderSnapshot, context: ReconcileContext): boolean {
	switch (state) {
		case "CRM deal":
			return context.crm === null || snapshot.deal !== null;
		case "Shipment":
			return context.courier === null || snapshot.shipment !== null;
		case "Tracking":
			return context.courier === null || trackingNumber(snapshot) !== null;
		case "Parcel size":
			// Without Etsy's items there is nothing to look up: not judged.
			return snapshot.etsy === null || parcelFor(snapshot.etsy.itemLines, context.done?.parcels ?? {}) !== undefined;
	}
}

/** The statuses an order has left going forward, by the dates it reached them. */
function hasLeft(definition: DoneDefinition, now: string, reached: Readonly<Record<string, number>>): boolean {
	if (sameText(definition.status, now) || lookup(reached, definition.status) === undefined) return false;
	const from = progress(definition.status);
	const to = progress(now);
	return from !== null && to !== null && to >= from;
}

export const notDone: Rule = (snapshot, context) => {
	const definitions = context.done?.definitions ?? [];
	const now = sheetStatus(snapshot);
	if (now === "" || now === "Cancelled" || now === "On hold") return [];
	const reached = snapshot.books.reached ?? {};
	const cells = snapshot.rows[0]?.cells ?? {};
	const findings: Finding[] = [];
	for (const definition of definitions) {
		if (!hasLeft(definition, now, reached)) continue;
		const missing: Array<{ words: string; hint: string }> = [];
		for (const key of definition.columns) {
			if (cellText(cells[key]) !== "") continue;
			const header = columnSpec(key).header;
			missing.push({ words: COLUMN_WORDS[key] ?? header, hint: COLUMN_HINT(header) });
		}
		for (const state of definition.states) {
			if (!stateReached(state, snapshot, context))
				missing.push({ words: DONE_STATES[state], hint: STATE_HINTS[state] });
		}
		if (missing.length === 0) continue;
		const what = listInWords(missing.map((item) => item.words));
		const hints = missing.map((item) => item.hint).join("; ");
		const owner = definition.stepOwner ? ` Step owner: ${definition.stepOwner.name}.` : "";
		const finding: Finding = {
			orderId: snapshot.orderId,
			kind: "not-done",
			severity: "warning",
			message: `Left ${definition.status} without ${what}: Settings > Definition of done asks for it before an order leaves ${definition.status} (it is now ${now}). To fix: ${hints}. This clears at the next sync.${owner}`,
			summary: `Left ${definition.status} without ${what}`,
			values: { Sheet: now },
		};
		if (definition.stepOwner) finding.stepOwner = definition.stepOwner;
		findings.push(finding);
	}
	return findings;
};

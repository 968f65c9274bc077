/**
 * Stages changed by hand in the CRM since the last run: read from the CRM's changed deals (from a
 * cursor kept in the engine store), shown in the CRM stage column, and compared by reconciliation.
 */

import type { Bookkeeping } from "../core/bookkeeping.js";
import type { CrmConnector } from "../core/connector-contracts.js";
import { isHandEdit } from "../core/status-plan.js";
import type { Store } from "../ports.js";
import type { DailyBudgets } from "./daily-budgets.js";

export const CRM_CURSOR_KEY = "hubsheet.crm.cursor";

export interface CrmChanges {
	/** The stage each changed deal is in now, by order id. */
	crmStages: Map<string, string>;
	/** Orders whose CRM stage someone changed by hand in the CRM since the last run. */
	handEdits: string[];
	/** Where the next read starts; null when this run read nothing (the cursor stays). */
	crmCursor: number | null;
}

export function readCrmChanges(
	crm: CrmConnector | null,
	budget: Pick<DailyBudgets, "mayRead">,
	store: Store,
	books: Map<string, Bookkeeping>,
	now: number,
	connectionFailed: (what: string, error: unknown) => void,
): CrmChanges {
	// Stages changed by hand in the CRM show in the CRM stage column; reconciliation compares.
	const crmStages = new Map<string, string>();
	const handEdits: string[] = [];
	// Saved only after the stage cells it covers are written: a kill in between reads them again.
	let crmCursor: number | null = null;
	// An optional read: below the allowance's reserve it waits, and the cursor stays where it was.
	if (crm && budget.mayRead(crm.platform)) {
		try {
			const since = Number(store.get(CRM_CURSOR_KEY) ?? now - 86_400_000);
			let newest = since;
			for (const deal of crm.dealsChangedSince(since)) {
				crmStages.set(deal.orderId, deal.stageName);
				if (isHandEdit(deal.stageName, books.get(deal.orderId))) handEdits.push(deal.orderId);
				newest = Math.max(newest, deal.updatedAtMs);
			}
			crmCursor = newest;
		} catch (error) {
			connectionFailed("Reading changed CRM deals", error);
		}
	}
	return { crmStages, handEdits, crmCursor };
}

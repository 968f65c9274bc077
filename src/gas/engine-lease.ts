/**
 * The spreadsheet's lease (sheet/engine-lease.ts) on Apps Script, through the Sheets advanced
 * service: the same all-or-nothing spreadsheets.batchUpdate the runner sends. A spreadsheet no
 * runner has synced pays nothing for it (the runner notes itself in the shared bookkeeping first).
 */

import type { Store } from "../ports.js";
import { LEASE_SHEET, type LeaseAccess, leaseWrites, RUNNER_SEEN_KEY } from "../sheet/engine-lease.js";

function sheetsApi(): GoogleAppsScript.Sheets | null {
	return typeof Sheets === "undefined" || !Sheets ? null : Sheets;
}

/** Null when no runner ever synced this spreadsheet, or without the advanced service. */
export function appsScriptLeaseAccess(store: Store): LeaseAccess | null {
	const api = sheetsApi();
	if (!api || store.get(RUNNER_SEEN_KEY) === null) return null;
	const spreadsheetId = SpreadsheetApp.getActiveSpreadsheet().getId();
	const lost = (error: unknown) => /already exists|No grid with id/.test(String((error as Error)?.message ?? error));
	const batch = (requests: object[]) => api.Spreadsheets?.batchUpdate({ requests }, spreadsheetId);
	const leaseSheetId = (): number | null => {
		const found = api.Spreadsheets?.get(spreadsheetId)?.sheets?.find(
			(sheet) => sheet.properties?.title === LEASE_SHEET,
		);
		return found?.properties?.sheetId ?? null;
	};
	const writes = leaseWrites(batch, lost, () => Math.floor(Math.random() * 1_999_999_999) + 1);
	return {
		read() {
			let text: string;
			try {
				text = String(api.Spreadsheets?.Values?.get(spreadsheetId, `'${LEASE_SHEET}'!A1`)?.values?.[0]?.[0] ?? "");
			} catch {
				return null;
			}
			// The sheet's id is looked up only when an expired lease is taken over (rare).
			return { sheetId: Number.NaN, text };
		},
		// Apps Script reads no sheet id with the lease: an expired one's is looked up here.
		take: (text, replacing) =>
			writes.take(text, replacing === null ? null : Number.isNaN(replacing) ? leaseSheetId() : replacing),
		release: writes.release,
	};
}

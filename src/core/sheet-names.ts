/**
 * Every sheet Hubsheet owns, by name, in one place (core, so every layer may import it); the files
 * that used to define them re-export from here.
 */
/** The master sheet: one row per order. */
export const ORDERS_SHEET = "Orders";
/** The owner's settings, one per row. */
export const SETTINGS_SHEET = "Settings";
export const DASHBOARD_SHEET = "Dashboard";
export const SYNC_LOG_SHEET = "Sync log";
export const SYNC_LOG_HEADER = ["Time", "Run", "Order", "Platform", "Action", "Change", "Result"] as const;
/** Hidden bookkeeping keyed by order id: external ids, last values pushed, idempotency keys. */
export const STATE_SHEET = "Hubsheet state";
export const STATE_HEADER = ["Order", "Bookkeeping"] as const;
/** Hidden: the findings of the last sync, one row per order (sheet/findings-rows.ts). */
export const FINDINGS_SHEET = "Hubsheet findings";
export const FINDINGS_HEADER = ["Order", "Findings"] as const;
/** Hidden: the bookkeeping Apps Script and the runner share, one key and value per row (sheet/engine-store.ts). */
export const ENGINE_SHEET = "Hubsheet engine";
export const ENGINE_HEADER = ["Key", "Value"] as const;
/** Hidden, made and deleted: one engine at a time (sheet/engine-lease.ts). */
export const LEASE_SHEET = "Hubsheet lease";

/** The sheets Hubsheet owns, by name. */
export const SYNC_LOG_SHEET = "Sync log";
export const SYNC_LOG_HEADER = ["Time", "Run", "Order", "Platform", "Action", "Change", "Result"] as const;
/** Hidden bookkeeping keyed by order id: external ids, last values pushed, idempotency keys. */
export const STATE_SHEET = "Hubsheet state";
export const STATE_HEADER = ["Order", "Bookkeeping"] as const;

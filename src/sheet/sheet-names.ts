/** The sheets Hubsheet owns, by name: defined once in core/sheet-names.ts. */
export { STATE_HEADER, STATE_SHEET, SYNC_LOG_HEADER, SYNC_LOG_SHEET } from "../core/sheet-names.js";

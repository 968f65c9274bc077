/**
 * The definition of done per status: the owner's table on the Settings sheet saying what must be
 * true before an order may leave a status (Orders cells filled, a platform state reached) and who
 * owns that step. Read here as plain data with problems that name the Settings row; judged by
 * core/reconcile/not-done.ts.
 */
import { findTables, MAPPING_TABLES } from "./mapping-settings.js";
import { normaliseHeader, ORDER_COLUMNS, type OrderColumnKey } from "./orders-layout.js";

/** What a platform has to have done, in the words the table takes, with how a finding names it. */
export const DONE_STATES = {
	"CRM deal": "a CRM deal",
	Shipment: "a shipment",
	Tracking: "a tracking number",
	"Parcel size": "a parcel size on Settings",
} as const;

export type DoneState = keyof typeof DONE_STATES;

export interface StepOwner {
	name: string;
	/** Where the step's alerts go; null for a name without an address (named in the finding only). */
	email: string | null;
}

export interface DoneDefinition {
	/** The status as the Status column spells it. */
	status: string;
	/** 1-based row on the Settings sheet, for messages; 0 for a default the sheet does not show. */
	row: number;
	columns: OrderColumnKey[];
	states: DoneState[];
	stepOwner: StepOwner | null;
}

export const DONE_TABLE_TITLE = MAPPING_TABLES.done.title;

const SEPARATOR = /[,;\n]/;

/** "anna@shop.pl", or "Anna Nowak <anna@shop.pl>": one address, no lists (a comma would add recipients). */
const EMAIL =
	/^[^\s@<>(),;:"'\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;
const NAMED_EMAIL = /^([^<>@]*)<([^<>]+)>$/;

function listOf(cell: string): string[] {
	return cell
		.split(SEPARATOR)
		.map((part) => part.trim())
		.filter((part) => part !== "");
}

/** A step owner as typed: a name, an e-mail, or both as "Name <e-mail>"; a text that is neither is a problem. */
export function readStepOwner(text: string): StepOwner | string | null {
	const typed = text.trim();
	if (typed === "") return null;
	const named = NAMED_EMAIL.exec(typed);
	const name = named ? (named[1] ?? "").trim() : typed;
	const address = named ? (named[2] ?? "").trim() : typed.includes("@") ? typed : null;
	if (address === null) return { name, email: null };
	if (!EMAIL.test(address)) return `"${address}" is not an e-mail address`;
	return { name: named && name !== "" ? name : address, email: address };
}

const COLUMN_BY_HEADER = new Map<string, OrderColumnKey>(
	ORDER_COLUMNS.map((column) => [normaliseHeader(column.header), column.key]),
);

/**
 * The definitions on the sheet (the defaults when the table is not there yet), and problems in
 * words. A row with an unknown status is left out; an unknown column or state is left out of its
 * row while the rest of the row still counts.
 */
export function readDoneDefinitions(
	values: ReadonlyArray<ReadonlyArray<unknown>>,
	statuses: readonly string[],
): { definitions: DoneDefinition[]; problems: string[] } {
	const rows =
		findTables(values).done ?? MAPPING_TABLES.done.defaults.map((cells) => ({ row: 0, cells: [...cells] as string[] }));
	const problems: string[] = [];
	const definitions: DoneDefinition[] = [];
	for (const { row, cells } of rows) {
		const [typedStatus = "", filled = "", reached = "", owner = ""] = cells;
		const where = `Settings row ${row} (${DONE_TABLE_TITLE}, ${typedStatus})`;
		const status = statuses.find((known) => normaliseHeader(known) === normaliseHeader(typedStatus));
		if (status === undefined) {
			problems.push(
				`Settings row ${row} (${DONE_TABLE_TITLE}): there is no status "${typedStatus}". Use one of ${statuses.join(", ")}, or add it to Custom statuses.`,
			);
			continue;
		}
		const twice = definitions.find((definition) => definition.status === status);
		if (twice) {
			problems.push(`${where}: ${status} is defined already on row ${twice.row}; only that row counts.`);
			continue;
		}
		const columns: OrderColumnKey[] = [];
		for (const header of listOf(filled)) {
			const key = COLUMN_BY_HEADER.get(normaliseHeader(header));
			if (key === undefined)
				problems.push(
					`${where}: there is no Orders column "${header}" to be filled. Use a column's header as the Orders sheet shows it, e.g. Design, Notes, Phone or Ship to (yours).`,
				);
			else if (!columns.includes(key)) columns.push(key);
		}
		const states: DoneState[] = [];
		for (const typed of listOf(reached)) {
			const state = (Object.keys(DONE_STATES) as DoneState[]).find(
				(known) => normaliseHeader(known) === normaliseHeader(typed),
			);
			if (state === undefined)
				problems.push(
					`${where}: "${typed}" is not something Hubsheet can check. Use ${Object.keys(DONE_STATES).join(", ")}.`,
				);
			else if (!states.includes(state)) states.push(state);
		}
		const stepOwner = readStepOwner(owner);
		if (typeof stepOwner === "string")
			problems.push(`${where}: the step owner ${stepOwner}; type a name, an e-mail, or both as Name <e-mail>.`);
		definitions.push({ status, row, columns, states, stepOwner: typeof stepOwner === "string" ? null : stepOwner });
	}
	return { definitions, problems };
}

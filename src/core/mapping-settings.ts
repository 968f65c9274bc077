/**
 * The tables on the Settings sheet below the key/value settings: how statuses map to CRM stages,
 * courier states to statuses, courier services to Etsy carriers, parcel sizes per product, and the
 * sender's address. Each table starts with its title in column A, then a header row, then rows
 * until a blank cell in column A. Owners edit these; Set up adds the defaults.
 */
import type { PostalAddress } from "./order.js";
import { NO_PLATFORMS, type PlatformCatalog } from "./platform-catalog.js";

export interface Parcel {
	lengthCm: number;
	widthCm: number;
	heightCm: number;
	weightKg: number;
}

export interface Sender extends PostalAddress {
	company: string;
	email: string;
	phone: string;
}

export interface MappingSettings {
	statusToStage: Record<string, string>;
	courierStateToStatus: Record<string, string>;
	serviceToCarrier: Record<string, string>;
	/** Keyed by Etsy listing id or SKU; "default" for everything else. */
	parcels: Record<string, Parcel>;
	sender: Sender;
	/** Days an order may stay in a status before it is flagged as stuck. */
	stuckAfterDays: Record<string, number>;
}

export interface MappingTable {
	title: string;
	header: string[];
	defaults: string[][];
}

/** The tables Set up writes, in order, with their default rows. */
export const MAPPING_TABLES = {
	stages: {
		title: "Status → CRM stage",
		header: ["Status", "CRM stage"],
		defaults: [
			["New", "New"],
			["Design", "Design"],
			["Production", "Production"],
			["Ready to ship", "Ready to ship"],
			["Shipped", "Shipped"],
			["Delivered", "Delivered"],
			["On hold", "On hold"],
			["Cancelled", "Cancelled"],
		],
	},
	courierStates: {
		title: "Courier state → Status",
		header: ["Courier state", "Status"],
		// Every courier's vocabulary comes from its descriptor (the catalog's courierStates, placed
		// before these); "delivered" is the word they share.
		defaults: [["delivered", "Delivered"]],
	},
	carriers: {
		title: "Courier service → Etsy carrier",
		header: ["Courier service", "Etsy carrier"],
		defaults: [
			["dpd", "dpd"],
			["ups", "ups"],
			["dhl", "dhl"],
			["gls", "gls"],
		],
	},
	parcels: {
		title: "Parcel sizes",
		header: ["Product (listing id or SKU)", "Length (cm)", "Width (cm)", "Height (cm)", "Weight (kg)"],
		defaults: [["default", "120", "60", "15", "25"]],
	},
	sender: {
		title: "Sender",
		header: ["Field", "Value"],
		defaults: [
			["Name", ""],
			["Company", ""],
			["Street", ""],
			["City", ""],
			["Postcode", ""],
			["Country", "PL"],
			["Email", ""],
			["Phone", ""],
		],
	},
	stuck: {
		title: "Stuck after (days)",
		header: ["Status", "Days"],
		defaults: [
			["New", "2"],
			["Design", "7"],
			["Production", "14"],
			["Ready to ship", "3"],
			["Shipped", "10"],
			["On hold", "30"],
		],
	},
	// Read by core/done-definitions.ts. Only what an order moving along without trouble always has:
	// a row for each working status ready to be filled in, and Ready to ship asking for what the
	// courier needs. A Design link is the owner's to ask for (the README's example): many shops keep
	// their designs elsewhere, and a default that flags every order would teach them to ignore it.
	done: {
		title: "Definition of done",
		header: ["Status", "Must be filled (Orders columns)", "Must be reached", "Step owner (name or e-mail)"],
		defaults: [
			["New", "", "", ""],
			["Design", "", "", ""],
			["Production", "", "", ""],
			["Ready to ship", "Phone", "Parcel size", ""],
			["Shipped", "", "", ""],
		],
	},
} as const satisfies Record<string, MappingTable>;

type TableKey = keyof typeof MAPPING_TABLES;

/** A table's default rows with the catalog's couriers' vocabulary: their states before "delivered", their services last. */
function defaultRows(key: TableKey, catalog: PlatformCatalog): string[][] {
	const own = (MAPPING_TABLES[key].defaults as readonly (readonly string[])[]).map((row) => [...row]);
	const copy = (rows: ReadonlyArray<readonly [string, string]>) => rows.map((row) => [...row]);
	const rows =
		key === "courierStates"
			? [...copy(catalog.courierStates), ...own]
			: key === "carriers"
				? [...own, ...copy(catalog.carriers)]
				: own;
	return rows.filter((row, index) => rows.findIndex((other) => other[0] === row[0]) === index);
}

function text(cell: unknown): string {
	return String(cell ?? "").trim();
}

/** The rows of each table found on the sheet (after its header), with their 1-based row numbers. */
export function findTables(
	values: ReadonlyArray<ReadonlyArray<unknown>>,
): Partial<Record<TableKey, Array<{ row: number; cells: string[] }>>> {
	const titles = new Map(
		Object.entries(MAPPING_TABLES).map(([key, table]) => [table.title.toLowerCase(), key as TableKey]),
	);
	const found: Partial<Record<TableKey, Array<{ row: number; cells: string[] }>>> = {};
	let current: TableKey | undefined;
	let skipHeader = false;
	values.forEach((line, index) => {
		const first = text(line[0]);
		const table = titles.get(first.toLowerCase());
		if (table) {
			current = table;
			skipHeader = true;
			found[table] = [];
			return;
		}
		if (!current) return;
		if (skipHeader) {
			skipHeader = false;
			return;
		}
		if (first === "") {
			current = undefined;
			return;
		}
		found[current]?.push({ row: index + 1, cells: line.map(text) });
	});
	return found;
}

function positive(value: string, where: string, problems: string[]): number | undefined {
	const number = Number(value.replace(",", "."));
	if (!Number.isFinite(number) || number <= 0) {
		problems.push(`${where}: "${value}" is not a positive number.`);
		return undefined;
	}
	return number;
}

export function readMappingSettings(
	values: ReadonlyArray<ReadonlyArray<unknown>>,
	catalog: PlatformCatalog = NO_PLATFORMS,
): {
	settings: MappingSettings;
	problems: string[];
} {
	const tables = findTables(values);
	const problems: string[] = [];
	const pairs = (key: TableKey, rows = tables[key]) =>
		Object.fromEntries(
			(rows ?? defaultRows(key, catalog).map((cells) => ({ row: 0, cells })))
				.filter(({ cells }) => cells[0] !== "" && (cells[1] ?? "") !== "")
				.map(({ cells }) => [cells[0] as string, cells[1] as string]),
		);
	const parcels: Record<string, Parcel> = {};
	for (const { row, cells } of tables.parcels ??
		MAPPING_TABLES.parcels.defaults.map((cells) => ({ row: 0, cells: [...cells] }))) {
		const where = `Settings row ${row} (Parcel sizes, ${cells[0]})`;
		const [length, width, height, weight] = [1, 2, 3, 4].map((column) =>
			positive(cells[column] ?? "", where, problems),
		);
		if (length && width && height && weight) {
			parcels[(cells[0] as string).toLowerCase()] = {
				lengthCm: length,
				widthCm: width,
				heightCm: height,
				weightKg: weight,
			};
		}
	}
	const field = (name: string) =>
		tables.sender?.find(({ cells }) => (cells[0] ?? "").toLowerCase() === name.toLowerCase())?.cells[1] ?? "";
	const stuckAfterDays: Record<string, number> = {};
	for (const [status, days] of Object.entries(pairs("stuck"))) {
		const number = positive(days, `Stuck after (days), ${status}`, problems);
		if (number) stuckAfterDays[status] = number;
	}
	return {
		settings: {
			statusToStage: pairs("stages"),
			courierStateToStatus: pairs("courierStates"),
			serviceToCarrier: pairs("carriers"),
			parcels,
			sender: {
				name: field("Name"),
				company: field("Company"),
				firstLine: field("Street"),
				secondLine: "",
				city: field("City"),
				state: "",
				zip: field("Postcode"),
				countryIso: field("Country"),
				email: field("Email"),
				phone: field("Phone"),
			},
			stuckAfterDays,
		},
		problems,
	};
}

/** The parcel for an order's items: the first listing id or SKU with its own size, else the default. */
export function parcelFor(
	items: ReadonlyArray<{ listingId: string; sku: string }>,
	parcels: Record<string, Parcel>,
): Parcel | undefined {
	for (const item of items) {
		const own = parcels[item.sku.toLowerCase()] ?? parcels[item.listingId.toLowerCase()];
		if (own) return own;
	}
	return parcels.default;
}

/** The blocks Set up appends for tables the sheet lacks: title, header, defaults, blank line. */
export function missingTableRows(
	values: ReadonlyArray<ReadonlyArray<unknown>>,
	catalog: PlatformCatalog = NO_PLATFORMS,
): string[][] {
	const present = findTables(values);
	const rows: string[][] = [];
	for (const [key, table] of Object.entries(MAPPING_TABLES) as Array<[TableKey, MappingTable]>) {
		if (present[key]) continue;
		rows.push([""], [table.title], [...table.header], ...defaultRows(key, catalog));
	}
	return rows;
}

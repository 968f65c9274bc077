/**
 * Etsy's carrier names for parcels leaving a country (getShippingCarriers), and whether a name from
 * Settings > "Courier service → Etsy carrier" is one of them. Etsy keeps a tracking number only for
 * carriers it knows; for others `other` keeps it (NOTES.md, Carrier names). How getShippingCarriers'
 * names map to `carrier_name` keys is not documented (UNCONFIRMED), so both readings are accepted:
 * "DPD", "dpd" and a key such as "dpd-poland" all match the listed "DPD".
 */

/** How long a fetched list is trusted: carriers change rarely, and each read costs an Etsy request. */
export const CARRIER_LIST_MAX_AGE_MS = 7 * 86_400_000;

export interface CarrierList {
	origin: string;
	at: number;
	names: string[];
}

function key(name: string): string {
	return name
		.toLowerCase()
		.normalize("NFD")
		.replace(/[\u0300-\u036f]/g, "")
		.replace(/[^a-z0-9]+/g, "-")
		.replace(/^-|-$/g, "");
}

/** True when Etsy will keep a tracking number sent with this carrier name. */
export function etsyKnowsCarrier(names: readonly string[], carrier: string): boolean {
	const wanted = key(carrier);
	if (wanted === "other") return true;
	return names.some((name) => {
		const listed = key(name);
		return listed !== "" && (wanted === listed || wanted.startsWith(`${listed}-`));
	});
}

/** The problem to show for a carrier name Etsy does not list, in the owner's words. */
export function unknownCarrierProblem(list: CarrierList, carrier: string): string {
	return `Etsy lists no carrier "${carrier}" for parcels from ${list.origin}, so its tracking numbers go to Etsy as carrier "other". In Settings > "Courier service → Etsy carrier" use one of: ${list.names.join(", ")}.`;
}

/** Reads a stored list; null when absent, unreadable, for another country or too old. */
export function storedCarrierList(text: string | null, origin: string, now: number): CarrierList | null {
	if (!text) return null;
	try {
		const list = JSON.parse(text) as Partial<CarrierList>;
		if (list.origin !== origin || typeof list.at !== "number" || !Array.isArray(list.names)) return null;
		if (now - list.at > CARRIER_LIST_MAX_AGE_MS) return null;
		return { origin, at: list.at, names: list.names.map(String) };
	} catch {
		return null;
	}
}

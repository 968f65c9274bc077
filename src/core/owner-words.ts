/**
 * What a platform or a check says, put into the sheet's words: its column names and the sections of
 * Settings, so that the owner knows which cell to fill in rather than which JSON field a courier
 * wanted. The platform's own words stay available as details (finding values, the Sync log).
 */
import type { Parcel, Sender } from "./mapping-settings.js";

/** A courier's complaint about one field, as `ValidationProblem` carries it. */
export interface FieldProblem {
	field: string;
	message: string;
}

/** The Sender rows of Settings, by the address part each holds, in the order the table lists them. */
const SENDER_ROWS: ReadonlyArray<[keyof Sender, string]> = [
	["name", "Name"],
	["firstLine", "Street"],
	["city", "City"],
	["zip", "Postcode"],
	["countryIso", "Country"],
	["email", "Email"],
	["phone", "Phone"],
];

const BLANK = /blank|empty|required|missing|must not be null|should not be null|not be empty/i;

/** The last part of a courier's field path, lower-cased: "receiver.address.postcode" -> "postcode". */
function leaf(field: string): string {
	const parts = field
		.toLowerCase()
		.split(/[.[\]]+/)
		.filter((part) => part !== "" && !/^\d+$/.test(part));
	return parts[parts.length - 1] ?? "";
}

function isSenderField(field: string): boolean {
	return /^(sender|pickup|pick_up|from)\b/i.test(field.trim());
}

function isReceiverField(field: string): boolean {
	return /^(receiver|recipient|to|delivery)\b/i.test(field.trim());
}

function isParcelField(field: string): boolean {
	return /^(parcels?|packages?|dimensions|weight|width|height|length|depth)\b/i.test(field.trim());
}

/** The Orders column that holds a receiver field, or null when the field is part of Ship to. */
function receiverColumn(part: string): "Phone" | "Email" | null {
	if (/phone|tel/.test(part)) return "Phone";
	if (/mail/.test(part)) return "Email";
	return null;
}

/** One sentence per problem, in owner words; problems about the same thing become one sentence. */
export function shipmentProblemsInWords(courier: string, problems: readonly FieldProblem[]): string[] {
	const sentences: string[] = [];
	const add = (sentence: string) => {
		if (!sentences.includes(sentence)) sentences.push(sentence);
	};
	const senderParts = new Set<string>();
	for (const { field, message } of problems) {
		const part = leaf(field);
		const blank = BLANK.test(message);
		if (isSenderField(field)) {
			senderParts.add(part);
		} else if (isReceiverField(field)) {
			const column = receiverColumn(part);
			if (column && blank) add(`The ${column} cell is empty: ${courier} needs the buyer's ${column.toLowerCase()}.`);
			else if (column)
				add(`${courier} does not accept the buyer's ${column.toLowerCase()} in the ${column} cell: ${message}`);
			else if (blank)
				add(`The Ship to address has no ${part || "detail"} ${courier} needs: correct the address on Etsy.`);
			else add(`${courier} does not accept the Ship to address (${part || "address"}): ${message}`);
		} else if (isParcelField(field)) {
			add(`${courier} does not accept the parcel size: check Settings > Parcel sizes (${message}).`);
		} else if (/service|carrier|courier/i.test(field)) {
			add(`${courier} does not offer the courier service named in Settings > Courier service: choose another one.`);
		} else {
			add(`${courier} refused the shipment: ${message}`);
		}
	}
	if (senderParts.size > 0) add(senderSentence(courier));
	return sentences;
}

function senderSentence(courier: string): string {
	return `Fill in your address in Settings > Sender: ${courier} needs it on every shipment.`;
}

export interface ShipmentCheck {
	/** The Phone cell of the order. */
	phone: string;
	sender: Sender;
	parcel: Parcel | undefined;
	/** The courier refuses a package without the sender (others fall back to the account's address). */
	senderRequired: boolean;
}

/**
 * What Hubsheet can see is missing before it asks the courier: the buyer's phone, the Sender rows,
 * a parcel size. Each is one sentence saying where to fill it in; [] when nothing is missing.
 */
export function missingBeforeShipment(courier: string, check: ShipmentCheck): string[] {
	const missing: string[] = [];
	if (check.phone.trim() === "") missing.push(`The Phone cell is empty: ${courier} needs the buyer's phone.`);
	const emptySender = (check.senderRequired ? SENDER_ROWS : [])
		.filter(([key]) => String(check.sender[key] ?? "").trim() === "")
		.map(([, row]) => row);
	if (emptySender.length > 0) {
		missing.push(
			`Fill in your address in Settings > Sender (${emptySender.join(", ")} ${emptySender.length === 1 ? "is" : "are"} empty): ${courier} needs it on every shipment.`,
		);
	}
	if (!check.parcel) missing.push('No parcel size: add a "default" row to Settings > Parcel sizes.');
	return missing;
}

/**
 * Courier states as the owner reads them: the words every courier shares; each courier's own come
 * from its descriptor (src/platforms/<id>/descriptor.ts, stateWords). The courier's own word stays
 * in the finding's details and is what the "Courier state → Status" table on Settings maps.
 */
const SHARED_STATE_WORDS: Record<string, string> = {
	delivered: "Delivered",
	canceled: "Cancelled",
	cancelled: "Cancelled",
	returned: "Returned to you",
};

/** "collected_from_sender" -> "Collected by the courier"; an unknown state reads as its words ("in_transit" -> "In transit"). */
export function courierStateInWords(state: string, courierWords: Readonly<Record<string, string>> = {}): string {
	const key = state.trim().toLowerCase();
	if (key === "") return "";
	const known = courierWords[key] ?? SHARED_STATE_WORDS[key];
	if (known) return known;
	const words = key.replace(/[_-]+/g, " ");
	return words.charAt(0).toUpperCase() + words.slice(1);
}

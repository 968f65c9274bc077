/**
 * What the InPost sandbox organization has: the API token and organization id (Parcel Manager >
 * My Account > API), the services it may use, and the status dictionary (`GET /v1/statuses`) with
 * the names the notes list.
 */

function base64url(value: unknown): string {
	return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** Not a secret anywhere: the sandbox's token, JWT-shaped like ShipX's. */
export const DEFAULT_TOKEN = `${base64url({ typ: "JWT", alg: "RS256" })}.${base64url({
	iss: "sandbox-api-shipx-pl.easypack24.net",
	sub: "hubsheet-sandbox",
	organization_id: 1234,
})}.c2FuZGJveC1zaWduYXR1cmUtbm90LWEtcmVhbC1vbmU`;
export const DEFAULT_ORGANIZATION_ID = 1234;

export interface ServiceDef {
	id: string;
	name: string;
	kind: "courier" | "locker";
	maxWeightKg: number;
	/** Sides sorted longest first, in mm. */
	maxSidesMm: [number, number, number];
}

export const SERVICES: readonly ServiceDef[] = [
	{
		id: "inpost_courier_standard",
		name: "Kurier InPost - standard",
		kind: "courier",
		maxWeightKg: 50,
		maxSidesMm: [3500, 2400, 2400],
	},
	{
		id: "inpost_courier_express_1000",
		name: "Kurier InPost - ekspres 10:00",
		kind: "courier",
		maxWeightKg: 50,
		maxSidesMm: [3500, 2400, 2400],
	},
	{
		id: "inpost_courier_express_1200",
		name: "Kurier InPost - ekspres 12:00",
		kind: "courier",
		maxWeightKg: 50,
		maxSidesMm: [3500, 2400, 2400],
	},
	{
		id: "inpost_courier_express_1700",
		name: "Kurier InPost - ekspres 17:00",
		kind: "courier",
		maxWeightKg: 50,
		maxSidesMm: [3500, 2400, 2400],
	},
	{
		id: "inpost_courier_palette",
		name: "Kurier InPost - paleta",
		kind: "courier",
		maxWeightKg: 1000,
		maxSidesMm: [2000, 1800, 1200],
	},
	{
		id: "inpost_locker_standard",
		name: "Paczkomat InPost",
		kind: "locker",
		maxWeightKg: 25,
		maxSidesMm: [640, 410, 380],
	},
];

/**
 * The courier path the sandbox walks, in order, with the hours each step takes after the previous
 * one. A courier shipment is collected at the sender's door: `collected_from_sender` (NOTES.md,
 * "Status names": the courier took it from the sender), then the branch and sorting scans.
 */
export const COURIER_PATH: ReadonlyArray<readonly [string, number]> = [
	["collected_from_sender", 0],
	["adopted_at_source_branch", 2],
	["sent_from_source_branch", 2],
	["adopted_at_sorting_center", 3],
	["sent_from_sorting_center", 2],
	["adopted_at_target_branch", 5],
	["out_for_delivery", 3],
	["delivered", 5],
];

export const STATUS_DICTIONARY: ReadonlyArray<{ name: string; title: string; description: string }> = [
	["created", "Przesyłka utworzona.", "Shipment created."],
	["offers_prepared", "Przygotowano oferty.", "Offers prepared."],
	["offer_selected", "Oferta wybrana.", "Offer selected."],
	["confirmed", "Przygotowana przez Nadawcę.", "Prepared by the sender (bought)."],
	["dispatched_by_sender", "Paczka nadana w automacie Paczkomat.", "Posted at a parcel locker."],
	["dispatched_by_sender_to_pok", "Nadana w PaczkoPunkcie.", "Posted at a pick-up point."],
	["taken_by_courier_from_pok", "Odebrana z PaczkoPunktu.", "Taken by the courier from the pick-up point."],
	["collected_from_sender", "Odebrana od klienta.", "Collected from the sender."],
	["taken_by_courier", "Odebrana od Nadawcy.", "Taken by the courier."],
	["adopted_at_source_branch", "Przyjęta w oddziale InPost.", "Adopted at the source branch."],
	["sent_from_source_branch", "W trasie.", "Sent from the source branch."],
	["adopted_at_sorting_center", "Przyjęta w Sortowni.", "Adopted at the sorting centre."],
	["sent_from_sorting_center", "Wysłana z Sortowni.", "Sent from the sorting centre."],
	["adopted_at_target_branch", "Przyjęta w Oddziale Docelowym.", "Adopted at the target branch."],
	["delay_in_delivery", "Możliwe opóźnienie doręczenia.", "Delivery may be delayed."],
	["out_for_delivery", "Przekazano do doręczenia.", "Out for delivery."],
	["out_for_delivery_to_address", "Wydana do doręczenia pod adres.", "Out for delivery to the address."],
	["ready_to_pickup", "Umieszczona w automacie Paczkomat (odbiorczym).", "Ready to pick up."],
	["ready_to_pickup_from_pok", "Gotowa do odbioru w PaczkoPunkcie.", "Ready to pick up at the pick-up point."],
	["delivered", "Dostarczona.", "Delivered."],
	["avizo", "Powrót do oddziału.", "Receiver absent: a notice was left."],
	["undelivered_wrong_address", "Brak możliwości doręczenia.", "Undeliverable: wrong address."],
	["undelivered_incomplete_address", "Niepełny adres.", "Undeliverable: incomplete address."],
	["undelivered_unknown_receiver", "Nieznany odbiorca.", "Undeliverable: unknown receiver."],
	["rejected_by_receiver", "Odmowa przyjęcia.", "Rejected by the receiver."],
	["returned_to_sender", "Zwrot do nadawcy.", "Returned to the sender."],
	["claimed", "Przyjęto zgłoszenie reklamacyjne.", "A claim was filed."],
	["cancelled", "Anulowano etykietę.", "Cancelled."],
].map(([name, title, description]) => ({
	name: name as string,
	title: title as string,
	description: description as string,
}));

/** The canonical order statuses, in the order an order normally moves through them. */
export const CANONICAL_STATUSES = [
	"New",
	"Design",
	"Production",
	"Ready to ship",
	"Shipped",
	"Delivered",
	"On hold",
	"Cancelled",
] as const;

export type CanonicalStatus = (typeof CANONICAL_STATUSES)[number];

/** The status every new order starts in. */
export const INITIAL_STATUS: CanonicalStatus = "New";

/** The canonical statuses followed by the owner's custom ones, without duplicates or blanks. */
export function statusChoices(customStatuses: readonly string[]): string[] {
	const choices: string[] = [...CANONICAL_STATUSES];
	for (const raw of customStatuses) {
		const status = raw.trim();
		if (status !== "" && !choices.some((known) => known.toLowerCase() === status.toLowerCase())) choices.push(status);
	}
	return choices;
}

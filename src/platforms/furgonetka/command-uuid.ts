/**
 * Furgonetka's asynchronous commands (ordering a pick-up, documents, cancelling) live at
 * `PUT /order-commands/{uuid}` with a uuid the client chooses: it is the command's idempotency key.
 * Deriving it from the package id (and an attempt number) makes the PUT safe to repeat after a
 * timeout and lets a later run find the same command again without keeping anything in the Store.
 *
 * No crypto is available below `gas/`, so the 122 bits come from four FNV-1a hashes with different
 * offsets; uniqueness across Furgonetka's users comes from the package id, which is unique already.
 */

function fnv1a(text: string, seed: number): number {
	let hash = (0x811c9dc5 ^ seed) >>> 0;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	// A final avalanche, so that near-identical inputs (attempt 1 and 2) differ in every nibble.
	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85ebca6b) >>> 0;
	hash ^= hash >>> 13;
	return hash >>> 0;
}

/** A version-4-shaped uuid (lower-case hex) determined by `name`. */
export function uuidFromName(name: string): string {
	const hex = [0x9e3779b9, 0x7f4a7c15, 0x94d049bb, 0x2545f491]
		.map((seed) => fnv1a(name, seed).toString(16).padStart(8, "0"))
		.join("");
	const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The uuid of Hubsheet's `attempt`-th pick-up order for one package (attempts count from 1). */
export function pickupCommandUuid(packageId: string, attempt: number): string {
	return uuidFromName(`hubsheet/furgonetka/order-command/${packageId}/${attempt}`);
}

/**
 * Whether a webhook signing secret is hard to guess. Anyone who knows it can sign events the
 * receiver trusts, so "aaaaaaaaaaaaaaaa" (16 characters, no entropy) must be refused even though it
 * is long enough. The estimate is the text's own character statistics (Shannon entropy per
 * character times its length): a random secret of 16 characters from letters and digits scores
 * about 80 bits, one repeated letter 0. The Settings dialog's Generate button makes 32 random
 * characters (about 190 bits).
 */

export const MIN_SECRET_LENGTH = 16;
/** Below this estimate a secret is refused (a 64-bit secret takes a very long time to guess). */
export const MIN_SECRET_BITS = 64;

/** Estimated bits of a secret from its character frequencies. */
export function estimatedBits(secret: string): number {
	const characters = [...secret];
	const counts = new Map<string, number>();
	for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
	let perCharacter = 0;
	for (const count of counts.values()) {
		const p = count / characters.length;
		perCharacter -= p * Math.log2(p);
	}
	return perCharacter * characters.length;
}

/** Why the secret is too weak, in the owner's words, or null when it will do. */
export function weakSecretReason(secret: string): string | null {
	if ([...secret].length < MIN_SECRET_LENGTH) {
		return `The webhook signing secret should be at least ${MIN_SECRET_LENGTH} characters long: press Generate in Hubsheet > Settings for a strong one.`;
	}
	if (estimatedBits(secret) < MIN_SECRET_BITS) {
		return "The webhook signing secret is too easy to guess (too many repeated characters): press Generate in Hubsheet > Settings for a strong one, and give the same secret to your receiver.";
	}
	return null;
}

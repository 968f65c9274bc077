/**
 * Keeping secrets out of messages, for every connector: text that comes from outside (error bodies,
 * transport messages, parser messages) may echo a token or a signing secret back, and a message is
 * captured by stack traces, logs and the Issues column the moment it is built, so it is cleaned
 * before it becomes part of one.
 */

export const REDACTED = "[redacted]";
const BEARER = /Bearer\s+[^\s"',;]+/gi;
const MAX_FOREIGN_TEXT = 300;

/**
 * Replaces every known secret (also percent-encoded, as it appears when a query or form is echoed),
 * any bearer credential, and anything matching a platform's token shape. Secrets shorter than six
 * characters are ignored, so that an empty or one-letter setting cannot blank out a whole message.
 */
export function redactSecrets(text: string, secrets: readonly string[], patterns: readonly RegExp[] = []): string {
	let safe = text;
	// Longest first: a secret that contains another must not be left half-replaced.
	const known = [...secrets].filter((secret) => secret.length >= 6).sort((a, b) => b.length - a.length);
	for (const secret of known) {
		for (const form of new Set([secret, encodeURIComponent(secret)])) safe = safe.split(form).join(REDACTED);
	}
	safe = safe.replace(BEARER, `Bearer ${REDACTED}`);
	for (const pattern of patterns) safe = safe.replace(globalised(pattern), REDACTED);
	return safe;
}

/** Foreign text made fit for a message: redacted, on one line, and short. */
export function foreignText(text: string, secrets: readonly string[], patterns: readonly RegExp[] = []): string {
	const oneLine = redactSecrets(text, secrets, patterns).replace(/\s+/g, " ").trim();
	return oneLine.length > MAX_FOREIGN_TEXT ? `${oneLine.slice(0, MAX_FOREIGN_TEXT)}…` : oneLine;
}

function globalised(pattern: RegExp): RegExp {
	return pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
}

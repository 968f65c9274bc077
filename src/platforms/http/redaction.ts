/**
 * Keeping secrets out of messages, for every connector: text that comes from outside (error bodies,
 * transport messages, parser messages) may echo a token, a password or a signing secret back, and a
 * message is captured by stack traces, logs, the Sync log and the Issues column the moment it is
 * built, so it is cleaned before it becomes part of one.
 *
 * A secret is echoed in whatever form it travelled in: raw, percent-encoded (a query string, or a
 * form body where a space is `+`), JSON-escaped (a JSON body quoted back, PHP's `\/` included),
 * or inside base64 (HTTP Basic authentication of `user:password`). Every one of those forms is
 * replaced, and any base64 run that decodes to text holding a secret is replaced whole.
 *
 * Short secrets (a 4-letter password) cannot be replaced wherever their letters occur without
 * blanking out ordinary words, and ignoring them (as Hubsheet once did) leaks them. So a short
 * secret is replaced where it stands alone (not inside a longer word), and a text in which it is
 * still found inside a word is withheld as a whole: the owner loses the platform's words, never
 * the secret.
 */
import { base64DecodeText } from "./base64.js";

export const REDACTED = "[redacted]";
/** What a text becomes when a short secret inside it cannot be cut out safely. */
export const WITHHELD = "[the platform's words are withheld: they may contain a password or token]";
const BEARER = /Bearer\s+[^\s"',;]+/gi;
const BASIC = /Basic\s+[A-Za-z0-9+/=_-]{4,}/gi;
/** Base64 (standard or URL-safe) runs long enough to hold a secret of a few characters. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{8,}={0,2}/g;
const MAX_FOREIGN_TEXT = 300;
/** Secrets at least this long are replaced wherever they occur. */
const LONG_SECRET = 6;

/** Every form in which `secret` may come back on the wire, longest first. */
export function secretForms(secret: string): string[] {
	const percent = encodeURIComponent(secret);
	const forms = new Set<string>([
		secret,
		percent,
		formEncode(secret),
		percent.replace(/%20/g, "+"),
		jsonEscape(secret),
		jsonEscape(secret).replace(/\//g, "\\/"),
		asciiJsonEscape(secret),
		asciiJsonEscape(secret).replace(/\//g, "\\/"),
		jsonEscape(jsonEscape(secret)),
	]);
	return [...forms].filter((form) => form !== "").sort((a, b) => b.length - a.length);
}

/**
 * Replaces every known secret in every wire form, any bearer or Basic credential, any base64 run
 * that decodes to a secret, and anything matching a platform's token shape.
 */
export function redactSecrets(text: string, secrets: readonly string[], patterns: readonly RegExp[] = []): string {
	const known = [...new Set(secrets.filter((secret) => secret !== ""))].sort((a, b) => b.length - a.length);
	let safe = text.replace(BEARER, `Bearer ${REDACTED}`).replace(BASIC, `Basic ${REDACTED}`);
	safe = safe.replace(BASE64_RUN, (run) => (decodesToSecret(run, known) ? REDACTED : run));
	for (const secret of known) {
		for (const form of secretForms(secret)) {
			safe = safe.replace(formPattern(form, secret.length < LONG_SECRET), REDACTED);
		}
	}
	for (const pattern of patterns) safe = safe.replace(globalised(pattern), REDACTED);
	// A short secret still inside a word could not be cut out without cutting the word: withhold it all.
	const left = known.some((secret) => secretForms(secret).some((form) => formPattern(form, false).test(safe)));
	return left ? WITHHELD : safe;
}

/** Foreign text made fit for a message: redacted, on one line, and short. */
export function foreignText(text: string, secrets: readonly string[], patterns: readonly RegExp[] = []): string {
	const oneLine = redactSecrets(text, secrets, patterns).replace(/\s+/g, " ").trim();
	return oneLine.length > MAX_FOREIGN_TEXT ? `${oneLine.slice(0, MAX_FOREIGN_TEXT)}…` : oneLine;
}

/**
 * What an error body that is not the platform's error shape may show: the explanation fields of a
 * JSON body (`message`, `error`, `error_description`, `detail`, `title`), a plain-text answer, or
 * only a description of a web page (a proxy's or a login page: its markup is no explanation and may
 * echo anything). Not yet redacted: callers pass it to `foreignText`.
 */
export function unknownBodyText(body: string): string {
	const text = body.trim();
	if (text === "") return "";
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		if (/^</.test(text) || /<\/?(html|body|head|script|div|p|h1)\b/i.test(text)) {
			return `an HTML page (${text.length} characters) instead of an API answer`;
		}
		return text;
	}
	const said = explanationFields(parsed, 0);
	if (said.length > 0) return said.slice(0, 4).join("; ");
	return `an answer in an unexpected format (${text.length} characters)`;
}

const EXPLANATION_KEYS = ["error", "error_description", "message", "detail", "title", "description", "reason"];

function explanationFields(value: unknown, depth: number): string[] {
	if (depth > 3 || value === null || typeof value !== "object") return [];
	if (Array.isArray(value)) return value.flatMap((item) => explanationFields(item, depth + 1));
	const record = value as Record<string, unknown>;
	const own = EXPLANATION_KEYS.map((key) => record[key]).filter(
		(part): part is string => typeof part === "string" && part.trim() !== "",
	);
	const nested = Object.values(record).flatMap((item) =>
		typeof item === "object" ? explanationFields(item, depth + 1) : [],
	);
	return [...own, ...nested];
}

/** `application/x-www-form-urlencoded` as browsers and URLSearchParams write it. */
function formEncode(text: string): string {
	return encodeURIComponent(text)
		.replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
		.replace(/%20/g, "+");
}

function jsonEscape(text: string): string {
	return JSON.stringify(text).slice(1, -1);
}

/** JSON with every non-ASCII character as `\uXXXX` (PHP's json_encode does this by default). */
function asciiJsonEscape(text: string): string {
	return jsonEscape(text).replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A form as a pattern: percent escapes and `\u` escapes in either case; short secrets only standing alone. */
function formPattern(form: string, standAlone: boolean): RegExp {
	const escaped = form
		.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
		.replace(/%([0-9A-F])([0-9A-F])/g, (_, a: string, b: string) => `%${caseless(a)}${caseless(b)}`);
	const source = standAlone ? `(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])` : escaped;
	return new RegExp(source, "g");
}

function caseless(hexDigit: string): string {
	return /[A-F]/.test(hexDigit) ? `[${hexDigit}${hexDigit.toLowerCase()}]` : hexDigit;
}

function decodesToSecret(run: string, secrets: readonly string[]): boolean {
	if (secrets.length === 0) return false;
	const decoded = base64DecodeText(run);
	if (decoded === null) return false;
	return secrets.some((secret) => decoded.includes(secret));
}

function globalised(pattern: RegExp): RegExp {
	return pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
}

/**
 * Base64 of a text's UTF-8 bytes, for HTTP Basic authentication. Apps Script's V8 has neither
 * Buffer nor btoa in the bundle's reach (Utilities is an Apps Script global, off limits below
 * `gas/`), so the encoder is written out here. Shared by every connector that sends Basic auth.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** The UTF-8 bytes of `text`; lone surrogates become U+FFFD, as TextEncoder does. */
export function utf8Bytes(text: string): number[] {
	const bytes: number[] = [];
	for (let i = 0; i < text.length; i++) {
		let code = text.charCodeAt(i);
		if (code >= 0xd800 && code <= 0xdbff) {
			const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
			if (next >= 0xdc00 && next <= 0xdfff) {
				code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
				i++;
			} else code = 0xfffd;
		} else if (code >= 0xdc00 && code <= 0xdfff) code = 0xfffd;
		if (code < 0x80) bytes.push(code);
		else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
		else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
		else
			bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
	}
	return bytes;
}

/** Standard base64 (RFC 4648 section 4) with `=` padding. */
export function base64Encode(text: string): string {
	const bytes = utf8Bytes(text);
	let out = "";
	for (let i = 0; i < bytes.length; i += 3) {
		const a = bytes[i] as number;
		const b = bytes[i + 1];
		const c = bytes[i + 2];
		const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
		out += ALPHABET[(triple >> 18) & 63];
		out += ALPHABET[(triple >> 12) & 63];
		out += b === undefined ? "=" : ALPHABET[(triple >> 6) & 63];
		out += c === undefined ? "=" : ALPHABET[triple & 63];
	}
	return out;
}

/** `Basic <base64(user:password)>` (RFC 7617); OAuth clients send their id and secret this way. */
export function basicAuthorization(user: string, password: string): string {
	return `Basic ${base64Encode(`${user}:${password}`)}`;
}

const DECODE: Record<string, number> = Object.fromEntries(
	[...`${ALPHABET}-_`].map((char, index) => [char, index < 64 ? index : index === 64 ? 62 : 63]),
);

/**
 * The text a base64 (standard or URL-safe, padded or not) string encodes, its bytes read as UTF-8
 * (invalid sequences become U+FFFD); null when the string is not base64. Used to recognise a secret
 * hidden in an echoed `Authorization: Basic` value.
 */
export function base64DecodeText(encoded: string): string | null {
	const body = encoded.replace(/=+$/, "");
	if (body.length % 4 === 1) return null;
	const bytes: number[] = [];
	let buffer = 0;
	let bits = 0;
	for (const char of body) {
		const value = DECODE[char];
		if (value === undefined) return null;
		buffer = ((buffer << 6) | value) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			bytes.push((buffer >> bits) & 0xff);
		}
	}
	return utf8Text(bytes);
}

function utf8Text(bytes: readonly number[]): string {
	let out = "";
	for (let i = 0; i < bytes.length; ) {
		const a = bytes[i] as number;
		const need = a < 0x80 ? 0 : a >= 0xf0 && a < 0xf8 ? 3 : a >= 0xe0 ? 2 : a >= 0xc0 ? 1 : -1;
		const tail = bytes.slice(i + 1, i + 1 + Math.max(need, 0));
		if (need < 0 || tail.length < need || tail.some((byte) => (byte & 0xc0) !== 0x80)) {
			out += "\ufffd";
			i++;
			continue;
		}
		let code = need === 0 ? a : a & (0x3f >> need);
		for (const byte of tail) code = (code << 6) | (byte & 0x3f);
		out += code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? "\ufffd" : String.fromCodePoint(code);
		i += need + 1;
	}
	return out;
}

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

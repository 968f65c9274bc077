/**
 * Utilities: digests and signatures (signed Java bytes), base64, Java SimpleDateFormat dates,
 * sprintf-style strings, blobs, CSV and a sleep that only moves the virtual clock.
 */
import { createHash, createHmac, randomUUID, sign } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { blobBytesOf, encodeString, LocalBlob, toBytes, toSignedBytes } from "./blob.js";
import type { ExecutionHost } from "./host.js";

/** Apps Script's documented maximum for Utilities.sleep. */
const MAX_SLEEP_MS = 300_000;

const enumOf = <K extends string>(...names: K[]) => Object.fromEntries(names.map((n) => [n, n])) as { [P in K]: P };
const Charset = enumOf("US_ASCII", "UTF_8");
const DigestAlgorithm = enumOf("MD2", "MD5", "SHA_1", "SHA_256", "SHA_384", "SHA_512");
const MacAlgorithm = enumOf("HMAC_MD5", "HMAC_SHA_1", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512");
const RsaAlgorithm = enumOf("RSA_SHA_1", "RSA_SHA_256");

/** Node's names; MD2 is in Google's enum but not in OpenSSL 3, so it is left out. */
const NODE_HASH: Record<string, string> = {
	MD5: "md5",
	SHA_1: "sha1",
	SHA_256: "sha256",
	SHA_384: "sha384",
	SHA_512: "sha512",
};

type Bytes = number[] | string;

export function createUtilities(host: ExecutionHost): GoogleAppsScript.Utilities.Utilities {
	const touch = (method: string) => host.touch("Utilities", method);
	const bytesOut = (bytes: Uint8Array) => host.realm.adopt(toSignedBytes(bytes));
	const bytesIn = (value: Bytes, charset?: unknown) =>
		typeof value === "string" ? encodeString(value, charset) : toBytes(value);
	const hashName = (algorithm: unknown, prefix = "") => {
		const name = NODE_HASH[String(algorithm).slice(prefix.length)];
		if (!String(algorithm).startsWith(prefix) || !name) throw host.realm.exception("Invalid argument: algorithm");
		return name;
	};
	const hmac = (algorithm: string, value: Bytes, key: Bytes, charset?: unknown) =>
		bytesOut(createHmac(algorithm, bytesIn(key, charset)).update(bytesIn(value, charset)).digest());
	const rsa = (algorithm: string, value: string, key: string, charset?: unknown) => {
		try {
			return bytesOut(sign(algorithm, bytesIn(value, charset), key));
		} catch {
			throw host.realm.exception("Invalid argument: key");
		}
	};
	const base64Decode = (encoded: string, webSafe: boolean) => {
		const text = String(encoded).replace(/\s/g, "");
		// UNCONFIRMED text; Node's decoder would silently skip the foreign characters.
		if (!(webSafe ? /^[A-Za-z0-9_-]*=*$/ : /^[A-Za-z0-9+/]*=*$/).test(text)) {
			throw host.realm.exception("Could not decode string.");
		}
		return bytesOut(Buffer.from(text, webSafe ? "base64url" : "base64"));
	};
	const blobIn = (source: unknown) => {
		const bytes = blobBytesOf(source);
		if (!bytes) throw host.realm.exception("Invalid argument: blob");
		return { bytes, name: source instanceof LocalBlob ? source.name : null };
	};

	const utilities = {
		Charset,
		DigestAlgorithm,
		MacAlgorithm,
		RsaAlgorithm,
		computeDigest(algorithm: string, value: Bytes, charset?: string) {
			touch("computeDigest");
			return bytesOut(createHash(hashName(algorithm)).update(bytesIn(value, charset)).digest());
		},
		computeHmacSha256Signature(value: Bytes, key: Bytes, charset?: string) {
			touch("computeHmacSha256Signature");
			return hmac("sha256", value, key, charset);
		},
		computeHmacSignature(algorithm: string, value: Bytes, key: Bytes, charset?: string) {
			touch("computeHmacSignature");
			return hmac(hashName(algorithm, "HMAC_"), value, key, charset);
		},
		computeRsaSha256Signature(value: string, key: string, charset?: string) {
			touch("computeRsaSha256Signature");
			return rsa("sha256", value, key, charset);
		},
		computeRsaSha1Signature(value: string, key: string, charset?: string) {
			touch("computeRsaSha1Signature");
			return rsa("sha1", value, key, charset);
		},
		computeRsaSignature(algorithm: string, value: string, key: string, charset?: string) {
			touch("computeRsaSignature");
			return rsa(hashName(algorithm, "RSA_"), value, key, charset);
		},
		base64Encode(data: Bytes, charset?: string) {
			touch("base64Encode");
			return Buffer.from(bytesIn(data, charset)).toString("base64");
		},
		/** Google keeps the `=` padding in the web-safe alphabet. */
		base64EncodeWebSafe(data: Bytes, charset?: string) {
			touch("base64EncodeWebSafe");
			return Buffer.from(bytesIn(data, charset)).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
		},
		base64Decode(encoded: string) {
			touch("base64Decode");
			return base64Decode(encoded, false);
		},
		base64DecodeWebSafe(encoded: string) {
			touch("base64DecodeWebSafe");
			return base64Decode(encoded, true);
		},
		getUuid() {
			touch("getUuid");
			return randomUUID();
		},
		formatDate(date: Date, timeZone: string, format: string) {
			touch("formatDate");
			if (typeof (date as { getTime?: unknown })?.getTime !== "function")
				throw host.realm.exception("Invalid argument: date");
			return formatJavaDate(date.getTime(), String(timeZone), String(format), (c) =>
				host.realm.exception(`Illegal pattern character '${c}'`),
			);
		},
		formatString(template: string, ...args: unknown[]) {
			touch("formatString");
			return formatString(String(template), args);
		},
		newBlob(data: Bytes, contentType?: string, name?: string) {
			touch("newBlob");
			// UNCONFIRMED: a blob made from a string reports text/plain, one from bytes no type.
			const type = contentType ?? (typeof data === "string" ? "text/plain" : null);
			return new LocalBlob(host, bytesIn(data), type, name ?? null);
		},
		gzip(blob: GoogleAppsScript.Base.BlobSource, name?: string) {
			touch("gzip");
			const source = blobIn(blob);
			return new LocalBlob(
				host,
				gzipSync(source.bytes),
				"application/x-gzip",
				name ?? `${source.name ?? "archive"}.gz`,
			);
		},
		ungzip(blob: GoogleAppsScript.Base.BlobSource) {
			touch("ungzip");
			const source = blobIn(blob);
			try {
				return new LocalBlob(host, gunzipSync(source.bytes), null, source.name?.replace(/\.gz$/, "") ?? null);
			} catch {
				throw host.realm.exception("Invalid argument: blob");
			}
		},
		sleep(milliseconds: number) {
			touch("sleep");
			const ms = Number(milliseconds);
			// UNCONFIRMED text for the documented maximum.
			if (!(ms <= MAX_SLEEP_MS)) throw host.realm.exception("Invalid argument: milliseconds");
			host.advance(Math.max(0, ms));
		},
		parseCsv(csv: string, delimiter = ",") {
			touch("parseCsv");
			return host.realm.adopt(parseCsv(String(csv), String(delimiter)));
		},
	};
	return utilities as unknown as GoogleAppsScript.Utilities.Utilities;
}

const MONTHS = [
	"January",
	"February",
	"March",
	"April",
	"May",
	"June",
	"July",
	"August",
	"September",
	"October",
	"November",
	"December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

interface ZonedTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
	weekday: number;
	offsetMinutes: number;
	zoneName: string;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();
function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
	if (!formatters.has(timeZone)) {
		try {
			const options = { timeZone, hourCycle: "h23", timeZoneName: "short" } as const;
			const numeric = {
				year: "numeric",
				month: "numeric",
				day: "numeric",
				hour: "numeric",
				minute: "numeric",
			} as const;
			formatters.set(timeZone, new Intl.DateTimeFormat("en-US", { ...options, ...numeric, second: "numeric" }));
		} catch {
			formatters.set(timeZone, null);
		}
	}
	return formatters.get(timeZone) ?? null;
}

/** The wall-clock fields of `ms` in `timeZone`; Java falls back to GMT for an unknown zone id (UNCONFIRMED for Google). */
export function zonedTime(ms: number, timeZone: string): ZonedTime {
	const fixed = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(timeZone);
	const formatter = fixed ? null : formatterFor(timeZone);
	if (!formatter) {
		const sign = fixed?.[1] === "-" ? -1 : 1;
		const offset = fixed ? sign * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) : 0;
		const shifted = new Date(ms + offset * 60_000);
		return {
			year: shifted.getUTCFullYear(),
			month: shifted.getUTCMonth() + 1,
			day: shifted.getUTCDate(),
			hour: shifted.getUTCHours(),
			minute: shifted.getUTCMinutes(),
			second: shifted.getUTCSeconds(),
			millisecond: shifted.getUTCMilliseconds(),
			weekday: shifted.getUTCDay(),
			offsetMinutes: offset,
			zoneName: fixed ? `GMT${formatOffset(offset, true)}` : "GMT",
		};
	}
	const parts: Record<string, string> = {};
	for (const part of formatter.formatToParts(ms)) parts[part.type] = part.value;
	const field = (name: string) => Number(parts[name]);
	const millisecond = ((ms % 1000) + 1000) % 1000;
	const wall = Date.UTC(
		field("year"),
		field("month") - 1,
		field("day"),
		field("hour"),
		field("minute"),
		field("second"),
	);
	return {
		year: field("year"),
		month: field("month"),
		day: field("day"),
		hour: field("hour"),
		minute: field("minute"),
		second: field("second"),
		millisecond,
		weekday: new Date(wall).getUTCDay(),
		offsetMinutes: Math.round((wall - (ms - millisecond)) / 60_000),
		zoneName: parts.timeZoneName ?? timeZone,
	};
}

function formatOffset(minutes: number, colon: boolean): string {
	const abs = Math.abs(minutes);
	const hh = String(Math.floor(abs / 60)).padStart(2, "0");
	const mm = String(abs % 60).padStart(2, "0");
	return `${minutes < 0 ? "-" : "+"}${hh}${colon ? ":" : ""}${mm}`;
}

/** Java SimpleDateFormat, English names, for the pattern letters scripts use. */
export function formatJavaDate(ms: number, timeZone: string, pattern: string, illegal: (c: string) => Error): string {
	const t = zonedTime(ms, timeZone);
	const pad = (n: number, width: number) => String(n).padStart(width, "0");
	let out = "";
	for (let i = 0; i < pattern.length; ) {
		const c = pattern.charAt(i);
		if (c === "'") {
			const end = pattern.indexOf("'", i + 1);
			const literal = pattern.slice(i + 1, end < 0 ? pattern.length : end);
			out += literal === "" ? "'" : literal;
			i = end < 0 ? pattern.length : end + 1;
			// A quote doubled inside a literal ('o''clock') continues it with a quote.
			if (literal !== "" && pattern.charAt(i) === "'") out += "'";
			continue;
		}
		if (!/[a-zA-Z]/.test(c)) {
			out += c;
			i++;
			continue;
		}
		let n = 1;
		while (pattern.charAt(i + n) === c) n++;
		i += n;
		switch (c) {
			case "G":
				out += t.year > 0 ? "AD" : "BC";
				break;
			case "y":
			case "Y":
				out += n === 2 ? pad(t.year % 100, 2) : pad(t.year, n);
				break;
			case "M":
			case "L":
				out += n >= 4 ? MONTHS[t.month - 1] : n === 3 ? MONTHS[t.month - 1]?.slice(0, 3) : pad(t.month, n);
				break;
			case "d":
				out += pad(t.day, n);
				break;
			case "D":
				out += pad(Math.round((Date.UTC(t.year, t.month - 1, t.day) - Date.UTC(t.year, 0, 1)) / 86_400_000) + 1, n);
				break;
			case "E":
				out += n >= 4 ? DAYS[t.weekday] : DAYS[t.weekday]?.slice(0, 3);
				break;
			case "u":
				out += pad(t.weekday === 0 ? 7 : t.weekday, n);
				break;
			case "a":
				out += t.hour < 12 ? "AM" : "PM";
				break;
			case "H":
				out += pad(t.hour, n);
				break;
			case "k":
				out += pad(t.hour === 0 ? 24 : t.hour, n);
				break;
			case "K":
				out += pad(t.hour % 12, n);
				break;
			case "h":
				out += pad(t.hour % 12 || 12, n);
				break;
			case "m":
				out += pad(t.minute, n);
				break;
			case "s":
				out += pad(t.second, n);
				break;
			case "S":
				out += pad(t.millisecond, n);
				break;
			case "z":
				// Intl's short names ("GMT+1") can differ from Java's ("CET").
				out += t.zoneName;
				break;
			case "Z":
				out += formatOffset(t.offsetMinutes, false);
				break;
			case "X":
				out +=
					t.offsetMinutes === 0
						? "Z"
						: n === 1
							? formatOffset(t.offsetMinutes, false).slice(0, 3)
							: formatOffset(t.offsetMinutes, n >= 3);
				break;
			default:
				throw illegal(c);
		}
	}
	return out;
}

/** printf-style: %s %d %i %f %e %x %o %%, with flags `-`, `0`, `+`, width and precision. */
export function formatString(template: string, args: unknown[]): string {
	let next = 0;
	return template.replace(
		/%([-+0 ]*)(\d+)?(?:\.(\d+))?([sdifeExXo%])/g,
		(match, flags: string, width, precision, kind) => {
			if (kind === "%") return "%";
			if (next >= args.length) return match;
			const arg = args[next++];
			const p = precision === undefined ? undefined : Number(precision);
			let text: string;
			switch (kind) {
				case "d":
				case "i":
					text = String(Math.trunc(Number(arg)));
					break;
				case "f":
					text = Number(arg).toFixed(p ?? 6);
					break;
				case "e":
				case "E":
					text = Number(arg).toExponential(p ?? 6);
					if (kind === "E") text = text.toUpperCase();
					break;
				case "x":
				case "X":
					text = Math.trunc(Number(arg)).toString(16);
					if (kind === "X") text = text.toUpperCase();
					break;
				case "o":
					text = Math.trunc(Number(arg)).toString(8);
					break;
				default:
					text = String(arg);
					if (p !== undefined) text = text.slice(0, p);
			}
			if (flags.includes("+") && kind !== "s" && !text.startsWith("-")) text = `+${text}`;
			const w = width === undefined ? 0 : Number(width);
			if (flags.includes("-")) return text.padEnd(w);
			if (flags.includes("0") && kind !== "s") {
				const sign = /^[+-]/.test(text) ? text.charAt(0) : "";
				return sign + text.slice(sign.length).padStart(w - sign.length, "0");
			}
			return text.padStart(w);
		},
	);
}

/** RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks; no empty last row. */
export function parseCsv(csv: string, delimiter: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = "";
	let quoted = false;
	for (let i = 0; i < csv.length; i++) {
		const c = csv.charAt(i);
		if (quoted) {
			if (c === '"' && csv.charAt(i + 1) === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === delimiter) {
			row.push(field);
			field = "";
		} else if (c === "\n" || c === "\r") {
			if (c === "\r" && csv.charAt(i + 1) === "\n") i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = "";
		} else field += c;
	}
	if (field !== "" || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

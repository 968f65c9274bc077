/**
 * The Blob shared by UrlFetchApp, Utilities, DriveApp and HtmlService, plus the byte and charset
 * conversions they all need. Apps Script hands bytes to scripts as Java `byte[]`: arrays of signed
 * numbers (-128..127), so every byte array that crosses into the script goes through `toSignedBytes`.
 */
import type { ExecutionHost } from "./host.js";
import { emulatesClass } from "./not-emulated.js";

export function toSignedBytes(bytes: Uint8Array): number[] {
	return Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
}

/** Accepts a script byte array (signed or not), a typed array or a Buffer. */
export function toBytes(value: ArrayLike<number> | ArrayBufferView): Uint8Array {
	if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
	return Uint8Array.from(Array.from(value, (n) => Number(n) & 0xff));
}

/** Accepts Java names (`UTF-8`), Apps Script enum names (`UTF_8`) and common aliases. */
function normalizeCharset(charset: unknown): string {
	const name = String(charset ?? "UTF-8")
		.trim()
		.toUpperCase()
		.replace(/_/g, "-");
	if (name === "UTF8") return "UTF-8";
	if (name === "ASCII") return "US-ASCII";
	if (name === "LATIN1") return "ISO-8859-1";
	return name;
}

export function encodeString(text: string, charset?: unknown): Uint8Array {
	const name = normalizeCharset(charset);
	if (name === "UTF-8") return new TextEncoder().encode(text);
	// Java replaces characters the charset cannot represent with '?'.
	const max = name === "US-ASCII" ? 0x7f : name === "ISO-8859-1" ? 0xff : -1;
	if (max < 0) throw new Error(`Unsupported charset: ${String(charset)}`);
	return Uint8Array.from(Array.from(text, (c) => ((c.codePointAt(0) ?? 0) > max ? 0x3f : (c.codePointAt(0) ?? 0))));
}

export function decodeBytes(bytes: Uint8Array, charset?: unknown): string {
	return new TextDecoder(normalizeCharset(charset)).decode(bytes);
}

/** The bytes of anything Apps Script accepts where a BlobSource is expected, without counting a call. */
export function blobBytesOf(value: unknown): Uint8Array | undefined {
	if (value instanceof LocalBlob) return value.bytes;
	if (isBlobSource(value)) return toBytes(value.getBlob().getBytes());
	return undefined;
}

export function isBlobSource(value: unknown): value is GoogleAppsScript.Base.BlobSource {
	return typeof value === "object" && value !== null && typeof (value as { getBlob?: unknown }).getBlob === "function";
}

export class LocalBlob implements GoogleAppsScript.Base.Blob {
	readonly #host: ExecutionHost;
	#bytes: Uint8Array;
	#contentType: string | null;
	#name: string | null;

	constructor(host: ExecutionHost, bytes: Uint8Array, contentType: string | null = null, name: string | null = null) {
		this.#host = host;
		this.#bytes = bytes;
		this.#contentType = contentType;
		this.#name = name;
	}

	/** Uncounted access for the other emulated services. */
	get bytes(): Uint8Array {
		return this.#bytes;
	}
	get contentType(): string | null {
		return this.#contentType;
	}
	get name(): string | null {
		return this.#name;
	}

	#touch(method: string): void {
		this.#host.touch("Blob", method);
	}

	copyBlob(): LocalBlob {
		this.#touch("copyBlob");
		return new LocalBlob(this.#host, this.#bytes.slice(), this.#contentType, this.#name);
	}
	getAs(contentType: string): LocalBlob {
		this.#touch("getAs");
		// Only the identity conversion is emulated; Google converts e.g. HTML to PDF server-side.
		if (contentType !== this.#contentType) {
			throw this.#host.realm.exception(`Converting from ${this.#contentType} to ${contentType} is not supported.`);
		}
		return new LocalBlob(this.#host, this.#bytes.slice(), this.#contentType, this.#name);
	}
	/** Deprecated in Apps Script; kept because the type definitions require it. */
	getAllBlobs(): LocalBlob[] {
		this.#touch("getAllBlobs");
		return this.#host.realm.adopt([] as LocalBlob[]).concat(this);
	}
	getBlob(): LocalBlob {
		this.#touch("getBlob");
		return this;
	}
	getBytes(): number[] {
		this.#touch("getBytes");
		return this.#host.realm.adopt(toSignedBytes(this.#bytes));
	}
	getContentType(): string | null {
		this.#touch("getContentType");
		return this.#contentType;
	}
	getDataAsString(charset?: string): string {
		this.#touch("getDataAsString");
		return decodeBytes(this.#bytes, charset);
	}
	getName(): string | null {
		this.#touch("getName");
		return this.#name;
	}
	isGoogleType(): boolean {
		this.#touch("isGoogleType");
		return false;
	}
	setBytes(data: number[]): LocalBlob {
		this.#touch("setBytes");
		this.#bytes = toBytes(data);
		return this;
	}
	setContentType(contentType: string | null): LocalBlob {
		this.#touch("setContentType");
		this.#contentType = contentType;
		return this;
	}
	setContentTypeFromExtension(): LocalBlob {
		this.#touch("setContentTypeFromExtension");
		const extension = /\.([^.]+)$/.exec(this.#name ?? "")?.[1]?.toLowerCase() ?? "";
		this.#contentType = MIME_BY_EXTENSION[extension] ?? this.#contentType;
		return this;
	}
	setDataFromString(text: string, charset?: string): LocalBlob {
		this.#touch("setDataFromString");
		this.#bytes = encodeString(String(text), charset);
		return this;
	}
	setName(name: string): LocalBlob {
		this.#touch("setName");
		this.#name = name;
		return this;
	}
}

const MIME_BY_EXTENSION: Record<string, string> = {
	txt: "text/plain",
	html: "text/html",
	csv: "text/csv",
	json: "application/json",
	pdf: "application/pdf",
	png: "image/png",
	jpg: "image/jpeg",
	jpeg: "image/jpeg",
	gif: "image/gif",
	zip: "application/zip",
};

emulatesClass(LocalBlob, "Blob");

/** The engine's ports on Apps Script services. */
import type { Clock, Crypto, Drive, DriveItem, Http, HttpRequest, HttpResponse, ListingStore, Log } from "../ports.js";
import { splitStore } from "../sheet/engine-store.js";
import { engineSheetStore } from "./engine-sheet.js";

function toFetchParams(request: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequestOptions {
	const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
		method: request.method,
		headers: request.headers ?? {},
		// The engine reads every status itself; an exception would lose the platform's error body.
		muteHttpExceptions: true,
		// A redirect would carry the credentials to wherever it points: it is reported, never followed
		// (src/platforms/http/redirects.ts).
		followRedirects: false,
	};
	if (request.body !== undefined) params.payload = request.body;
	if (request.contentType !== undefined) params.contentType = request.contentType;
	return params;
}

function toResponse(response: GoogleAppsScript.URL_Fetch.HTTPResponse, binary?: boolean): HttpResponse {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(response.getHeaders() as Record<string, unknown>)) {
		headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
	}
	const answer: HttpResponse = { status: response.getResponseCode(), headers, body: response.getContentText("UTF-8") };
	// getContent() is the raw bytes (signed, as Java hands them); a typed array keeps each byte mod 256.
	if (binary) answer.bytes = Uint8Array.from(response.getContent());
	return answer;
}

export const appsScriptHttp: Http = {
	fetch: (request) => toResponse(UrlFetchApp.fetch(request.url, toFetchParams(request)), request.binary),
	fetchAll: (requests) =>
		UrlFetchApp.fetchAll(requests.map((request) => ({ url: request.url, ...toFetchParams(request) }))).map(
			(response, index) => toResponse(response, requests[index]?.binary),
		),
};

const item = (found: { getId(): string; getUrl(): string }): DriveItem => ({ id: found.getId(), url: found.getUrl() });

function firstOf<T extends { getId(): string; getUrl(): string }>(iterator: {
	hasNext(): boolean;
	next(): T;
}): DriveItem | null {
	return iterator.hasNext() ? item(iterator.next()) : null;
}

function folderOf(parentId: string | null): GoogleAppsScript.Drive.Folder {
	return parentId === null ? DriveApp.getRootFolder() : DriveApp.getFolderById(parentId);
}

export const appsScriptDrive: Drive = {
	folder(id) {
		try {
			const folder = DriveApp.getFolderById(id);
			return folder.isTrashed() ? null : item(folder);
		} catch {
			// Deleted for good, or never visible to this script: as good as gone.
			return null;
		}
	},
	folderNamed: (parentId, name) => firstOf(folderOf(parentId).getFoldersByName(name)),
	createFolder: (parentId, name) => item(folderOf(parentId).createFolder(name)),
	fileNamed: (folderId, name) => firstOf(DriveApp.getFolderById(folderId).getFilesByName(name)),
	createFile: (folderId, file) =>
		item(
			DriveApp.getFolderById(folderId).createFile(
				Utilities.newBlob(
					Array.from(file.bytes, (byte) => (byte > 127 ? byte - 256 : byte)),
					file.mimeType,
					file.name,
				),
			),
		),
};

/**
 * Script properties as the engine's Store. All of them are read with one call the first time any is
 * asked for, and kept for the rest of the execution (a sync asks for dozens: tokens, cursors, notes
 * of recent creations); writes go through at once. Only this execution writes the keys it reads
 * this way while it holds the script lock, so the copy cannot go stale under it. Every use of
 * PropertiesService goes through here.
 */
let propertiesRead: Record<string, string> | null = null;

export function scriptStore(): ListingStore {
	const properties = PropertiesService.getScriptProperties();
	const all = () => {
		propertiesRead ??= { ...properties.getProperties() };
		return propertiesRead;
	};
	return {
		all: () => ({ ...all() }),
		setAll: (values) => {
			properties.setProperties(values);
			if (propertiesRead) Object.assign(propertiesRead, values);
		},
		get: (key) => all()[key] ?? null,
		set: (key, value) => {
			properties.setProperty(key, value);
			if (propertiesRead) propertiesRead[key] = value;
		},
		delete: (key) => {
			// Already read and not there: nothing to delete (a write costs as much as a read and more).
			if (propertiesRead && !(key in propertiesRead)) return;
			properties.deleteProperty(key);
			if (propertiesRead) delete propertiesRead[key];
		},
	};
}

/**
 * The engine's store: bookkeeping shared with the runner in the spreadsheet (sheet/engine-store.ts),
 * secrets and Apps Script's own keys in script properties.
 */
export function engineStore(): ListingStore {
	const own = scriptStore();
	const split = splitStore(engineSheetStore(), own);
	return {
		...split,
		// Script properties and the shared keys together (the shared ones win).
		all: () => ({ ...own.all(), ...Object.fromEntries(engineSheetStore().entries()) }),
		setAll: (values) => {
			for (const [key, value] of Object.entries(values)) split.set(key, value);
		},
	};
}

export const appsScriptClock: Clock = {
	now: () => new Date(),
	sleep: (ms) => Utilities.sleep(ms),
};

export const appsScriptLog: Log = {
	info: (message) => console.info(message),
	warn: (message) => console.warn(message),
	error: (message) => console.error(message),
};

const URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

export const appsScriptCrypto: Crypto = {
	sha256Base64Url(text) {
		const digest = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8);
		return Utilities.base64EncodeWebSafe(digest).replace(/=+$/, "");
	},
	hmacSha256Hex(message, key) {
		const signature = Utilities.computeHmacSha256Signature(message, key, Utilities.Charset.UTF_8);
		return signature.map((byte) => ((byte + 256) % 256).toString(16).padStart(2, "0")).join("");
	},
	randomToken(length) {
		// Utilities.getUuid is backed by a cryptographic generator; 122 random bits per uuid.
		let entropy = "";
		while (entropy.length < length * 2) entropy += Utilities.getUuid().replace(/-/g, "");
		let token = "";
		for (let index = 0; index < length; index++) {
			const byte = Number.parseInt(entropy.slice(index * 2, index * 2 + 2), 16);
			token += URL_SAFE[byte % URL_SAFE.length];
		}
		return token;
	},
};

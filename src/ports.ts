/**
 * The few interfaces the engine needs from its surroundings. `src/gas/` implements them with Apps
 * Script services; unit tests implement them with plain objects. Nothing outside `src/gas/` may
 * touch an Apps Script global.
 */

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface HttpRequest {
	url: string;
	method: HttpMethod;
	headers?: Record<string, string>;
	/** A body already serialised (JSON text or form-encoded). */
	body?: string;
	contentType?: string;
	/** The answer is a file (a label PDF): its bytes come back untouched in `bytes`. */
	binary?: boolean;
}

export interface HttpResponse {
	status: number;
	/** Header names in lower case. */
	headers: Record<string, string>;
	/** The answer as UTF-8 text (for a binary request too, so an error's JSON can be read). */
	body: string;
	/** The answer's bytes, when the request asked for `binary`: text decoding would mangle a PDF. */
	bytes?: Uint8Array;
}

/**
 * HTTP that never throws for an HTTP status (the caller reads it); it throws only when no answer
 * came (timeout, DNS, connection refused), with the transport's message.
 */
export interface Http {
	fetch(request: HttpRequest): HttpResponse;
	/** Independent requests, sent in parallel where the platform allows; answers in request order. */
	fetchAll(requests: HttpRequest[]): HttpResponse[];
}

/** A Drive folder or file as the engine knows it: the id to find it again, the link to open it. */
export interface DriveItem {
	id: string;
	url: string;
}

/**
 * The owner's Drive (DriveApp), only what Hubsheet made (scope drive.file). `parentId` null means
 * the root of My Drive. Look-ups answer null for an item that is gone or in the trash.
 */
export interface Drive {
	folder(id: string): DriveItem | null;
	folderNamed(parentId: string | null, name: string): DriveItem | null;
	createFolder(parentId: string | null, name: string): DriveItem;
	fileNamed(folderId: string, name: string): DriveItem | null;
	createFile(folderId: string, file: { name: string; mimeType: string; bytes: Uint8Array }): DriveItem;
}

/** Key-value storage that survives executions (PropertiesService). Values are strings. */
export interface Store {
	get(key: string): string | null;
	set(key: string, value: string): void;
	delete(key: string): void;
}

/**
 * The Store with PropertiesService's two whole-store calls: reading every key, or writing several,
 * is one call where a loop of `get`s or `set`s would be many.
 */
export interface ListingStore extends Store {
	/** Every key and its value. */
	all(): Record<string, string>;
	/** Several keys at once. */
	setAll(values: Record<string, string>): void;
}

export interface Clock {
	now(): Date;
	/** Blocks the execution (Utilities.sleep); used between retries. */
	sleep(ms: number): void;
}

export interface Log {
	info(message: string): void;
	warn(message: string): void;
	error(message: string): void;
}

/** The cryptographic primitives OAuth with PKCE and signed webhooks need (Utilities in Apps Script, node:crypto in tests). */
export interface Crypto {
	/** SHA-256 of a UTF-8 string, base64url-encoded without padding (a PKCE S256 challenge). */
	sha256Base64Url(text: string): string;
	/** A random string of URL-safe characters, for PKCE verifiers and state. */
	randomToken(length: number): string;
	/**
	 * HMAC-SHA256 of a UTF-8 message with a UTF-8 key, as lower-case hex: the signature of an
	 * event sent to the owner's receiver (Utilities.computeHmacSha256Signature in Apps Script, node:crypto in tests).
	 */
	hmacSha256Hex(message: string, key: string): string;
}

/** A plain-text e-mail (MailApp in Apps Script): no HTML body, so nothing in it is rendered. */
export interface OutgoingMail {
	to: string[];
	subject: string;
	body: string;
}

/** Sending the owner's alerts (MailApp), with the quota Google has left today. */
export interface Mail {
	send(mail: OutgoingMail): void;
	/** Recipients Google still lets this script e-mail today (MailApp.getRemainingDailyQuota). */
	remainingDailyQuota(): number;
	/** The owner's address (the user the script runs as); null when Google does not tell. */
	ownerAddress(): string | null;
}

/**
 * CacheService over `host.state.cache`, expiring against the virtual clock. Limits from Google's
 * Cache reference: keys up to 250 characters, values up to 100 KB, expiry 1 s to 6 h (default
 * 10 min), at most 1,000 items per cache.
 *
 * Apps Script's cache is shared: a value one execution puts is read at once by another running
 * beside it (a sidebar polling a running sync's progress). The runtime saves state when an
 * execution ends, so puts and removes are also written through to the saved cache at once.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ExecutionHost } from "./host.js";
import { emulatesClass } from "./not-emulated.js";
import type { CacheEntry } from "./state.js";

const MAX_KEY_LENGTH = 250;
const MAX_VALUE_BYTES = 100 * 1024;
const DEFAULT_SECONDS = 600;
/** UNCONFIRMED what Google does with a longer expiry; we clamp instead of throwing. */
const MAX_SECONDS = 21_600;
/** "If more than 1,000 items are written, the cache stores the 900 items farthest from expiration." */
const MAX_ITEMS = 1_000;
const ITEMS_KEPT = 900;

type Scope = "script" | "user" | "document";

/**
 * Applies changes to the saved cache part, if this state is saved at all (unit-test hosts are not).
 * A read-modify-write of one small file: good enough for the few executions of one machine.
 */
function writeThrough(host: ExecutionHost, scope: Scope, changes: Record<string, CacheEntry | null>): void {
	const dir = host.options.stateDir;
	const file = join(dir, "cache.json");
	if (!existsSync(join(dir, "meta.json"))) return;
	let saved: Record<Scope, Record<string, CacheEntry>>;
	try {
		saved = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : { script: {}, user: {}, document: {} };
	} catch {
		return;
	}
	saved[scope] ??= {};
	const entries = saved[scope];
	for (const [key, entry] of Object.entries(changes)) {
		if (entry) entries[key] = entry;
		else delete entries[key];
	}
	const temporary = `${file}.${process.pid}.through.tmp`;
	writeFileSync(temporary, JSON.stringify(saved));
	renameSync(temporary, file);
}

export function createCacheService(host: ExecutionHost): GoogleAppsScript.Cache.CacheService {
	const cache = (method: string, scope: Scope) => {
		host.touch("CacheService", method);
		return new Cache(host, scope);
	};
	const service = {
		getScriptCache: () => cache("getScriptCache", "script"),
		getUserCache: () => cache("getUserCache", "user"),
		// Google returns null outside a bound script; the local script is always bound to its workbook.
		getDocumentCache: () => cache("getDocumentCache", "document"),
	};
	return service as unknown as GoogleAppsScript.Cache.CacheService;
}

class Cache {
	readonly #host: ExecutionHost;
	readonly #scope: Scope;

	constructor(host: ExecutionHost, scope: Scope) {
		this.#host = host;
		this.#scope = scope;
	}
	get #entries(): Record<string, CacheEntry> {
		return this.#host.state.cache[this.#scope];
	}
	#touch(method: string): void {
		this.#host.touch("Cache", method);
	}
	#key(key: unknown): string {
		const text = String(key);
		// UNCONFIRMED text: modelled on Google's "Argument too large: value".
		if (text.length > MAX_KEY_LENGTH) throw this.#host.realm.exception("Argument too large: key");
		return text;
	}
	#read(key: string): string | null {
		const entry = this.#entries[key];
		if (!entry) return null;
		if (entry.expiresAt <= this.#host.now()) {
			delete this.#entries[key];
			this.#host.markDirty("cache");
			return null;
		}
		return entry.value;
	}
	#write(values: Record<string, unknown>, seconds: unknown): void {
		const requested = seconds === undefined ? DEFAULT_SECONDS : Math.floor(Number(seconds));
		const expiresAt = this.#host.now() + Math.min(Math.max(requested, 1), MAX_SECONDS) * 1000;
		const checked = Object.entries(values).map(([key, value]) => {
			const text = String(value);
			if (Buffer.byteLength(text, "utf8") > MAX_VALUE_BYTES)
				throw this.#host.realm.exception("Argument too large: value");
			return [this.#key(key), text] as const;
		});
		const changes: Record<string, CacheEntry | null> = {};
		for (const [key, value] of checked) {
			this.#entries[key] = { value, expiresAt };
			changes[key] = { value, expiresAt };
		}
		const keys = Object.keys(this.#entries);
		if (keys.length > MAX_ITEMS) {
			keys.sort((a, b) => (this.#entries[b]?.expiresAt ?? 0) - (this.#entries[a]?.expiresAt ?? 0));
			for (const key of keys.slice(ITEMS_KEPT)) {
				delete this.#entries[key];
				changes[key] = null;
			}
		}
		this.#host.markDirty("cache");
		writeThrough(this.#host, this.#scope, changes);
	}

	get(key: string): string | null {
		this.#touch("get");
		return this.#read(this.#key(key));
	}
	getAll(keys: string[]): Record<string, string> {
		this.#touch("getAll");
		const found: Record<string, string> = {};
		for (const key of Array.from(keys, (k) => this.#key(k))) {
			const value = this.#read(key);
			if (value !== null) found[key] = value;
		}
		return this.#host.realm.adopt(found);
	}
	put(key: string, value: string, expirationInSeconds?: number): void {
		this.#touch("put");
		this.#write({ [this.#key(key)]: value }, expirationInSeconds);
	}
	putAll(values: Record<string, unknown>, expirationInSeconds?: number): void {
		this.#touch("putAll");
		this.#write(values, expirationInSeconds);
	}
	remove(key: string): void {
		this.#touch("remove");
		const checked = this.#key(key);
		delete this.#entries[checked];
		this.#host.markDirty("cache");
		writeThrough(this.#host, this.#scope, { [checked]: null });
	}
	removeAll(keys: string[]): void {
		this.#touch("removeAll");
		const checked = Array.from(keys, (k) => this.#key(k));
		for (const key of checked) delete this.#entries[key];
		this.#host.markDirty("cache");
		writeThrough(this.#host, this.#scope, Object.fromEntries(checked.map((key) => [key, null])));
	}
}

emulatesClass(Cache, "Cache");

/**
 * PropertiesService over `host.state.properties`. Limits are measured in UTF-8 bytes of key plus
 * value: Google documents "9 KB / val" and "500 KB / property store", and tanaikech's measurements
 * show both key and value count towards them (so a 1-byte key leaves a bit less than 9 KB).
 */
import type { ExecutionHost } from "./host.js";
import { emulatesClass } from "./not-emulated.js";
import type { PropertyScope } from "./state.js";

/** UNCONFIRMED whether Google counts the key: we do, which rejects slightly earlier than "9 KB / val". */
export const MAX_PROPERTY_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;
/** Google's text for the store limit; also seen for one value alone that is too big (UNCONFIRMED). */
const QUOTA_ERROR = "You have exceeded the property storage quota. Please remove some properties and try again.";

const utf8Length = (text: string) => Buffer.byteLength(text, "utf8");

export function createPropertiesService(host: ExecutionHost): GoogleAppsScript.Properties.PropertiesService {
	const properties = (method: string, scope: PropertyScope) => {
		host.touch("PropertiesService", method);
		return new Properties(host, scope);
	};
	const service = {
		getScriptProperties: () => properties("getScriptProperties", "script"),
		getUserProperties: () => properties("getUserProperties", "user"),
		getDocumentProperties: () => properties("getDocumentProperties", "document"),
	};
	return service as unknown as GoogleAppsScript.Properties.PropertiesService;
}

class Properties {
	readonly #host: ExecutionHost;
	readonly #scope: PropertyScope;

	constructor(host: ExecutionHost, scope: PropertyScope) {
		this.#host = host;
		this.#scope = scope;
	}
	get #store(): Record<string, string> {
		return this.#host.state.properties[this.#scope];
	}
	#touch(method: string): void {
		this.#host.touch("Properties", method);
	}
	/** Checks the limits on the store as it would be, then commits it whole: a rejected call changes nothing. */
	#commit(next: Record<string, string>): this {
		let total = 0;
		for (const [key, value] of Object.entries(next)) {
			const size = utf8Length(key) + utf8Length(value);
			if (size > MAX_PROPERTY_BYTES) throw this.#host.realm.exception(QUOTA_ERROR);
			total += size;
		}
		if (total > MAX_STORE_BYTES) throw this.#host.realm.exception(QUOTA_ERROR);
		this.#host.state.properties[this.#scope] = next;
		this.#host.markDirty("properties");
		return this;
	}

	getProperty(key: string): string | null {
		this.#touch("getProperty");
		return Object.hasOwn(this.#store, String(key)) ? (this.#store[String(key)] ?? null) : null;
	}
	getProperties(): Record<string, string> {
		this.#touch("getProperties");
		return this.#host.realm.adopt({ ...this.#store });
	}
	getKeys(): string[] {
		this.#touch("getKeys");
		return this.#host.realm.adopt(Object.keys(this.#store));
	}
	setProperty(key: string, value: string): this {
		this.#touch("setProperty");
		return this.#commit({ ...this.#store, [String(key)]: String(value) });
	}
	setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
		this.#touch("setProperties");
		const next: Record<string, string> = deleteAllOthers ? {} : { ...this.#store };
		for (const [key, value] of Object.entries(properties)) next[key] = String(value);
		return this.#commit(next);
	}
	deleteProperty(key: string): this {
		this.#touch("deleteProperty");
		const next = { ...this.#store };
		delete next[String(key)];
		return this.#commit(next);
	}
	deleteAllProperties(): this {
		this.#touch("deleteAllProperties");
		return this.#commit({});
	}
}

emulatesClass(Properties, "Properties");

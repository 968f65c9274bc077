/**
 * A method Apps Script has but this runtime does not emulate fails with an error that names it and
 * says where the emulated methods are listed, instead of V8's bare `TypeError: e.getFoo is not a
 * function` (which names neither the service nor the way forward).
 *
 * How: the last link of each emulated object's prototype chain (before `Object.prototype`) becomes a
 * Proxy. A property found anywhere on the object behaves as before; a name found nowhere reads as a
 * function that throws `NotEmulatedError` when called. Objects keep their identity and private fields
 * (nothing is wrapped), and a name that a caller only probes (`then` for await, `toJSON`, test
 * matchers' `asymmetricMatch`, `_private`, `$$typeof`, symbols) still reads as undefined.
 */

export const EMULATED_METHODS_TABLE = "local/gas/README.md";

/** Names tools and runtimes read to probe an object, never as an Apps Script call. */
const PROBES = new Set(["then", "toJSON", "length", "asymmetricMatch", "nodeType", "nodeName", "tagName", "inspect"]);

export class NotEmulatedError extends Error {
	constructor(
		readonly service: string,
		readonly method: string,
	) {
		super(
			`${service}.${method} is not emulated by the local Apps Script runtime (local/gas/). ` +
				`The methods it has are listed in ${EMULATED_METHODS_TABLE}; add this one there and in local/gas/, ` +
				"or use one the table lists.",
		);
		this.name = "NotEmulatedError";
	}
}

const fallbacks = new WeakSet<object>();

function fallback(service: string): object {
	const proxy = new Proxy(Object.prototype, {
		get(target, property, receiver) {
			if (typeof property !== "string" || property in target || PROBES.has(property) || /^[_$@]/.test(property)) {
				return Reflect.get(target, property, receiver);
			}
			return function notEmulated(): never {
				throw new NotEmulatedError(service, property);
			};
		},
	});
	fallbacks.add(proxy);
	return proxy;
}

/** Makes every instance of an emulated class report a missing method by name (`Range.getBandings`). */
export function emulatesClass(emulated: abstract new (...args: never[]) => object, service: string): void {
	let link: object = emulated.prototype;
	for (let next = Object.getPrototypeOf(link); next !== Object.prototype; next = Object.getPrototypeOf(link)) {
		if (next === null || fallbacks.has(next)) return;
		link = next;
	}
	Object.setPrototypeOf(link, fallback(service));
}

/**
 * The same for an object made by a factory (`PropertiesService`, a trigger), and for the plain
 * objects it holds (`Sheets.Spreadsheets.Values`), each named by its path.
 */
export function emulatesObject<T extends object>(emulated: T, service: string): T {
	if (Object.getPrototypeOf(emulated) !== Object.prototype) return emulated;
	Object.setPrototypeOf(emulated, fallback(service));
	for (const [key, value] of Object.entries(emulated)) {
		// Only nested services (`Spreadsheets`, `Values`), not enums such as `ScriptApp.EventType`.
		const isService =
			value !== null && typeof value === "object" && Object.values(value).some((v) => typeof v === "function");
		if (isService) {
			emulatesObject(value, `${service}.${key}`);
		}
	}
	return emulated;
}

/**
 * The script's realm: a fresh `node:vm` context per execution, holding only Apps Script globals.
 *
 * Apps Script starts every execution from a clean global scope, so we do too. Values crossing from
 * the emulated services into the script are rebuilt with the context's own constructors, because
 * the script may test `x instanceof Date` or `Array.isArray(x)` and a Date made in Node's realm
 * fails the first test.
 */
import vm from "node:vm";
import type { Realm } from "./host.js";

export interface ScriptRealm extends Realm {
	readonly context: vm.Context;
	run(code: string, filename: string, timeoutMs: number): unknown;
}

// Replaces the realm's Date so that `new Date()` and `Date.now()` read the execution's virtual
// clock: triggers that fire after simulated hours must see the simulated time.
const VIRTUAL_DATE = `(() => {
	const RealDate = Date;
	const now = globalThis.__hubsheetNow;
	delete globalThis.__hubsheetNow;
	class VirtualDate extends RealDate {
		constructor(...args) {
			if (args.length === 0) super(now());
			else super(...args);
		}
		static now() { return now(); }
	}
	Object.defineProperty(globalThis, "Date", { value: VirtualDate, writable: true, configurable: true });
})();`;

const ADOPT = `(function adopt(value) {
	if (value === null || typeof value !== "object") return value;
	const tag = Object.prototype.toString.call(value);
	if (tag === "[object Date]") return new Date(value.getTime());
	if (Array.isArray(value)) return Array.prototype.map.call(value, adopt);
	const proto = Object.getPrototypeOf(value);
	if (proto !== null && Object.getPrototypeOf(proto) !== null) return value;
	const copy = {};
	for (const key of Object.keys(value)) copy[key] = adopt(value[key]);
	return copy;
})`;

export function createScriptRealm(now: () => number): ScriptRealm {
	const context = vm.createContext({ __hubsheetNow: now }, { name: "Apps Script execution" });
	vm.runInContext(VIRTUAL_DATE, context);
	const adopt = vm.runInContext(ADOPT, context) as (value: unknown) => unknown;
	const ScriptDate = vm.runInContext("Date", context) as DateConstructor;
	const ScriptError = vm.runInContext("Error", context) as ErrorConstructor;
	return {
		context,
		newDate: (epochMs) => new ScriptDate(epochMs),
		adopt: <T>(value: T) => adopt(value) as T,
		exception(message) {
			const error = new ScriptError(message);
			error.name = "Exception";
			return error;
		},
		run(code, filename, timeoutMs) {
			return vm.runInContext(code, context, { filename, timeout: timeoutMs });
		},
	};
}

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
// clock (triggers that fire after simulated hours must see the simulated time), and so that its
// local-time methods (getHours, setDate, new Date(y, m, d), toString, parsing a time without a zone,
// toLocaleString, Intl.DateTimeFormat's default) use the script's time zone, as on Google, where
// the realm runs in the zone of appsscript.json, not in this machine's. The zone's offsets come from
// Intl, so summer time is the zone's own.
const VIRTUAL_DATE = `(() => {
	const RealDate = Date;
	const RealFormat = Intl.DateTimeFormat;
	const now = globalThis.__hubsheetNow;
	const zone = globalThis.__hubsheetTimeZone;
	delete globalThis.__hubsheetNow;
	delete globalThis.__hubsheetTimeZone;
	const HOUR = 3600000;
	const DAY = 24 * HOUR;
	const fields = new RealFormat("en-US", {
		timeZone: zone, hourCycle: "h23", era: "short",
		year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
	});
	const names = new RealFormat("en-US", { timeZone: zone, timeZoneName: "long" });
	const proto = RealDate.prototype;
	const time = (date) => proto.getTime.call(date);
	// Local wall time as if it were UTC: a Date in UTC whose getUTC* fields are the wall clock's.
	function wallUtc(year, month, day, hours, minutes, seconds, ms) {
		const date = new RealDate(0);
		proto.setUTCFullYear.call(date, year, month, day);
		proto.setUTCHours.call(date, hours, minutes, seconds, ms);
		return time(date);
	}
	/** The zone's offset from UTC at instant t, in ms (east positive). */
	function offsetAt(t) {
		if (!Number.isFinite(t)) return NaN;
		const part = {};
		for (const piece of fields.formatToParts(new RealDate(t))) part[piece.type] = piece.value;
		const year = /^B/.test(part.era) ? 1 - Number(part.year) : Number(part.year);
		const ms = ((t % 1000) + 1000) % 1000;
		return wallUtc(year, Number(part.month) - 1, Number(part.day), Number(part.hour), Number(part.minute), Number(part.second), ms) - t;
	}
	/**
	 * The instant of a wall time: a time that exists twice (autumn) is the earlier one, a time that
	 * does not exist (spring) is read with the offset before the change, as ECMAScript says.
	 */
	function fromWall(wall) {
		if (!Number.isFinite(wall)) return NaN;
		const before = offsetAt(wall - DAY);
		const after = offsetAt(wall + DAY);
		if (before === after) return wall - before;
		const early = wall - before;
		const late = wall - after;
		const earlyFits = offsetAt(early) === before;
		const lateFits = offsetAt(late) === after;
		if (earlyFits && lateFits) return Math.min(early, late);
		if (lateFits) return late;
		return early;
	}
	const wallOf = (date) => {
		const t = time(date);
		return new RealDate(t + offsetAt(t));
	};
	const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
	const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
	const pad = (n, width = 2) => String(Math.abs(n)).padStart(width, "0");
	/** A time written without a zone (and not a date-only ISO text, which is UTC) is wall time. */
	function hasZone(text) {
		const trimmed = text.trim();
		return /^[+-]?\\d{4,6}(-\\d\\d(-\\d\\d)?)?$/.test(trimmed) || /(z|[+-]\\d\\d:?\\d\\d)$|gmt|utc|\\but\\b/i.test(trimmed);
	}
	function parse(text) {
		const host = RealDate.parse(text);
		if (Number.isNaN(host) || hasZone(String(text))) return host;
		// The machine read it in its own zone: take its wall fields and read them in the script's.
		const d = new RealDate(host);
		return fromWall(wallUtc(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()));
	}
	class VirtualDate extends RealDate {
		constructor(...args) {
			if (args.length === 0) super(now());
			else if (args.length === 1) {
				const value = args[0];
				if (typeof value === "string") super(parse(value));
				else if (value instanceof RealDate) super(time(value));
				else super(value);
			} else {
				// Components are wall time; years 0 to 99 mean 1900 to 1999, as Date.UTC reads them.
				const numbers = args.slice(0, 7).map(Number);
				const [year, month, day = 1, hours = 0, minutes = 0, seconds = 0, ms = 0] = numbers;
				const utcYear = RealDate.UTC(year, 0);
				super(Number.isNaN(utcYear) ? NaN : fromWall(wallUtc(new RealDate(utcYear).getUTCFullYear(), month, day, hours, minutes, seconds, ms)));
			}
		}
		static now() { return now(); }
		static parse(text) { return parse(String(text)); }
	}
	const local = {
		getTimezoneOffset() { const t = time(this); return Number.isFinite(t) ? -offsetAt(t) / 60000 : NaN; },
		getFullYear() { return wallOf(this).getUTCFullYear(); },
		getYear() { return wallOf(this).getUTCFullYear() - 1900; },
		getMonth() { return wallOf(this).getUTCMonth(); },
		getDate() { return wallOf(this).getUTCDate(); },
		getDay() { return wallOf(this).getUTCDay(); },
		getHours() { return wallOf(this).getUTCHours(); },
		getMinutes() { return wallOf(this).getUTCMinutes(); },
		getSeconds() { return wallOf(this).getUTCSeconds(); },
		getMilliseconds() { return wallOf(this).getUTCMilliseconds(); },
		toDateString() {
			if (!Number.isFinite(time(this))) return "Invalid Date";
			const w = wallOf(this);
			const year = w.getUTCFullYear();
			return DAYS[w.getUTCDay()] + " " + MONTHS[w.getUTCMonth()] + " " + pad(w.getUTCDate()) + " " + (year < 0 ? "-" : "") + pad(year, 4);
		},
		toTimeString() {
			const t = time(this);
			if (!Number.isFinite(t)) return "Invalid Date";
			const w = wallOf(this);
			const offset = offsetAt(t) / 60000;
			const name = names.formatToParts(new RealDate(t)).find((part) => part.type === "timeZoneName");
			return pad(w.getUTCHours()) + ":" + pad(w.getUTCMinutes()) + ":" + pad(w.getUTCSeconds()) +
				" GMT" + (offset < 0 ? "-" : "+") + pad(Math.floor(Math.abs(offset) / 60)) + pad(Math.abs(offset) % 60) +
				(name ? " (" + name.value + ")" : "");
		},
		toString() {
			return Number.isFinite(time(this)) ? this.toDateString() + " " + this.toTimeString() : "Invalid Date";
		},
	};
	// Setters: change the wall-time fields, then find the instant of the new wall time.
	const setters = {
		setFullYear: "setUTCFullYear", setMonth: "setUTCMonth", setDate: "setUTCDate", setHours: "setUTCHours",
		setMinutes: "setUTCMinutes", setSeconds: "setUTCSeconds", setMilliseconds: "setUTCMilliseconds",
	};
	for (const [name, utcName] of Object.entries(setters)) {
		local[name] = {
			[name](...args) {
				const t = time(this);
				// setFullYear on an invalid date starts from +0 wall time; the others stay invalid.
				if (!Number.isFinite(t) && name !== "setFullYear") return NaN;
				const wall = new RealDate(Number.isFinite(t) ? t + offsetAt(t) : 0);
				proto[utcName].apply(wall, args);
				return proto.setTime.call(this, fromWall(time(wall)));
			},
		}[name];
	}
	local.setYear = function setYear(year) {
		const y = Number(year);
		return this.setFullYear(y >= 0 && y <= 99 ? 1900 + Math.trunc(y) : y);
	};
	for (const name of ["toLocaleString", "toLocaleDateString", "toLocaleTimeString"]) {
		local[name] = {
			[name](locales, options) {
				const given = options === undefined ? {} : Object(options);
				const zoned = given.timeZone === undefined ? Object.assign({}, given, { timeZone: zone }) : given;
				return proto[name].call(this, locales, zoned);
			},
		}[name];
	}
	for (const [name, value] of Object.entries(local)) {
		Object.defineProperty(VirtualDate.prototype, name, { value, writable: true, configurable: true });
	}
	function DateTimeFormat(locales, options) {
		const given = options === undefined ? {} : Object(options);
		const zoned = given.timeZone === undefined ? Object.assign({}, given, { timeZone: zone }) : given;
		return new RealFormat(locales, zoned);
	}
	DateTimeFormat.prototype = RealFormat.prototype;
	DateTimeFormat.supportedLocalesOf = RealFormat.supportedLocalesOf.bind(RealFormat);
	Object.defineProperty(Intl, "DateTimeFormat", { value: DateTimeFormat, writable: true, configurable: true });
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

/** `timeZone`: the script's (appsscript.json), in which the realm's Date reads and writes wall time. */
export function createScriptRealm(now: () => number, timeZone = "UTC"): ScriptRealm {
	const context = vm.createContext(
		{ __hubsheetNow: now, __hubsheetTimeZone: timeZone },
		{ name: "Apps Script execution" },
	);
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

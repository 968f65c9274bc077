/**
 * ScriptApp: installable triggers, state tokens for OAuth callbacks, the script's identity.
 *
 * Triggers live in the persisted state; the runtime (`runtime.ts`) fires the time-driven ones when
 * the local clock is advanced, which is how a local run reproduces "the triggers run by themselves".
 */

import { createHmac, randomUUID } from "node:crypto";
import type { ExecutionHost } from "./host.js";
import { emulatesObject } from "./not-emulated.js";
import { scriptTimeZone } from "./script-time-zone.js";
import type { LocalState, TriggerState } from "./state.js";

/** Apps Script allows 20 triggers per user per script. */
export const TRIGGER_LIMIT = 20;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** everyMinutes accepts only these values (DefinitelyTyped and Google's reference agree). */
const ALLOWED_MINUTES = [1, 5, 10, 15, 30];
// UNCONFIRMED texts: seen in public code only; kept here to be easy to change.
const EVERY_MINUTES_ERROR = "The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.";
const TOO_MANY_TRIGGERS =
	"This script has too many triggers. Triggers must be deleted from the script before more can be added.";
const STATE_TOKEN_MAX_SECONDS = 3600;

export const EventType = {
	CLOCK: "CLOCK",
	ON_OPEN: "ON_OPEN",
	ON_EDIT: "ON_EDIT",
	ON_CHANGE: "ON_CHANGE",
	ON_FORM_SUBMIT: "ON_FORM_SUBMIT",
} as const;
export const TriggerSource = { SPREADSHEETS: "SPREADSHEETS", CLOCK: "CLOCK", FORMS: "FORMS", DOCUMENTS: "DOCUMENTS" };
export const AuthMode = { NONE: "NONE", CUSTOM_FUNCTION: "CUSTOM_FUNCTION", LIMITED: "LIMITED", FULL: "FULL" };

/** The next instant after `after` at which the wall clock of `timeZone` shows `hour`:00. */
export function nextLocalHour(after: number, hour: number, timeZone: string): number {
	const hourOf = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "numeric", hourCycle: "h23" });
	let candidate = Math.floor(after / HOUR) * HOUR + HOUR;
	// Whole-hour zones only; half-hour zones land within the hour, good enough for a local run.
	for (let step = 0; step < 72; step++, candidate += HOUR) {
		if (Number(hourOf.format(candidate)) === hour) return candidate;
	}
	return after + DAY;
}

/** The time-driven triggers due at or before `until`, earliest first. */
export function dueTriggers(state: LocalState, until: number): TriggerState[] {
	return state.triggers
		.filter((trigger) => trigger.eventType === "CLOCK" && trigger.nextRunAt !== undefined && trigger.nextRunAt <= until)
		.sort((a, b) => (a.nextRunAt ?? 0) - (b.nextRunAt ?? 0));
}

/** After a trigger fired at `firedAt`: a repeating one is due again one period later; a one-time one never. */
export function rescheduleAfterRun(trigger: TriggerState, firedAt: number): void {
	trigger.lastRunAt = firedAt;
	if (trigger.everyMs === undefined) {
		// One-time triggers stay listed (and count toward the limit) until the script deletes them.
		delete trigger.nextRunAt;
		return;
	}
	let next = (trigger.nextRunAt ?? firedAt) + trigger.everyMs;
	while (next <= firedAt) next += trigger.everyMs;
	trigger.nextRunAt = next;
}

function signToken(scriptId: string, payload: string): string {
	return createHmac("sha256", `state-token:${scriptId}`).update(payload).digest("base64url");
}

export interface StateTokenPayload {
	method: string;
	args: Record<string, string>;
	expiresAt: number;
}

/** Reads a state token made by `newStateToken().createToken()`; undefined if forged or expired. */
export function readStateToken(state: LocalState, token: string, now: number): StateTokenPayload | undefined {
	const [payload, signature] = token.split(".");
	if (!payload || !signature || signToken(state.scriptId, payload) !== signature) return undefined;
	const parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as StateTokenPayload;
	return parsed.expiresAt >= now ? parsed : undefined;
}

function triggerObject(trigger: TriggerState) {
	return emulatesObject(
		{
			getUniqueId: () => trigger.uniqueId,
			getHandlerFunction: () => trigger.handlerFunction,
			getEventType: () => trigger.eventType,
			getTriggerSource: () => (trigger.eventType === "CLOCK" ? TriggerSource.CLOCK : TriggerSource.SPREADSHEETS),
			getTriggerSourceId: () => (trigger.eventType === "CLOCK" ? null : "spreadsheet"),
		},
		"Trigger",
	);
}

export function createScriptApp(host: ExecutionHost) {
	const touch = (method: string) => host.touch("ScriptApp", method);

	function install(trigger: Omit<TriggerState, "uniqueId" | "createdAt">) {
		if (host.state.triggers.length >= TRIGGER_LIMIT) throw host.realm.exception(TOO_MANY_TRIGGERS);
		const created: TriggerState = { uniqueId: randomUUID(), createdAt: host.now(), ...trigger };
		host.state.triggers.push(created);
		host.markDirty("triggers");
		return triggerObject(created);
	}

	function clockBuilder(handlerFunction: string) {
		let everyMs: number | undefined;
		let schedule = "";
		let atHour: number | undefined;
		let at: number | undefined;
		let timeZone: string | undefined;
		const builder = {
			everyMinutes(minutes: number) {
				if (!ALLOWED_MINUTES.includes(minutes)) throw host.realm.exception(EVERY_MINUTES_ERROR);
				everyMs = minutes * MINUTE;
				schedule = `every ${minutes} minute${minutes === 1 ? "" : "s"}`;
				return builder;
			},
			everyHours(hours: number) {
				everyMs = hours * HOUR;
				schedule = `every ${hours} hour${hours === 1 ? "" : "s"}`;
				return builder;
			},
			everyDays(days: number) {
				everyMs = days * DAY;
				schedule = `every ${days} day${days === 1 ? "" : "s"}`;
				return builder;
			},
			everyWeeks(weeks: number) {
				everyMs = weeks * 7 * DAY;
				schedule = `every ${weeks} week${weeks === 1 ? "" : "s"}`;
				return builder;
			},
			atHour(hour: number) {
				atHour = hour;
				return builder;
			},
			nearMinute(_minute: number) {
				return builder;
			},
			inTimezone(zone: string) {
				// An invalid zone throws, as the builder does in Apps Script.
				try {
					new Intl.DateTimeFormat("en-GB", { timeZone: zone });
				} catch {
					throw host.realm.exception(`Invalid argument: timezone ${zone}`);
				}
				timeZone = zone;
				return builder;
			},
			after(ms: number) {
				at = host.now() + ms;
				schedule = `once, after ${ms} ms`;
				return builder;
			},
			at(date: Date) {
				at = date.getTime();
				schedule = `once, at ${new Date(at).toISOString()}`;
				return builder;
			},
			create() {
				touch("ClockTriggerBuilder.create");
				const now = host.now();
				let nextRunAt = at ?? (everyMs === undefined ? undefined : now + everyMs);
				if (atHour !== undefined && everyMs !== undefined && everyMs >= DAY) {
					// The script's zone unless inTimezone named another, never the spreadsheet's.
					nextRunAt = nextLocalHour(now, atHour, timeZone ?? scriptTimeZone(host));
					schedule += ` at ${String(atHour).padStart(2, "0")}:00`;
				}
				if (nextRunAt === undefined) throw host.realm.exception("Missing schedule for the time-based trigger.");
				const trigger: Omit<TriggerState, "uniqueId" | "createdAt"> = {
					handlerFunction,
					eventType: "CLOCK",
					nextRunAt,
					schedule,
				};
				if (at === undefined && everyMs !== undefined) trigger.everyMs = everyMs;
				return install(trigger);
			},
		};
		return builder;
	}

	function spreadsheetBuilder(handlerFunction: string) {
		const make = (eventType: TriggerState["eventType"]) => ({
			create() {
				touch("SpreadsheetTriggerBuilder.create");
				return install({ handlerFunction, eventType, schedule: eventType });
			},
		});
		return {
			onOpen: () => make("ON_OPEN"),
			onEdit: () => make("ON_EDIT"),
			onChange: () => make("ON_CHANGE"),
			onFormSubmit: () => make("ON_FORM_SUBMIT"),
		};
	}

	return {
		EventType,
		TriggerSource,
		AuthMode,
		newTrigger(handlerFunction: string) {
			touch("newTrigger");
			return {
				timeBased: () => clockBuilder(handlerFunction),
				forSpreadsheet: (_spreadsheet: unknown) => spreadsheetBuilder(handlerFunction),
			};
		},
		getProjectTriggers() {
			touch("getProjectTriggers");
			return host.realm.adopt(host.state.triggers.map((trigger) => triggerObject(trigger)));
		},
		getUserTriggers(_container: unknown) {
			touch("getUserTriggers");
			return host.state.triggers.map((trigger) => triggerObject(trigger));
		},
		deleteTrigger(trigger: { getUniqueId(): string }) {
			touch("deleteTrigger");
			const index = host.state.triggers.findIndex((candidate) => candidate.uniqueId === trigger.getUniqueId());
			if (index >= 0) {
				host.state.triggers.splice(index, 1);
				host.markDirty("triggers");
			}
		},
		getScriptId() {
			touch("getScriptId");
			return host.state.scriptId;
		},
		getOAuthToken() {
			touch("getOAuthToken");
			return `local-oauth-token.${host.executionId}`;
		},
		getService() {
			touch("getService");
			return {
				// A bound script deployed as a web app; the URL is never fetched locally.
				getUrl: () => `https://script.google.com/macros/s/${host.state.scriptId}/exec`,
				isEnabled: () => true,
			};
		},
		newStateToken() {
			touch("newStateToken");
			let method = "callback";
			let timeoutSeconds = 60;
			const args: Record<string, string> = {};
			const builder = {
				withMethod(name: string) {
					method = name;
					return builder;
				},
				withArgument(name: string, value: string) {
					args[name] = String(value);
					return builder;
				},
				withTimeout(seconds: number) {
					timeoutSeconds = Math.min(seconds, STATE_TOKEN_MAX_SECONDS);
					return builder;
				},
				createToken() {
					const payload: StateTokenPayload = { method, args, expiresAt: host.now() + timeoutSeconds * 1000 };
					const encoded = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
					return `${encoded}.${signToken(host.state.scriptId, encoded)}`;
				},
			};
			return builder;
		},
		invalidateAuth() {
			touch("invalidateAuth");
		},
		requireScopes(_authMode: string, _scopes: string[]) {
			touch("requireScopes");
		},
	};
}

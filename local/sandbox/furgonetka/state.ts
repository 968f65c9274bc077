/**
 * Everything the Furgonetka sandbox remembers: the OAuth app, user and sessions (at most 20 per
 * user and app; a 21st login silently revokes the oldest, as Furgonetka's OAuth page says), the
 * packages with their state timelines, and the asynchronous order commands.
 *
 * Packages move on sandbox time, in the vocabulary the notes source (NOTES.md, "Package `state` and
 * tracking vocabulary"): a package is `waiting` (in the basket) until an order command completes, then
 * `ordered` (waybill number, label and pick-up number assigned); the carrier's scans follow as
 * tracking states `collected`, `transit` (UNCONFIRMED) and `delivered` at the delays in the settings.
 * Off the path: `collect-problem` and `canceled` (one "l", as Furgonetka spells it). By default the
 * package's own `state` stays `ordered` after ordering (the only values clients have seen) and the
 * scans show in `GET /packages/{id}/tracking`; `packageStateFollowsTracking` shows them in `state`
 * too, the other reading the notes leave open. `tick` applies whatever is due.
 */
import { randomBytes } from "node:crypto";
import { Rng } from "../kit/random.js";
import { DEFAULT_APP, DEFAULT_USER, SERVICES, type ServiceDef } from "./catalog.js";
import { DEFAULT_RULES, type FieldError, type FurgonetkaRules } from "./validation.js";

export const STATES = [
	"waiting",
	"ordered",
	"collected",
	"transit",
	"delivered",
	"collect-problem",
	"canceled",
] as const;
export type PackageState = (typeof STATES)[number];
const HAPPY_PATH: readonly PackageState[] = ["waiting", "ordered", "collected", "transit", "delivered"];
/** States after which a package moves no further. */
export const FINAL_STATES: ReadonlySet<PackageState> = new Set(["delivered", "canceled"]);
/** The carrier's scans: what `GET /packages/{id}/tracking` lists (webhook `tracking.state` values). */
export const TRACKING_STATES: ReadonlySet<PackageState> = new Set([
	"collected",
	"transit",
	"delivered",
	"collect-problem",
]);

const HOUR = 3_600_000;

export interface FurgonetkaSettings {
	/** Access token lifetime, seconds. NOTES.md "Auth": "PY says access token 30 days, refresh 3 months". */
	accessTokenTtl: number;
	/** Refresh token lifetime, seconds (observed: about 3 months). */
	refreshTokenTtl: number;
	/** NOTES.md "Auth": "Max 20 open sessions per user per OAuth app, a new one revokes the oldest [OAUTH]". */
	maxSessions: number;
	/** Not in NOTES (Furgonetka states no rate limit in any source read): a setting, generous by default. */
	perSecond: number;
	perDay: number;
	/** NOTES.md "Auth": "Password grant may answer `{"error":"2fa_required"}` when two-step login is on [PY]". The password grant answers `2fa_required`, as for an account with two-step login. */
	twoFactor: boolean;
	/** How long an order command stays `waiting` before it completes; 0 completes it within the PUT. */
	orderDelaySeconds: number;
	/** When set, order commands fail with this message (the carrier has no pick-up slot, say). */
	rejectOrders: string | null;
	/**
	 * `GET /packages/{id}` shows the carrier's scans (`collected`, `transit`, `delivered`) in `state`
	 * instead of staying `ordered`: the reading the notes cannot rule out (UNCONFIRMED either way).
	 */
	packageStateFollowsTracking: boolean;
	pickupAfterHours: number;
	/** When set, packages name this as their label link instead of the sandbox's own (a hostile or broken link). */
	labelUrl: string | null;
	transitAfterHours: number;
	deliverAfterHours: number;
	/**
	 * NOTES.md "Request headers": plain `application/json` and the vnd type "Both seem to work; which
	 * endpoints require the vnd type is UNCONFIRMED". false (default): either is accepted; true: only
	 * `application/vnd.furgonetka.v1+json`, anything else 406.
	 */
	requireVendorMediaType: boolean;
	/**
	 * NOTES.md "Package body": "Create response: CL reads top-level `package_id`; SP's stub returns
	 * `{packages:[{package_id, parcels}]}`. Which is real is UNCONFIRMED: accept both".
	 */
	createAnswer: "package" | "packages";
}

export const DEFAULT_SETTINGS: FurgonetkaSettings = {
	accessTokenTtl: 2_592_000,
	refreshTokenTtl: 7_776_000,
	maxSessions: 20,
	perSecond: 20,
	perDay: 100_000,
	twoFactor: false,
	orderDelaySeconds: 0,
	rejectOrders: null,
	packageStateFollowsTracking: false,
	pickupAfterHours: 18,
	labelUrl: null,
	transitAfterHours: 4,
	deliverAfterHours: 24,
	requireVendorMediaType: false,
	createAnswer: "package",
};

export interface FurgonetkaResetOptions {
	seed?: number;
	app?: Partial<typeof DEFAULT_APP>;
	user?: Partial<typeof DEFAULT_USER>;
	settings?: Partial<FurgonetkaSettings>;
	rules?: Partial<FurgonetkaRules>;
}

export interface Session {
	id: number;
	accessToken: string;
	refreshToken: string;
	createdAt: number;
	renewedAt: number;
	accessExpiresAt: number;
	refreshExpiresAt: number;
	/** Why it stopped working, or null while live. */
	revoked: null | "session-limit" | "control";
	via: "password" | "control";
}

export interface TimelineEntry {
	state: PackageState;
	at: number;
}

export interface StoredPackage {
	package_id: string;
	/** The body as submitted (pickup, sender, receiver, parcels, ...). */
	body: Record<string, unknown>;
	service: ServiceDef;
	history: TimelineEntry[];
	/** States still to come, with their due times. */
	schedule: TimelineEntry[];
	/** One waybill number per parcel once the pick-up is ordered. */
	waybills: string[] | null;
	labelToken: string | null;
	orderedAt: number | null;
	createdAt: number;
}

/** Order-command statuses as the notes list them; `running` as the cancel and tracking commands show it. */
export type CommandStatus = "waiting" | "running" | "successful" | "partial_success" | "error";

export interface OrderCommand {
	uuid: string;
	packageIds: string[];
	status: CommandStatus;
	/** The packages this command ordered (ids, as numbers on the wire). */
	ordered: string[];
	createdAt: number;
	completeAt: number;
	changedAt: number;
	errors: FieldError[];
}

export class FurgonetkaState {
	readonly app: typeof DEFAULT_APP;
	readonly user: typeof DEFAULT_USER;
	readonly settings: FurgonetkaSettings;
	readonly rules: FurgonetkaRules;
	readonly services: readonly ServiceDef[] = SERVICES;
	readonly rng: Rng;
	readonly sessions: Session[] = [];
	readonly tokens = new Map<string, { session: Session; kind: "access" | "refresh" }>();
	readonly packages = new Map<string, StoredPackage>();
	readonly commands = new Map<string, OrderCommand>();
	readonly counters = { logins: 0, refreshes: 0, revokedBySessionLimit: 0, failedLogins: 0 };
	private nextSessionId = 1;
	private nextPackageId = 70_000_001;

	constructor(options: FurgonetkaResetOptions) {
		this.app = { ...DEFAULT_APP, ...options.app };
		this.user = { ...DEFAULT_USER, ...options.user };
		this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
		this.rules = { ...DEFAULT_RULES, ...options.rules, limits: { ...DEFAULT_RULES.limits, ...options.rules?.limits } };
		this.rng = new Rng(options.seed ?? 1);
	}

	// ------------------------------------------------------------ sessions

	liveSessions(nowMs: number): Session[] {
		return this.sessions.filter((s) => s.revoked === null && s.refreshExpiresAt > nowMs);
	}

	/** A new session (a login). Past `maxSessions` live ones, the oldest is revoked, silently. */
	openSession(nowMs: number, via: Session["via"], accessTtl = this.settings.accessTokenTtl): Session {
		const live = this.liveSessions(nowMs);
		while (live.length >= this.settings.maxSessions) {
			const oldest = live.shift() as Session;
			this.revoke(oldest, "session-limit");
			this.counters.revokedBySessionLimit++;
		}
		const session: Session = {
			id: this.nextSessionId++,
			accessToken: "",
			refreshToken: "",
			createdAt: nowMs,
			renewedAt: nowMs,
			accessExpiresAt: 0,
			refreshExpiresAt: 0,
			revoked: null,
			via,
		};
		this.sessions.push(session);
		this.issue(session, nowMs, accessTtl);
		if (via === "password") this.counters.logins++;
		return session;
	}

	/** A refresh: new access and refresh tokens for the same session; the used ones stop working. */
	renewSession(session: Session, nowMs: number): Session {
		this.tokens.delete(session.accessToken);
		this.tokens.delete(session.refreshToken);
		this.issue(session, nowMs, this.settings.accessTokenTtl);
		session.renewedAt = nowMs;
		this.counters.refreshes++;
		return session;
	}

	revoke(session: Session, why: NonNullable<Session["revoked"]>): void {
		session.revoked = why;
		this.tokens.delete(session.accessToken);
		this.tokens.delete(session.refreshToken);
	}

	tokenResponse(session: Session, nowMs: number) {
		return {
			token_type: "Bearer",
			expires_in: Math.max(0, Math.round((session.accessExpiresAt - nowMs) / 1000)),
			access_token: session.accessToken,
			refresh_token: session.refreshToken,
		};
	}

	private issue(session: Session, nowMs: number, accessTtl: number): void {
		session.accessToken = jwt({
			sub: this.user.username,
			sid: session.id,
			kind: "access",
			exp: nowMs + accessTtl * 1000,
		});
		session.refreshToken = jwt({ sid: session.id, kind: "refresh" });
		session.accessExpiresAt = nowMs + accessTtl * 1000;
		session.refreshExpiresAt = nowMs + this.settings.refreshTokenTtl * 1000;
		this.tokens.set(session.accessToken, { session, kind: "access" });
		this.tokens.set(session.refreshToken, { session, kind: "refresh" });
	}

	// ------------------------------------------------------------ packages

	createPackage(body: Record<string, unknown>, service: ServiceDef, nowMs: number): StoredPackage {
		const pkg: StoredPackage = {
			package_id: String(this.nextPackageId++),
			body,
			service,
			history: [{ state: "waiting", at: nowMs }],
			schedule: [],
			waybills: null,
			labelToken: null,
			orderedAt: null,
			createdAt: nowMs,
		};
		this.packages.set(pkg.package_id, pkg);
		return pkg;
	}

	stateOf(pkg: StoredPackage): PackageState {
		return (pkg.history[pkg.history.length - 1] as TimelineEntry).state;
	}

	/** Applies due order commands and state changes. A pending command is `running` past half its delay. */
	tick(nowMs: number): void {
		for (const command of this.commands.values()) {
			if (!isPending(command.status)) continue;
			if (command.completeAt <= nowMs) this.completeCommand(command);
			else if (nowMs >= command.createdAt + (command.completeAt - command.createdAt) / 2) {
				command.status = "running";
				command.changedAt = nowMs;
			}
		}
		for (const pkg of this.packages.values()) {
			while (pkg.schedule.length > 0 && (pkg.schedule[0] as TimelineEntry).at <= nowMs) {
				pkg.history.push(pkg.schedule.shift() as TimelineEntry);
			}
		}
	}

	addCommand(uuid: string, packageIds: string[], nowMs: number): OrderCommand {
		const command: OrderCommand = {
			uuid,
			packageIds,
			status: "waiting",
			ordered: [],
			createdAt: nowMs,
			completeAt: nowMs + this.settings.orderDelaySeconds * 1000,
			changedAt: nowMs,
			errors: [],
		};
		this.commands.set(uuid, command);
		if (command.completeAt <= nowMs) this.completeCommand(command);
		return command;
	}

	private completeCommand(command: OrderCommand): void {
		const at = command.completeAt;
		const errors: FieldError[] = [];
		command.packageIds.forEach((id, index) => {
			const pkg = this.packages.get(id);
			if (!pkg) errors.push({ path: `packages[${index}].id`, message: `Package ${id} does not exist.` });
			else if (this.stateOf(pkg) !== "waiting") {
				errors.push({
					path: `packages[${index}].id`,
					message: `Package ${id} cannot be ordered (${this.stateOf(pkg)}).`,
				});
			} else if (this.settings.rejectOrders) {
				errors.push({ path: `packages[${index}].id`, message: this.settings.rejectOrders });
			}
		});
		command.changedAt = Math.max(at, command.createdAt);
		command.errors = errors;
		const failed = new Set(errors.map((error) => command.packageIds[Number(/\d+/.exec(error.path ?? "")?.[0])]));
		command.ordered = command.packageIds.filter((id) => !failed.has(id));
		for (const id of command.ordered) this.order(this.packages.get(id) as StoredPackage, command.changedAt);
		// Per the notes: all ordered `successful`, none `error`, some `partial_success`.
		command.status = errors.length === 0 ? "successful" : command.ordered.length === 0 ? "error" : "partial_success";
	}

	/** The pick-up is ordered: waybills and label exist, and the courier's visits are scheduled. */
	private order(pkg: StoredPackage, at: number): void {
		const parcels = Array.isArray(pkg.body.parcels) ? pkg.body.parcels : [];
		pkg.waybills = parcels.map(() => pkg.service.waybill(this.rng));
		pkg.labelToken = randomBytes(16).toString("hex");
		pkg.orderedAt = at;
		pkg.history.push({ state: "ordered", at });
		const pickup = at + this.settings.pickupAfterHours * HOUR;
		const transit = pickup + this.settings.transitAfterHours * HOUR;
		const delivered = transit + this.settings.deliverAfterHours * HOUR;
		pkg.schedule = [
			{ state: "collected", at: pickup },
			{ state: "transit", at: transit },
			{ state: "delivered", at: delivered },
		];
	}

	/**
	 * The package's `state` as `GET /packages/{id}` shows it: `waiting`, `ordered`, `collect-problem`
	 * or `canceled` (seen by clients), or the carrier's scan with `packageStateFollowsTracking`.
	 */
	apiStateOf(pkg: StoredPackage): string {
		const state = this.stateOf(pkg);
		if (this.settings.packageStateFollowsTracking) return state;
		return state === "collected" || state === "transit" || state === "delivered" ? "ordered" : state;
	}

	/**
	 * Moves a package on now: to the next state, or to `to`. Later scheduled states keep their
	 * spacing after the jump; `collect-problem` stops the schedule (the courier found no parcel), and
	 * `canceled` ends the timeline (only before the courier collects it).
	 */
	advance(pkg: StoredPackage, nowMs: number, to?: PackageState): PackageState {
		const current = this.stateOf(pkg);
		if (FINAL_STATES.has(current)) {
			throw new Error(`package ${pkg.package_id} is ${current}: it moves no further`);
		}
		if (to === "collect-problem" || to === "canceled") {
			if (current !== "waiting" && current !== "ordered" && current !== "collect-problem") {
				throw new Error(`package ${pkg.package_id} is ${current}: too late for ${to}`);
			}
			if (to === "collect-problem" && current === "waiting") {
				throw new Error(`package ${pkg.package_id} is not ordered: no courier came`);
			}
			pkg.schedule = [];
			pkg.history.push({ state: to, at: nowMs });
			return to;
		}
		if (current === "collect-problem") throw new Error(`package ${pkg.package_id} had a collect problem`);
		if (current === "waiting") {
			if (to !== undefined && to !== "ordered" && HAPPY_PATH.indexOf(to) <= 0) {
				throw new Error(`cannot move package ${pkg.package_id} from waiting to ${to}`);
			}
			// As if an order command completed now.
			this.order(pkg, nowMs);
			if (to === undefined || to === "ordered") return "ordered";
			return this.advance(pkg, nowMs, to);
		}
		const target = to ?? pkg.schedule[0]?.state;
		const index = pkg.schedule.findIndex((entry) => entry.state === target);
		if (target === undefined || index < 0)
			throw new Error(`package ${pkg.package_id} cannot move from ${current} to ${to}`);
		const shift = nowMs - (pkg.schedule[index] as TimelineEntry).at;
		const reached = pkg.schedule.splice(0, index + 1);
		for (const entry of reached) pkg.history.push({ state: entry.state, at: nowMs });
		pkg.schedule = pkg.schedule.map((entry) => ({ ...entry, at: entry.at + shift }));
		return target;
	}
}

export function isPending(status: CommandStatus): boolean {
	return status === "waiting" || status === "running";
}

/** A JWT-shaped opaque token (unsigned, for the sandbox only), like Furgonetka's. */
function jwt(claims: Record<string, unknown>): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
	return `${part({ typ: "JWT", alg: "RS256" })}.${part({ ...claims, jti: randomBytes(12).toString("hex") })}.${randomBytes(32).toString("base64url")}`;
}

/**
 * Control endpoints under `/__sandbox/furgonetka`: inspect sessions and packages, move packages
 * through their states, change validation rules and settings, and manage tokens (issue without a
 * login, revoke as a password change would, expire). Bad arguments throw; the kit answers 400.
 */
import { bodyObject, type Handler, json, type SandboxRequest } from "../kit/http.js";
import type { Router } from "../kit/router.js";
import { packageView } from "./api.js";
import type { FurgonetkaSandbox } from "./sandbox.js";
import { FINAL_STATES, type FurgonetkaSettings, type PackageState, STATES, type StoredPackage } from "./state.js";
import type { FurgonetkaRules } from "./validation.js";

function stateName(value: unknown): PackageState | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== "string" || !(STATES as readonly string[]).includes(value)) {
		throw new Error(`state must be one of ${STATES.join(", ")}`);
	}
	return value as PackageState;
}

export function registerControlRoutes(sb: FurgonetkaSandbox, router: Router<Handler>): void {
	const state = () => sb.state;
	const find = (id: string | undefined): StoredPackage => {
		const pkg = state().packages.get(id ?? "");
		if (!pkg) throw new Error(`no package ${id}`);
		return pkg;
	};
	const view = (req: SandboxRequest, pkg: StoredPackage) => packageView(sb, pkg, sb.origin(req));
	const sessions = () => {
		const now = sb.now();
		return {
			active: state().liveSessions(now).length,
			...state().counters,
			sessions: state().sessions.map((s) => ({
				id: s.id,
				via: s.via,
				createdAt: s.createdAt,
				renewedAt: s.renewedAt,
				accessExpiresAt: s.accessExpiresAt,
				refreshExpiresAt: s.refreshExpiresAt,
				revoked: s.revoked,
			})),
		};
	};

	router
		.get("/", () =>
			json(200, {
				app: { clientId: state().app.clientId },
				user: { username: state().user.username },
				settings: state().settings,
				rules: state().rules,
				services: state().services.map((s) => ({ id: s.id, service: s.service, name: s.name })),
				packages: state().packages.size,
				sessions: sessions().active,
				clock: sb.clock.describe(),
			}),
		)
		.get("/packages", (req) => json(200, { packages: [...state().packages.values()].map((pkg) => view(req, pkg)) }))
		.get("/packages/:id", (req) => {
			const pkg = find(req.params.id);
			return json(200, { package: view(req, pkg), schedule: pkg.schedule, history: pkg.history });
		})
		.post("/packages/:id/advance", (req) => {
			const pkg = find(req.params.id);
			state().tick(sb.now());
			state().advance(pkg, sb.now(), stateName(bodyObject(req).to));
			return json(200, { package: view(req, pkg), schedule: pkg.schedule, history: pkg.history });
		})
		.post("/packages/advance", (req) => {
			// Every package still moving goes one step (or to `to`, where that is ahead of it).
			const to = stateName(bodyObject(req).to);
			state().tick(sb.now());
			const moved: string[] = [];
			for (const pkg of state().packages.values()) {
				const current = state().stateOf(pkg);
				if (FINAL_STATES.has(current) || current === "collect-problem") continue;
				try {
					state().advance(pkg, sb.now(), to);
					moved.push(pkg.package_id);
				} catch {
					// Not movable to `to` from where it is: left alone.
				}
			}
			return json(200, { moved });
		})
		.get("/commands", () => json(200, { commands: [...state().commands.values()] }))
		.get("/rules", () => json(200, state().rules))
		.post("/rules", (req) => {
			const changes = bodyObject(req) as Partial<FurgonetkaRules>;
			const rules = state().rules;
			for (const key of ["requirePhone", "requireReceiverEmail", "strictPolishPostcode"] as const) {
				if (changes[key] !== undefined) rules[key] = changes[key] === true;
			}
			if (changes.limits !== undefined) {
				if (!changes.limits || typeof changes.limits !== "object") throw new Error("limits must be an object");
				rules.limits = { ...rules.limits, ...changes.limits };
			}
			return json(200, rules);
		})
		.get("/settings", () => json(200, state().settings))
		.post("/settings", (req) => {
			const changes = bodyObject(req);
			const settings = state().settings;
			const numbers = [
				"accessTokenTtl",
				"refreshTokenTtl",
				"maxSessions",
				"perSecond",
				"perDay",
				"orderDelaySeconds",
				"pickupAfterHours",
				"transitAfterHours",
				"deliverAfterHours",
			] as const;
			for (const key of numbers) {
				const value = changes[key];
				if (value === undefined) continue;
				if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
					throw new Error(`${key} must be a non-negative number`);
				settings[key] = value;
			}
			if (changes.twoFactor !== undefined) settings.twoFactor = changes.twoFactor === true;
			if (changes.packageStateFollowsTracking !== undefined) {
				settings.packageStateFollowsTracking = changes.packageStateFollowsTracking === true;
			}
			if (changes.requireVendorMediaType !== undefined) {
				settings.requireVendorMediaType = changes.requireVendorMediaType === true;
			}
			if (changes.createAnswer !== undefined) {
				if (changes.createAnswer !== "package" && changes.createAnswer !== "packages") {
					throw new Error('createAnswer must be "package" or "packages"');
				}
				settings.createAnswer = changes.createAnswer;
			}
			if (changes.rejectOrders !== undefined) {
				const reject = changes.rejectOrders;
				if (reject !== null && typeof reject !== "string") throw new Error("rejectOrders must be a message or null");
				settings.rejectOrders = reject;
			}
			sb.applySettings();
			return json(200, settings satisfies FurgonetkaSettings);
		})
		.get("/tokens", () => json(200, sessions()))
		.post("/tokens", (req) => {
			// A session without the password grant (it still counts towards the 20).
			const expiresIn = bodyObject(req).expires_in;
			if (expiresIn !== undefined && (typeof expiresIn !== "number" || expiresIn <= 0)) {
				throw new Error("expires_in must be a positive number of seconds");
			}
			const session = state().openSession(sb.now(), "control", expiresIn as number | undefined);
			return json(201, state().tokenResponse(session, sb.now()));
		})
		.post("/tokens/revoke", (req) => {
			// `all` (a password change), `oldest`, or a session id.
			const which = bodyObject(req).which ?? "all";
			const live = state().liveSessions(sb.now());
			const targets =
				which === "all" ? live : which === "oldest" ? live.slice(0, 1) : live.filter((s) => s.id === Number(which));
			for (const session of targets) state().revoke(session, "control");
			return json(200, { revoked: targets.length });
		})
		.post("/tokens/expire", () => {
			const now = sb.now();
			let expired = 0;
			for (const session of state().liveSessions(now)) {
				if (session.accessExpiresAt > now) {
					session.accessExpiresAt = now;
					expired++;
				}
			}
			return json(200, { expired });
		});
}

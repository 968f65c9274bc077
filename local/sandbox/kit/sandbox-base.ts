/**
 * The skeleton every platform sandbox shares: its clock (given, or its own, optionally started at
 * `now` and frozen), its vendor and control routers, its state rebuilt from the start-up options on
 * `/__sandbox/reset`, and the request's own origin for links it hands out. A sandbox extends it with
 * only its state, its routes and its vendor's error shapes; the node:http shell is `server.ts`.
 */
import { SimClock } from "./clock.js";
import type { Handler, SandboxRequest, SandboxResponse } from "./http.js";
import { type RateLimitConfig, RateLimiter } from "./rate-limit.js";
import { Router } from "./router.js";
import type { SandboxPlatform } from "./server.js";

/** What every sandbox's constructor takes besides its platform's own reset options. */
export interface SandboxClockOptions {
	clock?: SimClock;
	/** Sandbox start time, epoch ms; default real now. */
	now?: number;
	/** Freeze the sandbox clock at `now`, for reproducible timestamps. */
	frozen?: boolean;
}

export abstract class SandboxBase<State, ResetOptions extends object> implements SandboxPlatform {
	abstract readonly name: string;
	readonly clock: SimClock;
	readonly routes = new Router<Handler>();
	readonly controlRoutes = new Router<Handler>();
	state: State;
	/** Start-up options; a reset without arguments returns to them. */
	protected readonly defaults: ResetOptions;

	constructor(options: ResetOptions & SandboxClockOptions) {
		const { clock, now, frozen, ...defaults } = options;
		this.defaults = defaults as ResetOptions;
		this.clock = clock ?? new SimClock();
		if (now !== undefined) this.clock.set(now, frozen === true);
		this.state = this.createState(this.defaults);
	}

	/** The platform's seeded state for these options (the clock is already set). */
	protected abstract createState(options: ResetOptions): State;

	/** The options a reset seeds from: its own over the start-up ones (one level deep by default). */
	protected resetOptions(changes: ResetOptions): ResetOptions {
		return { ...this.defaults, ...changes };
	}

	/** What else goes back to its start on a reset (limiters, budgets); the state is already new. */
	protected afterReset(): void {}

	reset(options: Record<string, unknown>): void {
		const { now, frozen, clock: _ignored, ...changes } = options as SandboxClockOptions;
		this.clock.resetTo(now, frozen);
		this.state = this.createState(this.resetOptions(changes as ResetOptions));
		this.afterReset();
	}

	/** The sandbox's own origin, for links it returns (labels, status pages): it may listen on any port. */
	origin(req: SandboxRequest): string {
		return `http://${req.headers.host ?? "127.0.0.1"}`;
	}

	abstract errorBody(status: number, message: string): unknown;
	abstract revokedTokenResponse(): SandboxResponse;
	abstract rateLimitedResponse(retryAfter: number): SandboxResponse;
}

/**
 * A sandbox whose vendor limits requests per second and per day (Etsy, Furgonetka, InPost): the
 * kit's limiter follows `state.settings`, is re-read after a control call changes them, and starts
 * empty after a reset.
 */
export abstract class RateLimitedSandbox<
	State extends { settings: RateLimitConfig },
	ResetOptions extends object,
> extends SandboxBase<State, ResetOptions> {
	readonly limiter: RateLimiter;

	constructor(options: ResetOptions & SandboxClockOptions) {
		super(options);
		this.limiter = new RateLimiter(this.limits(), () => this.clock.now());
	}

	/** Pushes rate-limit settings into the limiter after a change. */
	applySettings(): void {
		this.limiter.config = this.limits();
	}

	protected override afterReset(): void {
		this.applySettings();
		this.limiter.reset();
	}

	private limits(): RateLimitConfig {
		return { perSecond: this.state.settings.perSecond, perDay: this.state.settings.perDay };
	}
}

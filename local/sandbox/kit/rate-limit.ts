/**
 * Per-second and per-day request budgets, both rolling over sandbox time: the one clock the local
 * Apps Script runtime also runs on (runtime-clock.ts), so a script that waits out a 429 with
 * Utilities.sleep finds the window moved on by as much, as it would on the platform. A test can
 * exhaust the day and advance the clock; a frozen clock moves only by advances and the script's waits.
 */

export interface RateLimitConfig {
	perSecond: number;
	perDay: number;
}

export interface RateLimitDecision {
	allowed: boolean;
	limitPerSecond: number;
	remainingThisSecond: number;
	limitPerDay: number;
	remainingToday: number;
	/** Seconds to wait when not allowed. */
	retryAfter: number;
}

const DAY_MS = 86_400_000;

export class RateLimiter {
	private secondHits: number[] = [];
	private dayHits: number[] = [];

	constructor(
		public config: RateLimitConfig,
		private readonly simNow: () => number,
	) {}

	/** Uses up `count` of today's budget at once, to start a test near the daily limit. */
	consume(count: number): void {
		const now = this.simNow();
		for (let i = 0; i < count; i++) this.dayHits.push(now);
	}

	reset(): void {
		this.secondHits = [];
		this.dayHits = [];
	}

	/** Counts the request if it is allowed. */
	hit(): RateLimitDecision {
		const sim = this.simNow();
		this.secondHits = this.secondHits.filter((t) => t > sim - 1000 && t <= sim);
		this.dayHits = this.dayHits.filter((t) => t > sim - DAY_MS && t <= sim);
		const { perSecond, perDay } = this.config;
		let retryAfter = 0;
		if (this.dayHits.length >= perDay) {
			const oldest = this.dayHits[0] ?? sim;
			retryAfter = Math.max(1, Math.ceil((oldest + DAY_MS - sim) / 1000));
		} else if (this.secondHits.length >= perSecond) {
			retryAfter = 1;
		}
		const allowed = retryAfter === 0;
		if (allowed) {
			this.secondHits.push(sim);
			this.dayHits.push(sim);
		}
		return {
			allowed,
			limitPerSecond: perSecond,
			remainingThisSecond: Math.max(0, perSecond - this.secondHits.length),
			limitPerDay: perDay,
			remainingToday: Math.max(0, perDay - this.dayHits.length),
			retryAfter,
		};
	}
}

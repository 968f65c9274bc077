/**
 * HubSpot's limits for a private app: a rolling window and a daily quota, with the search endpoints
 * limited separately per second.
 * NOTES.md "Rate limits": "Free/Starter 250,000/day and 100 per 10 s [api-evangelist, secondary]"
 * (the defaults, state.ts DEFAULT_SETTINGS); "Professional 650,000/day and 190 per 10 s" is a setting.
 * NOTES.md "Search": "**4 requests/s per token** [SRL] (... new figure UNCONFIRMED)": searchPerSecond
 * defaults to 4 and is a setting, so a higher figure can be served too.
 * NOTES.md "Rate limits": "429 when exceeded; headers `X-HubSpot-RateLimit-*` reflect your limits".
 * Not in NOTES: search counting against the day but not the 10 s window, and the policy names
 * (TEN_SECONDLY_ROLLING, SECONDLY, DAILY), from HubSpot's usage page; the connector only tells DAILY
 * (wait for tomorrow) from the rest (back off and retry). The kit's limiter counts
 * per second, not per 10 s, hence this one. Every window runs on sandbox time, the clock the local
 * runtime shares (kit/runtime-clock.ts): the script's wait after a 429 moves the windows on.
 */

const DAY_MS = 86_400_000;

export interface LimitDecision {
	allowed: boolean;
	/** The limit that refused: HubSpot's policy names. */
	policy: "TEN_SECONDLY_ROLLING" | "DAILY" | "SECONDLY" | null;
	max: number;
	remaining: number;
	intervalMs: number;
	daily: number;
	dailyRemaining: number;
}

export class HubSpotLimiter {
	private windowHits: number[] = [];
	private searchHits: number[] = [];
	private dayHits: number[] = [];

	constructor(
		private readonly config: () => { perInterval: number; intervalMs: number; perDay: number; searchPerSecond: number },
		private readonly simNow: () => number,
	) {}

	reset(): void {
		this.windowHits = [];
		this.searchHits = [];
		this.dayHits = [];
	}

	/** Spends `count` of today's quota at once, to start a test near the daily limit. */
	consume(count: number): void {
		const now = this.simNow();
		for (let i = 0; i < count; i++) this.dayHits.push(now);
	}

	/** Counts the request if it is allowed. Search requests count against the day and the search limit only. */
	hit(search: boolean): LimitDecision {
		const { perInterval, intervalMs, perDay, searchPerSecond } = this.config();
		const sim = this.simNow();
		this.windowHits = this.windowHits.filter((t) => t > sim - intervalMs && t <= sim);
		this.searchHits = this.searchHits.filter((t) => t > sim - 1000 && t <= sim);
		this.dayHits = this.dayHits.filter((t) => t > sim - DAY_MS && t <= sim);
		let policy: LimitDecision["policy"] = null;
		if (this.dayHits.length >= perDay) policy = "DAILY";
		else if (search && this.searchHits.length >= searchPerSecond) policy = "SECONDLY";
		else if (!search && this.windowHits.length >= perInterval) policy = "TEN_SECONDLY_ROLLING";
		if (policy === null) {
			this.dayHits.push(sim);
			if (search) this.searchHits.push(sim);
			else this.windowHits.push(sim);
		}
		return {
			allowed: policy === null,
			policy,
			max: perInterval,
			remaining: Math.max(0, perInterval - this.windowHits.length),
			intervalMs,
			daily: perDay,
			dailyRemaining: Math.max(0, perDay - this.dayHits.length),
		};
	}
}

/**
 * Pipedrive's token-based rate limits: every request costs the tokens its endpoint is worth (the
 * spec's `x-token-cost`) out of a daily company budget that renews at midnight (UTC here, of
 * sandbox time), and requests per API token are also limited in a rolling 2-second window, of
 * sandbox time too: the clock the local runtime shares (kit/runtime-clock.ts), so the script's
 * Utilities.sleep after a 429 moves the window on as the wait would on Pipedrive.
 *
 * Sources: Pipedrive has no ../shared/specs/pipedrive/NOTES.md; the vendor's own file there is the
 * v2 spec, pipedrive-openapi-v2.yaml, whose every operation carries `x-token-cost` (api.ts
 * TOKEN_COSTS, checked against it by test/contract/pipedrive-sandbox.test.ts). The spec says nothing
 * else about limits, so the rest is not in NOTES: chosen because Pipedrive's rate-limit help page
 * describes a daily token budget and a 2-second burst window per token, and the connector must plan
 * around both. The figures (30,000 tokens a day, 20 requests per 2 s), the header names and the
 * `retry-after` are settings or choices a connector must not depend on: src/platforms/pipedrive/
 * rate-limit.ts reads every header as optional and client.ts falls back from `retry-after` to
 * `x-ratelimit-reset` to its own back-off.
 */

export interface TokenBudgetConfig {
	dailyTokens: number;
	burstPerWindow: number;
}

export interface BudgetDecision {
	allowed: boolean;
	/** Which limit refused the request. */
	refusedBy?: "burst" | "daily";
	burstLimit: number;
	burstRemaining: number;
	/** Seconds until the burst window has room again. */
	burstReset: number;
	dailyLimit: number;
	dailyRemaining: number;
	/** Seconds to wait when refused. */
	retryAfter: number;
}

const WINDOW_MS = 2000;
const DAY_MS = 86_400_000;

export class TokenBudget {
	private windowHits: number[] = [];
	private day = -1;
	private spent = 0;

	constructor(
		public config: TokenBudgetConfig,
		private readonly simNow: () => number,
	) {}

	reset(): void {
		this.windowHits = [];
		this.day = -1;
		this.spent = 0;
	}

	/** Uses up tokens of today's budget, to start a test near the daily limit. */
	consume(tokens: number): void {
		this.rollDay();
		this.spent += tokens;
	}

	spentToday(): number {
		this.rollDay();
		return this.spent;
	}

	/** Charges `cost` tokens if both limits allow the request. */
	charge(cost: number): BudgetDecision {
		this.rollDay();
		const now = this.simNow();
		this.windowHits = this.windowHits.filter((t) => t > now - WINDOW_MS && t <= now);
		const { dailyTokens, burstPerWindow } = this.config;
		const secondsUntilRoom = () => {
			const oldest = this.windowHits[0];
			return oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
		};
		let refusedBy: BudgetDecision["refusedBy"];
		let retryAfter = 0;
		if (this.spent + cost > dailyTokens) {
			refusedBy = "daily";
			const sim = this.simNow();
			retryAfter = Math.max(1, Math.ceil((Math.floor(sim / DAY_MS + 1) * DAY_MS - sim) / 1000));
		} else if (this.windowHits.length >= burstPerWindow) {
			refusedBy = "burst";
			retryAfter = Math.max(1, secondsUntilRoom());
		}
		if (!refusedBy) {
			this.windowHits.push(now);
			this.spent += cost;
		}
		return {
			allowed: refusedBy === undefined,
			...(refusedBy ? { refusedBy } : {}),
			burstLimit: burstPerWindow,
			burstRemaining: Math.max(0, burstPerWindow - this.windowHits.length),
			burstReset: secondsUntilRoom(),
			dailyLimit: dailyTokens,
			dailyRemaining: Math.max(0, dailyTokens - this.spent),
			retryAfter,
		};
	}

	private rollDay(): void {
		const day = Math.floor(this.simNow() / DAY_MS);
		if (day !== this.day) {
			this.day = day;
			this.spent = 0;
		}
	}
}

/**
 * Pipedrive's token-based rate limits, as far as a client can see them. Every request spends the
 * tokens its endpoint costs (the `x-token-cost` of each operation in the v2 spec) from a daily
 * company budget (30,000 base tokens x plan multiplier x seats) that renews at midnight; requests
 * per API token are also limited in a rolling 2-second window. Answers report both:
 *
 * - `x-ratelimit-limit`, `x-ratelimit-remaining`, `x-ratelimit-reset` (seconds): the burst window,
 *   as Pipedrive's rate-limiting page documents them;
 * - `x-daily-ratelimit-token-limit`, `x-daily-ratelimit-token-remaining`: the daily token budget,
 *   as third-party clients read them from live answers (UNCONFIRMED in Pipedrive's docs);
 * - `x-daily-requests-left`: the older daily POST/PUT allowance of API-token requests.
 */

/** The operations Hubsheet calls, by their operationId in the v2 spec. */
export type PipedriveOperation =
	| "getDeals"
	| "getDeal"
	| "addDeal"
	| "updateDeal"
	| "searchDeals"
	| "getPerson"
	| "getPersons"
	| "addPerson"
	| "searchPersons"
	| "getStages"
	| "getPipelines"
	| "getDealFields"
	| "getDealField"
	| "addDealField"
	| "getPersonFields"
	| "addPersonField";

/** Tokens each operation costs (`x-token-cost` in pipedrive-openapi-v2.yaml; a test keeps them in step). */
export const TOKEN_COSTS: Readonly<Record<PipedriveOperation, number>> = {
	getDeals: 10,
	getDeal: 1,
	addDeal: 5,
	updateDeal: 5,
	searchDeals: 20,
	getPerson: 1,
	getPersons: 10,
	addPerson: 5,
	searchPersons: 20,
	getStages: 5,
	getPipelines: 5,
	getDealFields: 10,
	getDealField: 1,
	addDealField: 5,
	getPersonFields: 10,
	addPersonField: 5,
};

export interface PipedriveQuota {
	burstLimit: number | null;
	burstRemaining: number | null;
	/** Seconds until the burst window has room again (a duration, not a timestamp). */
	burstResetSeconds: number | null;
	dailyTokenLimit: number | null;
	dailyTokensRemaining: number | null;
	/** The older per-day POST/PUT allowance, when Pipedrive still sends it. */
	dailyRequestsLeft: number | null;
	/** When the answer came (epoch ms), so a count from before midnight UTC is not trusted after it. */
	observedAtMs: number;
}

function headerNumber(headers: Record<string, string>, name: string): number | null {
	const raw = headers[name];
	if (raw === undefined || raw.trim() === "") return null;
	const value = Number(raw.trim());
	return Number.isFinite(value) ? value : null;
}

/** The limits an answer reports, or null when it reports none. */
export function readQuota(headers: Record<string, string>, nowMs: number): PipedriveQuota | null {
	const quota = {
		burstLimit: headerNumber(headers, "x-ratelimit-limit"),
		burstRemaining: headerNumber(headers, "x-ratelimit-remaining"),
		burstResetSeconds: headerNumber(headers, "x-ratelimit-reset"),
		dailyTokenLimit: headerNumber(headers, "x-daily-ratelimit-token-limit"),
		dailyTokensRemaining: headerNumber(headers, "x-daily-ratelimit-token-remaining"),
		dailyRequestsLeft: headerNumber(headers, "x-daily-requests-left"),
	};
	if (Object.values(quota).every((value) => value === null)) return null;
	return { ...quota, observedAtMs: nowMs };
}

/** True when the answer says the daily budget (tokens, or the older POST/PUT allowance) is spent. */
export function dailyBudgetSpent(quota: PipedriveQuota | null): boolean {
	return quota !== null && (quota.dailyTokensRemaining === 0 || quota.dailyRequestsLeft === 0);
}

const DAY_MS = 86_400_000;

/** Tokens left today according to the last answer; null when unknown or reported before midnight UTC. */
export function tokensLeftToday(quota: PipedriveQuota | null, nowMs: number): number | null {
	if (quota?.dailyTokensRemaining == null) return null;
	if (Math.floor(quota.observedAtMs / DAY_MS) !== Math.floor(nowMs / DAY_MS)) return null;
	return quota.dailyTokensRemaining;
}

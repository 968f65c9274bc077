/**
 * Every retry and every recovery of one execution, by platform and by what caused it, so the Sync
 * log can say in one line per run what Hubsheet had to repeat (a fault that was overcome leaves a
 * trace the owner can find, not only a console line).
 *
 * One tally per execution: Apps Script starts each execution with fresh globals, and the sync takes
 * (and so empties) it when it writes its log.
 */
import type { PlatformName } from "../../core/connector-contracts.js";

const counts = new Map<PlatformName, Map<string, number>>();

/** Notes one retry (or recovery) on `platform`, caused by `cause` ("HTTP 503", "429", "no answer"). */
export function noteRetry(platform: PlatformName, cause: string): void {
	let byCause = counts.get(platform);
	if (!byCause) {
		byCause = new Map();
		counts.set(platform, byCause);
	}
	byCause.set(cause, (byCause.get(cause) ?? 0) + 1);
}

export interface RetryCount {
	platform: PlatformName;
	total: number;
	causes: Array<{ cause: string; count: number }>;
}

/** What was noted since the last take, by platform (in the order first noted), and empties the tally. */
export function takeRetries(): RetryCount[] {
	const taken = [...counts].map(([platform, byCause]) => ({
		platform,
		total: [...byCause.values()].reduce((sum, count) => sum + count, 0),
		causes: [...byCause].map(([cause, count]) => ({ cause, count })),
	}));
	counts.clear();
	return taken;
}

/** "Acme Shop 3 (2× HTTP 503, 1× 429); Acme CRM 1 (1× no answer)". */
export function describeRetries(retries: readonly RetryCount[]): string {
	return retries
		.map(
			({ platform, total, causes }) =>
				`${platform} ${total} (${causes.map(({ cause, count }) => `${count}× ${cause}`).join(", ")})`,
		)
		.join("; ");
}

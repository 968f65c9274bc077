/**
 * Etsy's per-second limit kept on Hubsheet's side: Etsy allows 10 requests a second per app key in a
 * rolling window (NOTES.md, Rate limits), so every request, and every batch sent together (fetchAll),
 * waits until the last second's answers leave room for it: a pull that reads pages together never
 * trips a 429.
 * The daily quota is watched apart, in rate-limit.ts.
 */
import type { Clock } from "../../ports.js";

/**
 * Etsy's published per-second limit per app key, and the most requests Hubsheet sends to Etsy within
 * any second even when an answer reports a higher one.
 */
export const ETSY_REQUESTS_PER_SECOND = 10;
/**
 * The longest a batch may take even if its requests ran one after another: well inside the 90 s
 * between a run's time budget (4.5 min) and Apps Script's kill (6 min), so a batch started just
 * before the budget still ends before the kill.
 */
const BATCH_WORST_CASE_MS = 30_000;

export class RequestPacing {
	/** When each request of the last second was answered (epoch ms), oldest first: the pacing window. */
	private answeredAt: number[] = [];
	/** The slowest single request of this execution so far (ms), retries' waits included. */
	private slowestRequestMs = 0;

	constructor(private readonly clock: Clock) {}

	/** One request, once there is room for it in the window (so a single page after a batch meets no 429). */
	one<T>(send: () => T): T {
		this.waitForRoom(1);
		const sentAt = this.clock.now().getTime();
		const answer = send();
		this.noteAnswered(1);
		this.slowestRequestMs = Math.max(this.slowestRequestMs, this.clock.now().getTime() - sentAt);
		return answer;
	}

	/** `count` requests sent together, once there is room for all of them in the window. */
	together<T>(count: number, send: () => T): T {
		this.waitForRoom(count);
		const answers = send();
		this.noteAnswered(count);
		return answers;
	}

	/**
	 * How many pages to ask for at once: Etsy's per-second limit, fewer when requests have been so
	 * slow that a batch of them, sent one after another, could outlast BATCH_WORST_CASE_MS.
	 */
	pagesPerBatch(): number {
		const affordable = Math.floor(BATCH_WORST_CASE_MS / Math.max(1, this.slowestRequestMs));
		return Math.max(1, Math.min(ETSY_REQUESTS_PER_SECOND, affordable));
	}

	/**
	 * Sleeps until `count` more requests fit in Etsy's rolling second. Counted from when earlier
	 * answers came back (a request reached Etsy before its answer did), so the window Etsy sees is
	 * never fuller than the one counted here.
	 */
	private waitForRoom(count: number): void {
		const now = this.clock.now().getTime();
		this.answeredAt = this.answeredAt.filter((at) => at > now - 1000);
		const excess = this.answeredAt.length + count - ETSY_REQUESTS_PER_SECOND;
		if (excess <= 0) return;
		const freeAt = (this.answeredAt[excess - 1] ?? now) + 1001;
		if (freeAt > now) this.clock.sleep(freeAt - now);
	}

	private noteAnswered(count: number): void {
		const at = this.clock.now().getTime();
		for (let i = 0; i < count; i++) this.answeredAt.push(at);
		// Only the newest second's worth can ever decide a wait.
		if (this.answeredAt.length > ETSY_REQUESTS_PER_SECOND)
			this.answeredAt.splice(0, this.answeredAt.length - ETSY_REQUESTS_PER_SECOND);
	}
}

/**
 * Sandbox time: real time plus an offset the control API can move forward, so a test can make
 * "three days pass" (tokens expire, ship-by dates lapse, new orders arrive) without waiting.
 * It can also be frozen, which makes generated timestamps reproducible.
 */
export class SimClock {
	private offsetMs = 0;
	private frozenAt: number | undefined;
	private readonly listeners: Array<(fromMs: number, toMs: number) => void> = [];

	constructor(private readonly realNow: () => number = Date.now) {}

	now(): number {
		return this.frozenAt ?? this.realNow() + this.offsetMs;
	}

	nowSeconds(): number {
		return Math.floor(this.now() / 1000);
	}

	get frozen(): boolean {
		return this.frozenAt !== undefined;
	}

	advance(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`);
		const from = this.now();
		if (this.frozenAt !== undefined) this.frozenAt += ms;
		else this.offsetMs += ms;
		for (const listener of this.listeners) listener(from, this.now());
	}

	/** Jumps to `nowMs`; going backwards is allowed here (a reset), unlike `advance`. */
	set(nowMs: number, frozen = false): void {
		if (!Number.isFinite(nowMs)) throw new RangeError(`invalid time ${nowMs}`);
		if (frozen) {
			this.frozenAt = nowMs;
			this.offsetMs = 0;
		} else {
			this.frozenAt = undefined;
			this.offsetMs = nowMs - this.realNow();
		}
	}

	/** Back to real time, unfrozen. */
	reset(): void {
		this.frozenAt = undefined;
		this.offsetMs = 0;
	}

	/**
	 * The clock part of a sandbox's `/__sandbox/reset`: jump to `now` (epoch ms or ISO text) if given,
	 * else freeze at real time if asked, else back to real time.
	 */
	resetTo(now: unknown, frozen: unknown): void {
		if (now !== undefined) this.set(typeof now === "string" ? Date.parse(now) : Number(now), frozen === true);
		else if (frozen === true) this.set(Date.now(), true);
		else this.reset();
	}

	onAdvance(listener: (fromMs: number, toMs: number) => void): void {
		this.listeners.push(listener);
	}

	describe(): { now: number; nowSeconds: number; iso: string; offsetMs: number; frozen: boolean } {
		const now = this.now();
		return {
			now,
			nowSeconds: Math.floor(now / 1000),
			iso: new Date(now).toISOString(),
			offsetMs: this.frozenAt === undefined ? this.offsetMs : now - this.realNow(),
			frozen: this.frozen,
		};
	}
}

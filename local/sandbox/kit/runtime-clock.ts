/**
 * One clock with the local Apps Script runtime. Every request the runtime's UrlFetchApp sends names
 * its execution and the virtual time the script has waited so far in it (`x-hubsheet-runtime-clock:
 * <execution id> <ms>`; the runtime's Utilities.sleep, lock waits and fetch times move its clock
 * without real time passing). The sandbox's clock moves on by the same amount, so a script that
 * waits out a 429 finds the rate window moved on here too, token lifetimes and the shop's simulated
 * business likewise: what a wait means to the script it means to the platform, as on Google where
 * both read the wall clock. The playground's "time passes" moves both clocks by the same steps.
 */
import type { SimClock } from "./clock.js";

export const RUNTIME_CLOCK_HEADER = "x-hubsheet-runtime-clock";
/** Executions remembered; an older one writing again would count its waits again, which none does. */
const REMEMBERED = 200;

export class RuntimeClockFollower {
	private readonly waited = new Map<string, number>();

	constructor(private readonly clock: SimClock) {}

	/** Moves the clock on by what the request's execution waited since its previous request here. */
	follow(header: string | undefined): void {
		const match = /^(\S{1,100}) (\d{1,15})$/.exec(header?.trim() ?? "");
		if (!match) return;
		const execution = match[1] as string;
		const waited = Number(match[2]);
		const before = this.waited.get(execution) ?? 0;
		this.waited.delete(execution);
		this.waited.set(execution, Math.max(before, waited));
		if (this.waited.size > REMEMBERED) {
			const oldest = this.waited.keys().next().value;
			if (oldest !== undefined) this.waited.delete(oldest);
		}
		if (waited > before) this.clock.advance(waited - before);
	}
}

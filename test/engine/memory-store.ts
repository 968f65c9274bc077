/** Plain fakes of the Store and Log ports for engine unit tests: a Map, and lists of what was logged. */
import type { ListingStore, Log } from "../../src/ports.js";

export class MemoryStore implements ListingStore {
	readonly values = new Map<string, string>();
	/** Every call, in order, so a test can count them. */
	readonly calls: string[] = [];
	constructor(initial: Record<string, string> = {}) {
		for (const [key, value] of Object.entries(initial)) this.values.set(key, value);
	}
	get(key: string): string | null {
		this.calls.push(`get ${key}`);
		return this.values.get(key) ?? null;
	}
	set(key: string, value: string): void {
		this.calls.push(`set ${key}`);
		this.values.set(key, value);
	}
	delete(key: string): void {
		this.calls.push(`delete ${key}`);
		this.values.delete(key);
	}
	all(): Record<string, string> {
		this.calls.push("all");
		return Object.fromEntries(this.values);
	}
	setAll(values: Record<string, string>): void {
		this.calls.push("setAll");
		for (const [key, value] of Object.entries(values)) this.values.set(key, value);
	}
}

export class MemoryLog implements Log {
	readonly lines: string[] = [];
	info(message: string): void {
		this.lines.push(`info: ${message}`);
	}
	warn(message: string): void {
		this.lines.push(`warn: ${message}`);
	}
	error(message: string): void {
		this.lines.push(`error: ${message}`);
	}
}

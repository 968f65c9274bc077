/**
 * LockService with real mutual exclusion between executions, in one process and across processes
 * sharing a state folder: a lock is a file `<stateDir>/locks/<name>.lock` created with `wx`
 * (exclusive create), holding who took it. Waiting polls in real time and moves the virtual clock by
 * the time waited. The runtime calls `releaseLocksOf(host)` when an execution ends, because Apps
 * Script releases a script's locks when it finishes.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ExecutionHost } from "./host.js";
import { emulatesClass } from "./not-emulated.js";

/** UNCONFIRMED: the text public emulators use; no primary trace of Google's. */
const WAIT_TIMEOUT_ERROR = "Lock timeout: another process was holding the lock for too long.";
/** A holder older than this has outlived any execution (max 30 min for Workspace accounts). */
export const STALE_LOCK_MS = 30 * 60_000;
const POLL_MS = 25;
const UNREADABLE_GRACE_MS = 5_000;

interface LockRecord {
	pid: number;
	executionId: string;
	/** Identifies the execution (host) holding it: execution ids are not unique across test hosts. */
	token: string;
	/** Real epoch ms: staleness is about real processes, not about the virtual clock. */
	acquiredAt: number;
}

interface Holder {
	token: string;
	/** Lock file paths this execution holds. */
	held: Set<string>;
}
const holders = new WeakMap<ExecutionHost, Holder>();

function holderOf(host: ExecutionHost): Holder {
	let holder = holders.get(host);
	if (!holder) {
		holder = { token: randomUUID(), held: new Set() };
		holders.set(host, holder);
	}
	return holder;
}

/** Releases every lock the execution still holds; not a service call. */
export function releaseLocksOf(host: ExecutionHost): void {
	const holder = holders.get(host);
	if (!holder) return;
	for (const path of holder.held) removeIfOwned(path, holder.token);
	holder.held.clear();
}

export function createLockService(host: ExecutionHost): GoogleAppsScript.Lock.LockService {
	const dir = join(host.options.stateDir, "locks");
	const lock = (method: string, name: string) => {
		host.touch("LockService", method);
		mkdirSync(dir, { recursive: true });
		return new Lock(host, join(dir, `${name}.lock`));
	};
	const service = {
		getScriptLock: () => lock("getScriptLock", "script"),
		getUserLock: () => lock("getUserLock", `user-${host.options.userEmail.replace(/[^\w.@-]/g, "_")}`),
		// Google returns null outside a bound script; the local script is always bound to its workbook.
		getDocumentLock: () => lock("getDocumentLock", "document"),
	};
	return service as unknown as GoogleAppsScript.Lock.LockService;
}

class Lock {
	readonly #host: ExecutionHost;
	readonly #path: string;

	constructor(host: ExecutionHost, path: string) {
		this.#host = host;
		this.#path = path;
	}

	#acquire(timeoutMs: number): boolean {
		const holder = holderOf(this.#host);
		const started = Date.now();
		const deadline = started + Math.max(0, Number(timeoutMs) || 0);
		let acquired = tryAcquire(this.#path, holder.token, this.#host.executionId);
		while (!acquired && Date.now() < deadline) {
			sleepReal(Math.min(POLL_MS, deadline - Date.now()));
			acquired = tryAcquire(this.#path, holder.token, this.#host.executionId);
		}
		this.#host.advance(Date.now() - started);
		if (acquired) holder.held.add(this.#path);
		return acquired;
	}

	tryLock(timeoutInMillis: number): boolean {
		this.#host.touch("Lock", "tryLock");
		return this.#acquire(timeoutInMillis);
	}
	waitLock(timeoutInMillis: number): void {
		this.#host.touch("Lock", "waitLock");
		if (!this.#acquire(timeoutInMillis)) throw this.#host.realm.exception(WAIT_TIMEOUT_ERROR);
	}
	hasLock(): boolean {
		this.#host.touch("Lock", "hasLock");
		const holder = holderOf(this.#host);
		// Re-read the file: a holder judged stale by another execution has lost the lock.
		return holder.held.has(this.#path) && readRecord(this.#path)?.token === holder.token;
	}
	releaseLock(): void {
		this.#host.touch("Lock", "releaseLock");
		const holder = holderOf(this.#host);
		if (!holder.held.delete(this.#path)) return;
		removeIfOwned(this.#path, holder.token);
	}
}

function tryAcquire(path: string, token: string, executionId: string): boolean {
	const record: LockRecord = { pid: process.pid, executionId, token, acquiredAt: Date.now() };
	// Two rounds: the second after removing a stale holder.
	for (let round = 0; round < 2; round++) {
		try {
			writeFileSync(path, JSON.stringify(record), { flag: "wx" });
			return true;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
		}
		const raw = readRaw(path);
		if (raw === undefined) continue; // released between our create and read: try again
		const current = parseRecord(raw);
		// An execution asking again for a lock it holds gets it (UNCONFIRMED: reentrancy in Apps Script).
		if (current?.token === token) return true;
		// An unreadable record is a holder still writing it, unless it stayed unreadable for long.
		if (current ? !isStale(current) : Date.now() - modifiedAt(path) < UNREADABLE_GRACE_MS) return false;
		// Remove only the stale record we judged, not one a faster process just wrote in its place.
		if (readRaw(path) === raw) tryUnlink(path);
	}
	return false;
}

function isStale(record: LockRecord): boolean {
	return Date.now() - record.acquiredAt > STALE_LOCK_MS || !processAlive(record.pid);
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === "EPERM";
	}
}

function modifiedAt(path: string): number {
	try {
		return statSync(path).mtimeMs;
	} catch {
		return 0;
	}
}

function readRaw(path: string): string | undefined {
	try {
		return readFileSync(path, "utf8");
	} catch {
		return undefined;
	}
}

function parseRecord(raw: string): LockRecord | undefined {
	try {
		return JSON.parse(raw) as LockRecord;
	} catch {
		return undefined;
	}
}

function readRecord(path: string): LockRecord | undefined {
	const raw = readRaw(path);
	return raw === undefined ? undefined : parseRecord(raw);
}

function removeIfOwned(path: string, token: string): void {
	if (readRecord(path)?.token === token) tryUnlink(path);
}

function tryUnlink(path: string): void {
	try {
		unlinkSync(path);
	} catch {
		// Already gone.
	}
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Blocks the thread: the script is synchronous, and so is its wait for a lock. */
function sleepReal(ms: number): void {
	if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}

emulatesClass(Lock, "Lock");

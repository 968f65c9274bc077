import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createLockService, releaseLocksOf, STALE_LOCK_MS } from "../../../local/gas/lock.js";
import { createTestHost } from "./test-host.js";

const newStateDir = () => mkdtempSync(join(tmpdir(), "hubsheet-lock-"));

const children: ChildProcess[] = [];
afterEach(() => {
	for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** Starts fixtures/lock-holder.ts in another process and resolves once it holds the script lock. */
async function holdInChild(stateDir: string, holdMs: number): Promise<ChildProcess> {
	const script = fileURLToPath(new URL("./fixtures/lock-holder.ts", import.meta.url));
	const child = spawn(process.execPath, ["--import", "tsx", script, stateDir, String(holdMs)], {
		stdio: ["ignore", "pipe", "inherit"],
	});
	children.push(child);
	await new Promise<void>((resolve, reject) => {
		child.stdout?.on("data", (chunk: Buffer) => {
			if (chunk.toString().includes("locked")) resolve();
		});
		child.once("exit", (code) => reject(new Error(`lock holder exited with ${code}`)));
	});
	return child;
}

describe("LockService", () => {
	it("gives the lock to one execution at a time on the same state folder", () => {
		const stateDir = newStateDir();
		const first = createLockService(createTestHost({ stateDir })).getScriptLock();
		const second = createLockService(createTestHost({ stateDir })).getScriptLock();
		expect(first.tryLock(0)).toBe(true);
		expect(first.hasLock()).toBe(true);
		expect(second.tryLock(100)).toBe(false);
		expect(second.hasLock()).toBe(false);
		first.releaseLock();
		expect(first.hasLock()).toBe(false);
		expect(second.tryLock(0)).toBe(true);
	});

	it("keeps script, user and document locks independent", () => {
		const stateDir = newStateDir();
		const mine = createLockService(createTestHost({ stateDir }));
		const other = createLockService(createTestHost({ stateDir, userEmail: "other@example.com" }));
		expect(mine.getScriptLock().tryLock(0)).toBe(true);
		expect(mine.getUserLock().tryLock(0)).toBe(true);
		expect(other.getUserLock().tryLock(0)).toBe(true);
		expect(other.getDocumentLock().tryLock(0)).toBe(true);
		expect(other.getScriptLock().tryLock(0)).toBe(false);
	});

	it("throws Google's text when waitLock times out, and moves the virtual clock by the wait", () => {
		const stateDir = newStateDir();
		createLockService(createTestHost({ stateDir })).getScriptLock().waitLock(0);
		const host = createTestHost({ stateDir });
		const before = host.now();
		expect(() => createLockService(host).getScriptLock().waitLock(150)).toThrow(
			"Lock timeout: another process was holding the lock for too long.",
		);
		expect(host.now() - before).toBeGreaterThanOrEqual(150);
	});

	it("releases every lock of an execution when it ends", () => {
		const stateDir = newStateDir();
		const host = createTestHost({ stateDir });
		const service = createLockService(host);
		service.getScriptLock().waitLock(0);
		service.getDocumentLock().waitLock(0);
		releaseLocksOf(host);
		const next = createLockService(createTestHost({ stateDir }));
		expect(next.getScriptLock().tryLock(0)).toBe(true);
		expect(next.getDocumentLock().tryLock(0)).toBe(true);
	});

	it("writes who holds the lock into <stateDir>/locks", () => {
		const stateDir = newStateDir();
		createLockService(createTestHost({ stateDir })).getScriptLock().waitLock(0);
		const record = JSON.parse(readFileSync(join(stateDir, "locks", "script.lock"), "utf8"));
		expect(record).toMatchObject({ pid: process.pid, executionId: "test-execution" });
		expect(typeof record.acquiredAt).toBe("number");
	});

	it("takes over a lock held for longer than 30 minutes", () => {
		const stateDir = newStateDir();
		mkdirSync(join(stateDir, "locks"));
		const old = { pid: process.pid, executionId: "old", token: "old", acquiredAt: Date.now() - STALE_LOCK_MS - 1 };
		writeFileSync(join(stateDir, "locks", "script.lock"), JSON.stringify(old));
		expect(createLockService(createTestHost({ stateDir })).getScriptLock().tryLock(0)).toBe(true);
	});

	it("waits for another process to release the lock", async () => {
		const stateDir = newStateDir();
		await holdInChild(stateDir, 400);
		const host = createTestHost({ stateDir });
		const lock = createLockService(host).getScriptLock();
		expect(lock.tryLock(0)).toBe(false);
		const before = host.now();
		lock.waitLock(10_000);
		expect(lock.hasLock()).toBe(true);
		expect(host.now()).toBeGreaterThan(before);
	});

	it("takes over the lock of a process that died holding it", async () => {
		const stateDir = newStateDir();
		const child = await holdInChild(stateDir, -1);
		const lock = createLockService(createTestHost({ stateDir })).getScriptLock();
		expect(lock.tryLock(0)).toBe(false);
		const exited = new Promise((resolve) => child.once("exit", resolve));
		child.kill("SIGKILL");
		await exited;
		expect(existsSync(join(stateDir, "locks", "script.lock"))).toBe(true);
		expect(lock.tryLock(0)).toBe(true);
	});

	it("counts each method as a service call", () => {
		const host = createTestHost();
		const lock = createLockService(host).getScriptLock();
		lock.tryLock(0);
		lock.releaseLock();
		expect(host.calls).toEqual([
			{ service: "LockService", method: "getScriptLock" },
			{ service: "Lock", method: "tryLock" },
			{ service: "Lock", method: "releaseLock" },
		]);
	});
});

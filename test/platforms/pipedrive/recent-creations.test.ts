import { describe, expect, it } from "vitest";
import { personKey, RECENT_CREATIONS_KEY, RecentCreations } from "../../../src/platforms/pipedrive/recent-creations.js";
import { FakeLog, FakeStore } from "./sandbox-http.js";

describe("RecentCreations", () => {
	it("remembers ids per kind and company, newest kept when full", () => {
		const store = new FakeStore();
		const recent = new RecentCreations(store, "acme");
		for (let i = 0; i < 130; i++) recent.remember("deals", String(i), `d${i}`);
		recent.remember("persons", personKey("Anna@Example.com", "1"), "p1");
		expect(recent.get("deals", "0")).toBeNull();
		expect(recent.get("deals", "129")).toBe("d129");
		expect(recent.get("persons", personKey("anna@example.com ", "2"))).toBe("p1");
		expect(new RecentCreations(store, "other").get("deals", "129")).toBeNull();
		expect((store.get(RECENT_CREATIONS_KEY) as string).length).toBeLessThan(9 * 1024);
		expect(store.get(RECENT_CREATIONS_KEY)).not.toContain("example.com");
		recent.forget("deals", "129");
		expect(recent.get("deals", "129")).toBeNull();
	});

	it("keys a buyer without email by the order, and survives a store that refuses writes", () => {
		expect(personKey("", "31")).toBe("order:31");
		const log = new FakeLog();
		const store = new FakeStore();
		store.set = () => {
			throw new Error("Exceeded maximum property size");
		};
		new RecentCreations(store, "acme", log).remember("deals", "1", "2");
		expect(log.lines[0]).toMatch(/could not keep the note/);
		store.values.set(RECENT_CREATIONS_KEY, "{not json");
		expect(new RecentCreations(store, "acme").get("deals", "1")).toBeNull();
	});
});

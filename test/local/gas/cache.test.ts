import { describe, expect, it } from "vitest";
import { createCacheService } from "../../../local/gas/cache.js";
import { createTestHost } from "./test-host.js";

const errorText = (fn: () => unknown) => {
	try {
		fn();
	} catch (error) {
		return String(error);
	}
	return "no error";
};

describe("CacheService", () => {
	it("puts and gets strings, null when missing", () => {
		const host = createTestHost();
		const cache = createCacheService(host).getScriptCache();
		cache.put("a", "1");
		expect(cache.get("a")).toBe("1");
		expect(cache.get("b")).toBeNull();
		expect(host.dirty.has("cache")).toBe(true);
	});

	it("keeps script, user and document caches apart", () => {
		const service = createCacheService(createTestHost());
		service.getScriptCache().put("k", "script");
		expect(service.getUserCache().get("k")).toBeNull();
		expect(service.getDocumentCache()?.get("k")).toBeNull();
	});

	it("expires entries after 600 s by default, against the virtual clock", () => {
		// A later execution reads the cache: lift the 6-minute limit of this one.
		const host = createTestHost({ executionLimitMs: 3_600_000 });
		const cache = createCacheService(host).getScriptCache();
		cache.put("a", "1");
		host.advance(599_000);
		expect(cache.get("a")).toBe("1");
		host.advance(1_000);
		expect(cache.get("a")).toBeNull();
		expect(host.state.cache.script).toEqual({});
	});

	it("honours a given expiry and caps it at 6 hours", () => {
		const host = createTestHost();
		const cache = createCacheService(host).getScriptCache();
		cache.put("short", "1", 5);
		cache.put("long", "1", 100_000);
		expect(host.state.cache.script.long?.expiresAt).toBe(host.now() + 21_600_000);
		host.advance(5_000);
		expect(cache.get("short")).toBeNull();
		expect(cache.get("long")).toBe("1");
	});

	it("gets, puts and removes many at once", () => {
		const cache = createCacheService(createTestHost()).getUserCache();
		cache.putAll({ a: "1", b: "2", c: 3 });
		expect(cache.getAll(["a", "c", "missing"])).toEqual({ a: "1", c: "3" });
		cache.removeAll(["a", "b"]);
		cache.remove("c");
		expect(cache.getAll(["a", "b", "c"])).toEqual({});
	});

	it("rejects a value over 100 KB with Argument too large: value", () => {
		const cache = createCacheService(createTestHost()).getScriptCache();
		cache.put("ok", "x".repeat(100 * 1024));
		expect(errorText(() => cache.put("big", "x".repeat(100 * 1024 + 1)))).toBe("Exception: Argument too large: value");
	});

	it("rejects a key over 250 characters", () => {
		const cache = createCacheService(createTestHost()).getScriptCache();
		cache.put("k".repeat(250), "1");
		expect(errorText(() => cache.put("k".repeat(251), "1"))).toBe("Exception: Argument too large: key");
	});

	it("keeps the 900 entries farthest from expiry once over 1,000", () => {
		const host = createTestHost();
		const cache = createCacheService(host).getScriptCache();
		for (let i = 0; i < 1_000; i++) cache.put(`k${i}`, "v", 100 + i);
		cache.put("last", "v", 5);
		expect(Object.keys(host.state.cache.script)).toHaveLength(900);
		expect(cache.get("last")).toBeNull();
		expect(cache.get("k999")).toBe("v");
		expect(cache.get("k99")).toBeNull();
	});
});

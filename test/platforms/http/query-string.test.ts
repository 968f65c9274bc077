import { describe, expect, it } from "vitest";
import { encodeQuery, percentEncode, withQuery } from "../../../src/platforms/http/query-string.js";

describe("encodeQuery", () => {
	it("keeps order, drops null and undefined, and writes booleans and numbers as text", () => {
		expect(encodeQuery({ b: 2, a: "x", skip: undefined, none: null, flag: false })).toBe("b=2&a=x&flag=false");
		expect(
			encodeQuery([
				["z", 1],
				["y", true],
			]),
		).toBe("z=1&y=true");
	});

	it("percent-encodes per RFC 3986, spaces as %20, including !'()*", () => {
		expect(encodeQuery({ scope: "transactions_r transactions_w" })).toBe("scope=transactions_r%20transactions_w");
		expect(percentEncode("a+b&c=d/é (x)!*'")).toBe("a%2Bb%26c%3Dd%2F%C3%A9%20%28x%29%21%2A%27");
		expect(percentEncode("-._~")).toBe("-._~");
	});

	it("round-trips through a standard parser, emoji and all", () => {
		const values = { note: "Zosia ❤️ & Łódź = 100%", url: "https://script.google.com/macros/d/abc/usercallback" };
		const parsed = Object.fromEntries(new URLSearchParams(encodeQuery(values)));
		expect(parsed).toEqual(values);
	});

	it("refuses a non-finite number rather than sending NaN", () => {
		expect(() => encodeQuery({ offset: Number.NaN })).toThrow(/offset/);
	});
});

describe("withQuery", () => {
	it("adds ? or & as the URL needs, and nothing for no parameters", () => {
		expect(withQuery("https://x.test/a", { q: 1 })).toBe("https://x.test/a?q=1");
		expect(withQuery("https://x.test/a?p=0", { q: 1 })).toBe("https://x.test/a?p=0&q=1");
		expect(withQuery("https://x.test/a", {})).toBe("https://x.test/a");
	});
});

import { describe, expect, it } from "vitest";
import { isTrustedLink, originOf, trustedOrigins } from "../../src/core/link-policy.js";

const FURGONETKA = trustedOrigins(["https://*.furgonetka.pl"], ["http://127.0.0.1:4001/api"]);

describe("isTrustedLink", () => {
	it("trusts https on the platform's domain and its subdomains", () => {
		expect(isTrustedLink("https://furgonetka.pl/zlokalizuj/123", FURGONETKA)).toBe(true);
		expect(isTrustedLink("https://api.furgonetka.pl/labels/x.pdf", FURGONETKA)).toBe(true);
		expect(isTrustedLink("https://API.Furgonetka.PL:443/x", FURGONETKA)).toBe(true);
	});

	it("trusts the exact configured origin, scheme and port included", () => {
		expect(isTrustedLink("http://127.0.0.1:4001/labels/x.pdf", FURGONETKA)).toBe(true);
		expect(isTrustedLink("http://127.0.0.1:4002/labels/x.pdf", FURGONETKA)).toBe(false);
		expect(isTrustedLink("https://127.0.0.1:4001/x", FURGONETKA)).toBe(false);
	});

	for (const url of [
		"javascript:alert(1)",
		"JavaScript://furgonetka.pl/%0aalert(1)",
		"data:text/html,<script>alert(1)</script>",
		"http://furgonetka.pl/x",
		"https://furgonetka.pl.evil.example/x",
		"https://evilfurgonetka.pl/x",
		"https://furgonetka.pl@evil.example/x",
		"https://furgonetka.pl:8443/x",
		" https://furgonetka.pl/x",
		"https://furgonetka.pl/x\nfoo",
		"//furgonetka.pl/x",
		"/relative",
		"",
	]) {
		it(`refuses ${JSON.stringify(url)}`, () => {
			expect(isTrustedLink(url, FURGONETKA)).toBe(false);
		});
	}

	it("trusts nothing when the platform names no origins", () => {
		expect(isTrustedLink("https://furgonetka.pl/x", [])).toBe(false);
	});
});

describe("originOf", () => {
	it("keeps scheme, host and port only, and refuses what is not http(s)", () => {
		expect(originOf("https://hooks.example.com/catch/123/abc?x=1")).toBe("https://hooks.example.com");
		expect(originOf("http://127.0.0.1:4001")).toBe("http://127.0.0.1:4001");
		expect(originOf("ftp://example.com")).toBeNull();
		expect(originOf("not a url")).toBeNull();
	});
});

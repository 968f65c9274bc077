import { describe, expect, it } from "vitest";
import { base64Encode, basicAuthorization, utf8Bytes } from "../../../src/platforms/http/base64.js";

describe("base64Encode", () => {
	it("matches Node's encoder for ASCII, padding and multi-byte text", () => {
		for (const text of [
			"",
			"f",
			"fo",
			"foo",
			"foob",
			"fooba",
			"foobar",
			"client:secret",
			"Zażółć gęślą jaźń",
			"🪑 desk",
			"a\u0000b",
		]) {
			expect(base64Encode(text)).toBe(Buffer.from(text, "utf8").toString("base64"));
		}
	});

	it("writes lone surrogates as U+FFFD, like TextEncoder", () => {
		expect(utf8Bytes("\ud800x")).toEqual([...new TextEncoder().encode("\ud800x")]);
		expect(utf8Bytes("x\udc00")).toEqual([...new TextEncoder().encode("x\udc00")]);
	});

	it("builds a Basic authorization header (RFC 7617)", () => {
		expect(basicAuthorization("Aladdin", "open sesame")).toBe("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
	});
});

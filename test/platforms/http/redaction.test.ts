import { describe, expect, it } from "vitest";
import { base64Encode, basicAuthorization } from "../../../src/platforms/http/base64.js";
import {
	foreignText,
	REDACTED,
	redactSecrets,
	unknownBodyText,
	WITHHELD,
} from "../../../src/platforms/http/redaction.js";

const SECRET = 'p@ss wörd+/"~!x';

/** Every wire form of SECRET an echoing platform could send back. */
function echoes(secret: string): Record<string, string> {
	return {
		raw: secret,
		encodeURIComponent: encodeURIComponent(secret),
		lowerHexPercent: encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
		form: new URLSearchParams({ password: secret }).toString().slice("password=".length),
		json: JSON.stringify(secret).slice(1, -1),
		phpJson: JSON.stringify(secret)
			.slice(1, -1)
			.replace(/\//g, "\\/")
			.replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`),
		basic: basicAuthorization("shop@example.com", secret),
		bareBase64: base64Encode(`shop@example.com:${secret}`),
		base64Url: base64Encode(`shop@example.com:${secret}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""),
	};
}

describe("redactSecrets", () => {
	for (const [form, echoed] of Object.entries(echoes(SECRET))) {
		it(`removes the ${form} form of a secret`, () => {
			const text = `{"error":"invalid_grant","echo":"${echoed}","hint":"check it"}`;
			const safe = redactSecrets(text, [SECRET]);
			expect(safe).toContain(REDACTED);
			expect(safe).not.toContain(echoed);
			expect(safe).toContain("invalid_grant");
		});
	}

	it("removes a short secret standing alone and keeps the words around it", () => {
		expect(redactSecrets("password=abc&user=x", ["abc"])).toBe(`password=${REDACTED}&user=x`);
		expect(redactSecrets('{"pin":"12 4"}', ["12 4"])).toBe(`{"pin":"${REDACTED}"}`);
	});

	it("withholds the whole text when a short secret hides inside a word", () => {
		expect(redactSecrets("Fabcd failed", ["abc"])).toBe(WITHHELD);
	});

	it("leaves text without secrets alone, and ignores empty secrets", () => {
		expect(redactSecrets("Invalid username and password combination.", ["", "s3cr3t-value"])).toBe(
			"Invalid username and password combination.",
		);
	});

	it("redacts any Basic or Bearer credential, told or not", () => {
		expect(redactSecrets("Authorization: Basic dXNlcjpwYXNz", [])).toBe(`Authorization: Basic ${REDACTED}`);
		expect(redactSecrets("Bearer abc.def", [])).toBe(`Bearer ${REDACTED}`);
	});
});

describe("unknownBodyText", () => {
	it("shows a JSON body's explanation fields, not the body", () => {
		expect(unknownBodyText('{"status":"x","detail":"Quota spent","echo":{"password":"hunter2"}}')).toBe("Quota spent");
		expect(unknownBodyText('{"echo":"hunter2"}')).toMatch(/unexpected format \(18 characters\)/);
	});

	it("describes a web page instead of showing its markup", () => {
		expect(unknownBodyText("<html><body>password=hunter2</body></html>")).toMatch(/^an HTML page/);
	});

	it("keeps plain text, which foreignText then redacts", () => {
		expect(foreignText(unknownBodyText("Bad gateway for hunter2x"), ["hunter2x"])).toBe(`Bad gateway for ${REDACTED}`);
	});
});

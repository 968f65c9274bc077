import { describe, expect, it } from "vitest";
import { createSession } from "../../../local/gas/session.js";
import { createTestHost } from "./test-host.js";

describe("Session", () => {
	it("reports the local user as active and effective user", () => {
		const session = createSession(createTestHost({ userEmail: "maker@example.com" }));
		expect(session.getActiveUser().getEmail()).toBe("maker@example.com");
		expect(session.getEffectiveUser().getEmail()).toBe("maker@example.com");
	});

	it("reads the script time zone from the pushed appsscript.json", () => {
		const host = createTestHost();
		host.pushFiles.set("appsscript.json", JSON.stringify({ timeZone: "America/Chicago", runtimeVersion: "V8" }));
		expect(createSession(host).getScriptTimeZone()).toBe("America/Chicago");
	});

	it("falls back to the workbook's time zone without a manifest", () => {
		expect(createSession(createTestHost()).getScriptTimeZone()).toBe("Europe/Warsaw");
	});

	it("gives a temporary user key that is stable per user and script", () => {
		const key = createSession(createTestHost()).getTemporaryActiveUserKey();
		expect(key).toMatch(/^[\w-]{20,}$/);
		expect(createSession(createTestHost()).getTemporaryActiveUserKey()).toBe(key);
		expect(createSession(createTestHost({ userEmail: "x@example.com" })).getTemporaryActiveUserKey()).not.toBe(key);
	});

	it("gives the user's language", () => {
		expect(createSession(createTestHost()).getActiveUserLocale()).toBe("en");
	});
});

import { describe, expect, it } from "vitest";
import { describeTestFailure, isChosen, notSetUpTest, passedTest } from "../../src/core/connection-words.js";
import { PlatformError } from "../../src/core/connector-contracts.js";
import { furgonetka } from "../../src/platforms/furgonetka/descriptor.js";
import { pipedrive } from "../../src/platforms/pipedrive/descriptor.js";

describe("a connection test in the owner's words", () => {
	it("says where to find the right details when the platform refuses them", () => {
		const refused = new PlatformError("Pipedrive", "GET /stages", "auth", "Pipedrive answered HTTP 401: unauthorized");
		expect(describeTestFailure("Pipedrive", refused, pipedrive.whereToFind)).toBe(
			"Pipedrive did not accept these details: copy them again in Pipedrive, your name (top right) > Personal preferences > API, and save.",
		);
		const furgonetkaRefused = new PlatformError("Furgonetka", "POST /oauth/token", "auth", "invalid_client");
		expect(describeTestFailure("Furgonetka", furgonetkaRefused, furgonetka.whereToFind)).toContain(
			"furgonetka.pl/api/oauth",
		);
	});

	it("does not blame the details when the platform could not be reached", () => {
		const down = new PlatformError("InPost", "GET /v1/shipments", "unavailable", "HTTP 503 after 3 attempts");
		expect(describeTestFailure("InPost", down)).toBe(
			"InPost could not be reached just now, so the details are saved but not yet tested; the next sync tries them.",
		);
	});
});

describe("a connection test that answered or could not start", () => {
	it("says the platform works, with what it offers to choose from when it offers anything", () => {
		expect(passedTest("Furgonetka", {})).toEqual({
			platform: "Furgonetka",
			ok: true,
			message: "Furgonetka works: Hubsheet could sign in.",
		});
		expect(passedTest("InPost", { choices: ["inpost_locker_standard"] })).toEqual({
			platform: "InPost",
			ok: true,
			message: "InPost works: Hubsheet could sign in.",
			choices: ["inpost_locker_standard"],
		});
		expect(passedTest("InPost", { choices: [] })).not.toHaveProperty("choices");
	});

	it("passes on the probe's reason when it was not tried", () => {
		expect(passedTest("Webhook", { skipped: "Webhook is tested at the next sync." })).toEqual({
			platform: "Webhook",
			ok: true,
			message: "Webhook is tested at the next sync.",
		});
	});

	it("tests only a chosen platform: not None, not an empty cell", () => {
		expect(isChosen("Pipedrive")).toBe(true);
		expect(isChosen("None")).toBe(false);
		expect(isChosen("")).toBe(false);
	});

	it("reports the setup problem that names a platform it could not connect to, else that it is not set up", () => {
		const problems = ["Pipedrive: the API token is missing.", "Furgonetka: Client secret is missing."];
		expect(notSetUpTest("Furgonetka", problems)).toEqual({
			platform: "Furgonetka",
			ok: false,
			message: "Furgonetka: Client secret is missing.",
		});
		expect(notSetUpTest("pipedrive", problems).message).toBe("Pipedrive: the API token is missing.");
		expect(notSetUpTest("InPost", problems)).toEqual({
			platform: "InPost",
			ok: false,
			message: "InPost is not set up yet.",
		});
	});
});

import { describe, expect, it } from "vitest";
import { describeTestFailure } from "../../src/core/connection-words.js";
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

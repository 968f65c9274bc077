import { describe, expect, it } from "vitest";
import { type RenewingSignIn, RenewUnderLock, renewOnlyUnderLock } from "../../src/engine/renew-under-lock.js";

/** A sign-in that counts its renewals: a stale token is renewed by accessToken(). */
function signIn(fresh: boolean) {
	const renewals: string[] = [];
	const fake: RenewingSignIn = {
		hasFreshAccess: () => fresh,
		accessToken: () => {
			if (!fresh) renewals.push("stale");
			return "token";
		},
		renewAfterRejection: (rejected) => {
			renewals.push(rejected);
			return "renewed";
		},
	};
	return { fake, renewals };
}

describe("renewing the marketplace's token only under the script lock", () => {
	it("before the lock hands out a fresh token, but renews neither a stale nor a refused one", () => {
		const fresh = signIn(true);
		const tokens = renewOnlyUnderLock(fresh.fake, () => false);
		expect(tokens.accessToken()).toBe("token");
		expect(() => tokens.renewAfterRejection("token")).toThrow(RenewUnderLock);
		const stale = signIn(false);
		expect(() => renewOnlyUnderLock(stale.fake, () => false).accessToken()).toThrow(RenewUnderLock);
		expect([...fresh.renewals, ...stale.renewals]).toEqual([]);
	});

	it("once the run holds the lock renews a stale token and a refused one", () => {
		let locked = false;
		const stale = signIn(false);
		const tokens = renewOnlyUnderLock(stale.fake, () => locked);
		expect(() => tokens.accessToken()).toThrow(RenewUnderLock);
		locked = true;
		expect(tokens.accessToken()).toBe("token");
		expect(tokens.renewAfterRejection("old")).toBe("renewed");
		expect(stale.renewals).toEqual(["stale", "old"]);
	});
});

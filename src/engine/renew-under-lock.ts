/**
 * The marketplace's token for one execution, renewed only while the run holds the script lock: the
 * marketplace rotates the refresh token on each renewal, so two executions renewing at once could
 * lose the connection. Before the lock (a trigger run's quiet check) a token that is no longer
 * fresh, or one the marketplace refused, is not renewed: `RenewUnderLock` leaves it to the full run.
 */

/** What is asked of the sign-in: whether its token is fresh, and the two ways of getting one. */
export interface RenewingSignIn {
	hasFreshAccess(): boolean;
	accessToken(): string;
	renewAfterRejection(rejected: string): string;
}

/** Thrown when a run holding no lock would have to renew the token: the full run does. */
export class RenewUnderLock extends Error {}

/** The sign-in's two token calls, renewing only once `locked()` says the run holds the lock. */
export function renewOnlyUnderLock(
	signIn: RenewingSignIn,
	locked: () => boolean,
): Pick<RenewingSignIn, "accessToken" | "renewAfterRejection"> {
	return {
		accessToken() {
			// A fresh token is handed out without renewing: the quiet check may use it.
			if (!locked() && !signIn.hasFreshAccess()) throw new RenewUnderLock();
			return signIn.accessToken();
		},
		renewAfterRejection(rejected) {
			if (!locked()) throw new RenewUnderLock();
			return signIn.renewAfterRejection(rejected);
		},
	};
}

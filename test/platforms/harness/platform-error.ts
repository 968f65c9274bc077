/** The PlatformError `act` throws; anything else it throws goes on, and throwing nothing fails the test. */
import { PlatformError } from "../../../src/core/connector-contracts.js";

export function platformErrorOf(act: () => unknown): PlatformError {
	try {
		act();
	} catch (error) {
		if (error instanceof PlatformError) return error;
		throw error;
	}
	throw new Error("expected a PlatformError");
}

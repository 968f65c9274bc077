/**
 * Session: the local user is `options.userEmail`, and the script's time zone comes from the pushed
 * appsscript.json like in Apps Script, falling back to the workbook's when the manifest has none.
 */
import { createHash } from "node:crypto";
import type { ExecutionHost } from "./host.js";
import { scriptTimeZone } from "./script-time-zone.js";

export function createSession(host: ExecutionHost): GoogleAppsScript.Base.Session {
	const touch = (method: string) => host.touch("Session", method);
	const user = () => ({
		getEmail() {
			host.touch("User", "getEmail");
			return host.options.userEmail;
		},
	});
	const session = {
		getActiveUser() {
			touch("getActiveUser");
			return user();
		},
		// Locally the script always runs as the signed-in user, as a bound script run by its owner does.
		getEffectiveUser() {
			touch("getEffectiveUser");
			return user();
		},
		getScriptTimeZone() {
			touch("getScriptTimeZone");
			return scriptTimeZone(host);
		},
		/** Deprecated alias of getScriptTimeZone. */
		getTimeZone() {
			touch("getTimeZone");
			return scriptTimeZone(host);
		},
		/** Stable per user and script, like Google's, and opaque. */
		getTemporaryActiveUserKey() {
			touch("getTemporaryActiveUserKey");
			return createHash("sha256").update(`${host.state.scriptId}:${host.options.userEmail}`).digest("base64url");
		},
		/** The user's language; locally the workbook's locale is the best stand-in ("en_US" -> "en"). */
		getActiveUserLocale() {
			touch("getActiveUserLocale");
			return host.state.workbook.locale.split(/[_-]/)[0] ?? "en";
		},
	};
	return session as unknown as GoogleAppsScript.Base.Session;
}

/**
 * Platform calls never follow a redirect (`followRedirects: false` in src/gas/apps-script-ports.ts):
 * a redirect would carry the Authorization header, the token or the password to wherever the
 * `Location` points, another origin included. A 3xx answer is therefore an error that names the
 * platform, the endpoint and the host it pointed to (the host only: a path or query may hold anything).
 */

import { PlatformError, type PlatformName } from "../../core/connector-contracts.js";
import type { HttpResponse } from "../../ports.js";

export function isRedirect(response: HttpResponse): boolean {
	return response.status >= 300 && response.status < 400;
}

/** The host a redirect points to, "the same host" for a relative Location, "nowhere" without one. */
export function redirectHost(response: HttpResponse): string {
	const location = (response.headers.location ?? "").trim();
	if (location === "") return "nowhere (no Location header)";
	const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(location);
	if (!absolute) return "another address on the same host";
	// Drop any user:password@ and keep only characters a host name has.
	const host = (absolute[1] ?? "").replace(/^.*@/, "").replace(/[^A-Za-z0-9.:[\]-]/g, "");
	return host || "an address without a host";
}

/** The owner's words for a redirect from `platform`. */
export function redirectMessage(platform: string, endpoint: string, response: HttpResponse): string {
	return (
		`${platform} ${endpoint} answered with a redirect (HTTP ${response.status}) to ${redirectHost(response)}. ` +
		`Hubsheet does not follow redirects, so your ${platform} credentials go nowhere else. ` +
		`Check the ${platform} address in Hubsheet's settings; if it is right, ${platform} may have moved this address.`
	);
}

/** The PlatformError for a redirect; a create may have been done before the redirect (303 after POST). */
export function redirectError(
	platform: PlatformName,
	endpoint: string,
	response: HttpResponse,
	mayHaveApplied: boolean,
): PlatformError {
	return new PlatformError(platform, endpoint, "unavailable", redirectMessage(platform, endpoint, response), {
		status: response.status,
		mayHaveApplied,
	});
}

/**
 * The marketplace's sign-in and client for one sync execution (script properties), shared by the
 * trigger run's quiet check (before any lock) and the full run: renewing a refused or stale token
 * waits until the run holds the script lock (engine/renew-under-lock.ts), and a request meter notes
 * what answered, for health.
 */
import { renewOnlyUnderLock } from "../engine/renew-under-lock.js";
import { RequestMeter } from "../engine/request-meter.js";
import { MARKETPLACE } from "../platforms/registry.js";
import { appsScriptHttp } from "./apps-script-ports.js";
import {
	type MarketplaceApi,
	type MarketplaceCredentials,
	type MarketplaceSignIn,
	type MarketplaceTokens,
	marketplaceApi,
	marketplaceSignIn,
} from "./marketplace-connection.js";

/** What a run needs to ask the marketplace, made once and shared by the quiet check and the full run. */
export interface MarketplaceAccess {
	oauth: MarketplaceSignIn;
	/** Health may call a platform working only if a request to it worked in this run. */
	meter: RequestMeter;
	api: MarketplaceApi;
	/** Set once the run holds the lock: only then may a refused token be renewed. */
	locked: boolean;
}

export function marketplaceAccess(credentials: MarketplaceCredentials): MarketplaceAccess {
	const oauth = marketplaceSignIn(credentials);
	const meter = new RequestMeter();
	const access = { oauth, meter, locked: false } as MarketplaceAccess;
	const guarded = renewOnlyUnderLock(oauth, () => access.locked);
	const tokens: MarketplaceTokens = {
		accessToken: () => guarded.accessToken(),
		renewAfterRejection: (rejected) => guarded.renewAfterRejection(rejected),
		refusedAfterRenewal: (endpoint, code) => oauth.refusedAfterRenewal(endpoint, code),
		accepted: () => oauth.accepted(),
		secrets: () => oauth.secrets(),
	};
	access.api = marketplaceApi(credentials, tokens, meter.wrap(MARKETPLACE.name, appsScriptHttp));
	return access;
}

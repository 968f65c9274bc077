/**
 * The runner's own marketplace sign-in (`hubsheet connect start|finish`): its secrets come from the
 * environment, its tokens are its own (the marketplace rotates refresh tokens: two engines sharing one would
 * lock each other out), and a sync asks here for the sign-in and the saved secrets.
 */
import { propertyKey } from "../platforms/http/descriptor.js";
import { MARKETPLACE } from "../platforms/registry.js";
import { nodeClock, nodeCrypto, nodeHttp, nodeLog } from "./node-ports.js";
import type { RunnerContext } from "./runner-context.js";
import { environmentName } from "./secrets.js";

/** Where the marketplace's app sends the owner back after consent, for `hubsheet connect`. */
export const REDIRECT_KEY = propertyKey(MARKETPLACE, "redirectUri");

/** The marketplace's saved secrets and the sandbox's addresses (local runs), by name. */
export function marketplaceSaved(context: RunnerContext) {
	const read = (names: readonly string[]) =>
		Object.fromEntries(
			names.flatMap((name) => {
				const value = context.secrets.get(propertyKey(MARKETPLACE, name));
				return value ? [[name, value]] : [];
			}),
		);
	return { secrets: read(Object.keys(MARKETPLACE.secrets)), overrides: read(MARKETPLACE.overrides) };
}

/** HUBSHEET_ETSY_KEYSTRING and the others: where the runner reads the marketplace's secrets. */
export const secretVariables = (): string[] =>
	Object.keys(MARKETPLACE.secrets).map((field) => environmentName(propertyKey(MARKETPLACE, field)));

export function etsyOAuthFor(context: RunnerContext): ReturnType<typeof MARKETPLACE.signIn> | null {
	const saved = marketplaceSaved(context);
	if (!saved.secrets.keystring) return null;
	return MARKETPLACE.signIn(
		{
			http: nodeHttp(context.io),
			clock: nodeClock,
			store: context.secrets,
			crypto: nodeCrypto,
			log: nodeLog(),
			...saved,
		},
		context.secrets.get(REDIRECT_KEY) ?? "http://localhost:3003/oauth/redirect",
	);
}

/** True once the runner holds its own marketplace tokens. */
export function runnerSignedIn(context: RunnerContext): boolean {
	return Boolean(context.secrets.get(MARKETPLACE.tokensKey));
}

/** The marketplace's consent page for the runner's own sign-in (`hubsheet connect start`). */
export function connectStart(context: RunnerContext): string {
	const oauth = etsyOAuthFor(context);
	if (!oauth) throw new Error(`${secretVariables()[0]} is not set.`);
	return `Open this address, approve Hubsheet, then run: hubsheet connect finish '<the address ${MARKETPLACE.name} sent you to>'\n${oauth.startAuthorization(nodeCrypto.randomToken(32))}`;
}

/** Completes the sign-in from the address the marketplace redirected the owner to (`hubsheet connect finish`). */
export function connectFinish(context: RunnerContext, redirected: string): { ok: boolean; message: string } {
	const oauth = etsyOAuthFor(context);
	if (!oauth) throw new Error(`${secretVariables()[0]} is not set.`);
	const result = oauth.completeAuthorization(Object.fromEntries(new URL(redirected).searchParams));
	return result.kind === "connected"
		? { ok: true, message: `${MARKETPLACE.name} is connected for the runner.` }
		: { ok: false, message: result.message };
}

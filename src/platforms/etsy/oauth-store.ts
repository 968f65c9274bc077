/**
 * Where Etsy's sign-in keeps its state in the Store (PropertiesService), and how it is read back.
 *
 * The access token and the refresh token are one JSON value so that they are always written
 * together: Etsy rotates the refresh token on every refresh and the previous one stops working, so
 * losing a write means losing the connection. A stored value is never quoted in a message: it holds
 * the tokens.
 */

import type { Store } from "../../ports.js";
import * as z from "../http/zod.js";
import { needsReconnect, type ReconnectReason, reconnectRequired } from "./errors.js";

/** Where the OAuth client keeps its state in the Store. Values are JSON. */
export const ETSY_STORE_KEYS = {
	/** `{ accessToken, refreshToken, expiresAtMs, userId, savedAtMs }` */
	tokens: "etsy.oauth.tokens",
	/** `{ verifier, state, createdAtMs }` between starting a sign-in and its callback. */
	pending: "etsy.oauth.pending",
	/** `{ reason, etsyCode, sinceMs }` once Etsy has refused the saved sign-in; cleared by a new sign-in. */
	reconnect: "etsy.oauth.reconnect",
} as const;

const storedTokensSchema = z.object({
	accessToken: z.string().check(z.minLength(1)),
	refreshToken: z.string().check(z.minLength(1)),
	expiresAtMs: z.number(),
	userId: z.nullable(z.string()),
	savedAtMs: z.number(),
	/** Syncs in a row in which Etsy refused even a renewed access token (see accessRefused). */
	refusedRuns: z.optional(z.number().check(z.int(), z.gte(1))),
});
export type StoredEtsyTokens = z.output<typeof storedTokensSchema>;

const pendingSchema = z.object({ verifier: z.string(), state: z.string(), createdAtMs: z.number() });
export type PendingAuthorization = z.output<typeof pendingSchema>;

const reconnectSchema = z.object({
	reason: z.enum(["not-connected", "revoked", "rejected", "unreadable"]),
	etsyCode: z.string(),
	sinceMs: z.number(),
});
export type ReconnectFlag = z.output<typeof reconnectSchema>;

/** Writes the tokens as one value; a run of refusals is kept only while there is one. */
export function writeTokens(store: Store, tokens: StoredEtsyTokens): StoredEtsyTokens {
	const { refusedRuns, ...rest } = tokens;
	const kept: StoredEtsyTokens = refusedRuns ? { ...rest, refusedRuns } : rest;
	store.set(ETSY_STORE_KEYS.tokens, JSON.stringify(kept));
	return kept;
}

export function readTokens(store: Store): StoredEtsyTokens | null {
	const raw = store.get(ETSY_STORE_KEYS.tokens);
	if (raw === null) return null;
	const parsed = storedTokensSchema.safeParse(safeJson(raw));
	// The value itself is never quoted: it holds the tokens.
	if (!parsed.success) throw reconnectRequired("oauth", "unreadable");
	return parsed.data;
}

export function writePending(store: Store, pending: PendingAuthorization): void {
	store.set(ETSY_STORE_KEYS.pending, JSON.stringify(pending));
}

export function readPending(store: Store): PendingAuthorization | null {
	const raw = store.get(ETSY_STORE_KEYS.pending);
	if (raw === null) return null;
	const parsed = pendingSchema.safeParse(safeJson(raw));
	return parsed.success ? parsed.data : null;
}

export function writeReconnectFlag(store: Store, flag: ReconnectFlag): void {
	store.set(ETSY_STORE_KEYS.reconnect, JSON.stringify(flag));
}

/** An unreadable flag still means Etsy refused the sign-in: the owner reconnects either way. */
export function readReconnectFlag(store: Store): ReconnectFlag | null {
	const raw = store.get(ETSY_STORE_KEYS.reconnect);
	if (raw === null) return null;
	const parsed = reconnectSchema.safeParse(safeJson(raw));
	return parsed.success ? parsed.data : { reason: "revoked", etsyCode: "", sinceMs: 0 };
}

/** Forgets the tokens, a pending sign-in and a reconnect flag: as if Etsy had never been connected. */
export function forgetSignIn(store: Store): void {
	store.delete(ETSY_STORE_KEYS.tokens);
	store.delete(ETSY_STORE_KEYS.pending);
	store.delete(ETSY_STORE_KEYS.reconnect);
}

export type EtsyConnectionState =
	| { kind: "not-connected" }
	| { kind: "connected"; userId: string | null; accessExpiresAtMs: number }
	| { kind: "reconnect-required"; reason: ReconnectReason; etsyCode: string; sinceMs: number; message: string };

/** What the Store says about the connection, for the sidebar and the menu: no request to Etsy. */
export function connectionState(store: Store, nowMs: number): EtsyConnectionState {
	const flag = readReconnectFlag(store);
	if (flag) {
		return {
			kind: "reconnect-required",
			reason: flag.reason,
			etsyCode: flag.etsyCode,
			sinceMs: flag.sinceMs,
			message: reconnectRequired("oauth", flag.reason, flag.etsyCode).message,
		};
	}
	let tokens: StoredEtsyTokens | null;
	try {
		tokens = readTokens(store);
	} catch (error) {
		if (needsReconnect(error)) {
			return { kind: "reconnect-required", reason: error.reason, etsyCode: "", sinceMs: nowMs, message: error.message };
		}
		throw error;
	}
	if (!tokens) return { kind: "not-connected" };
	return { kind: "connected", userId: tokens.userId, accessExpiresAtMs: tokens.expiresAtMs };
}

function safeJson(raw: string): unknown {
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}

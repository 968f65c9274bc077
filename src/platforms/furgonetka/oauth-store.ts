/**
 * Where Furgonetka's sign-in keeps its state in the Store (PropertiesService): the session's tokens
 * with their expiry, and a fingerprint of credentials Furgonetka refused. A stored value is never
 * quoted in a message: it holds tokens.
 */

import type { Store } from "../../ports.js";
import * as z from "../http/zod.js";

export const FURGONETKA_STORE_KEYS = {
	/** `{ accessToken, refreshToken, expiresAtMs, savedAtMs, account }` */
	tokens: "furgonetka.oauth.tokens",
	/** `{ fingerprint, code, sinceMs }` once Furgonetka refused these credentials. */
	refused: "furgonetka.oauth.refused",
} as const;

const storedTokensSchema = z.object({
	accessToken: z.string().check(z.minLength(1)),
	refreshToken: z.nullable(z.string().check(z.minLength(1))),
	expiresAtMs: z.number(),
	savedAtMs: z.number(),
	/** Which client and user the token belongs to (a fingerprint): other credentials mean another account. */
	account: z.string(),
});
export type StoredFurgonetkaTokens = z.output<typeof storedTokensSchema>;

const refusedSchema = z.object({ fingerprint: z.string(), code: z.string(), sinceMs: z.number() });

export type RefusedCredentials = z.output<typeof refusedSchema>;

export function writeTokens(store: Store, tokens: StoredFurgonetkaTokens): void {
	store.set(FURGONETKA_STORE_KEYS.tokens, JSON.stringify(tokens));
}

/** The stored tokens of `account`; unreadable ones (never quoted) or another account's are as none. */
export function readTokens(store: Store, account: string): StoredFurgonetkaTokens | null {
	const raw = store.get(FURGONETKA_STORE_KEYS.tokens);
	if (raw === null) return null;
	const parsed = storedTokensSchema.safeParse(safeJson(raw));
	if (!parsed.success || parsed.data.account !== account) return null;
	return parsed.data;
}

export function writeRefused(store: Store, refused: RefusedCredentials): void {
	store.set(FURGONETKA_STORE_KEYS.refused, JSON.stringify(refused));
}

export function readRefused(store: Store): RefusedCredentials | null {
	const raw = store.get(FURGONETKA_STORE_KEYS.refused);
	if (raw === null) return null;
	const parsed = refusedSchema.safeParse(safeJson(raw));
	return parsed.success ? parsed.data : null;
}

/** Forgets the session and any refused credentials. */
export function forgetSignIn(store: Store): void {
	store.delete(FURGONETKA_STORE_KEYS.tokens);
	store.delete(FURGONETKA_STORE_KEYS.refused);
}

/** A short, stable fingerprint (FNV-1a) that tells credentials apart without keeping a copy of them. */
export function fingerprintOf(parts: readonly string[]): string {
	let hash = 0x811c9dc5;
	const text = parts.join("\u0000");
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	let second = 0x9e3779b9;
	for (let i = text.length - 1; i >= 0; i--) {
		second ^= text.charCodeAt(i);
		second = Math.imul(second, 0x01000193) >>> 0;
	}
	return `${(hash >>> 0).toString(16).padStart(8, "0")}${(second >>> 0).toString(16).padStart(8, "0")}`;
}

export function safeJson(raw: string): unknown {
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}

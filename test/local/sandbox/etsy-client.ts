/** A minimal Etsy API caller for sandbox tests: the headers a real client sends, nothing more. */
import { createHash, randomBytes } from "node:crypto";
import { DEFAULT_APP } from "../../../local/sandbox/etsy/state.js";

export const API_KEY = `${DEFAULT_APP.keystring}:${DEFAULT_APP.sharedSecret}`;
export const SHOP_ID = 31_234_567;
export const RECEIPTS = `/v3/application/shops/${SHOP_ID}/receipts`;

export interface ApiResponse<T = unknown> {
	status: number;
	headers: Headers;
	text: string;
	body: T;
}

export class EtsyTestClient {
	token: string | undefined;

	constructor(readonly baseUrl: string) {}

	async request<T = unknown>(
		method: string,
		path: string,
		options: {
			query?: Record<string, string | number | boolean>;
			form?: Record<string, string>;
			headers?: Record<string, string>;
		} = {},
	): Promise<ApiResponse<T>> {
		const url = new URL(path, this.baseUrl);
		for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
		const headers: Record<string, string> = {
			"x-api-key": API_KEY,
			...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
			...options.headers,
		};
		let body: string | undefined;
		if (options.form) {
			headers["content-type"] = "application/x-www-form-urlencoded";
			body = new URLSearchParams(options.form).toString();
		}
		const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }), redirect: "manual" });
		const text = await response.text();
		let parsed: unknown;
		try {
			parsed = text === "" ? undefined : JSON.parse(text);
		} catch {
			parsed = undefined;
		}
		return { status: response.status, headers: response.headers, text, body: parsed as T };
	}

	get<T = unknown>(path: string, query?: Record<string, string | number | boolean>) {
		return this.request<T>("GET", path, query ? { query } : {});
	}
}

export function pkcePair(): { verifier: string; challenge: string } {
	const verifier = randomBytes(48).toString("base64url");
	return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export async function tokenRequest(baseUrl: string, form: Record<string, string>) {
	const response = await fetch(new URL("/v3/public/oauth/token", baseUrl), {
		method: "POST",
		headers: { "content-type": "application/x-www-form-urlencoded", "x-api-key": API_KEY },
		body: new URLSearchParams(form).toString(),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Runs the authorize page and returns the redirect's query parameters. */
export async function authorize(baseUrl: string, params: Record<string, string>): Promise<URLSearchParams> {
	const url = new URL("/oauth/connect", baseUrl);
	for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
	const response = await fetch(url, { redirect: "manual" });
	const location = response.headers.get("location");
	if (response.status !== 302 || !location)
		throw new Error(`authorize answered ${response.status}: ${await response.text()}`);
	return new URL(location).searchParams;
}

/** A minimal Pipedrive API caller for sandbox tests: the headers a real client sends, nothing more. */
import { DEFAULT_COMPANY } from "../../../local/sandbox/pipedrive/state.js";

export const API_TOKEN = DEFAULT_COMPANY.apiToken;

export interface ApiResponse<T = unknown> {
	status: number;
	headers: Headers;
	text: string;
	body: T;
}

export class PipedriveTestClient {
	token: string | undefined = API_TOKEN;

	constructor(readonly baseUrl: string) {}

	async request<T = unknown>(
		method: string,
		path: string,
		options: {
			query?: Record<string, string | number | boolean>;
			json?: unknown;
			headers?: Record<string, string>;
		} = {},
	): Promise<ApiResponse<T>> {
		const url = new URL(path, this.baseUrl);
		for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
		const headers: Record<string, string> = {
			accept: "application/json",
			...(this.token ? { "x-api-token": this.token } : {}),
			...options.headers,
		};
		let body: string | undefined;
		if (options.json !== undefined) {
			headers["content-type"] = "application/json";
			body = JSON.stringify(options.json);
		}
		const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
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

	post<T = unknown>(path: string, json: unknown) {
		return this.request<T>("POST", path, { json });
	}

	patch<T = unknown>(path: string, json: unknown) {
		return this.request<T>("PATCH", path, { json });
	}
}

export interface Envelope<T> {
	success: boolean;
	data: T;
	additional_data?: { next_cursor: string | null };
	error?: string;
}

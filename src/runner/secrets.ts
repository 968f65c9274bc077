/**
 * The runner's secrets: platform credentials and the marketplace's tokens, never in a cell. Each is read from an
 * environment variable (HUBSHEET_ + the script property's name in upper snake case:
 * `crm.apiToken` -> HUBSHEET_CRM_API_TOKEN; Secret Manager maps them on Cloud Run) or
 * from a JSON file named by HUBSHEET_SECRETS_FILE, keyed by the script properties' names. What the
 * runner must keep (the marketplace rotates its refresh token at every refresh; a courier's tokens) is written
 * back to that file, so it must be writable and kept between runs (README: a Cloud Storage volume).
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { Log, Store } from "../ports.js";

export const SECRETS_FILE_VARIABLE = "HUBSHEET_SECRETS_FILE";

/** `crm.apiToken` -> `HUBSHEET_CRM_API_TOKEN`. */
export function environmentName(key: string): string {
	return `HUBSHEET_${key
		.replace(/([a-z0-9])([A-Z])/g, "$1_$2")
		.replace(/[^A-Za-z0-9]+/g, "_")
		.toUpperCase()}`;
}

function readFile(file: string): Record<string, string> {
	if (!existsSync(file)) return {};
	const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
	if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
		throw new Error(`${file} must hold one JSON object of names and texts.`);
	}
	return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
}

export function secretStore(env: NodeJS.ProcessEnv, log: Log): Store {
	const file = env[SECRETS_FILE_VARIABLE];
	const saved = file ? readFile(file) : {};
	let warned = false;
	const persist = () => {
		if (!file) {
			if (!warned) {
				log.warn(
					`A token changed but ${SECRETS_FILE_VARIABLE} names no file to keep it in: the next run will not have it. Set ${SECRETS_FILE_VARIABLE} to a writable file that is kept between runs.`,
				);
				warned = true;
			}
			return;
		}
		const temporary = `${file}.${process.pid}.tmp`;
		writeFileSync(temporary, `${JSON.stringify(saved, null, "\t")}\n`, { mode: 0o600 });
		renameSync(temporary, file);
		chmodSync(file, 0o600);
	};
	return {
		// The file wins: it holds what the runner itself saved last (a rotated token).
		get: (key) => saved[key] ?? env[environmentName(key)] ?? null,
		set(key, value) {
			saved[key] = value;
			persist();
		},
		delete(key) {
			if (!(key in saved)) return;
			delete saved[key];
			persist();
		},
	};
}

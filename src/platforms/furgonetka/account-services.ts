/** The carriers on the owner's Furgonetka account, and which one a Settings value names. */
import type { ValidationProblem } from "../../core/connector-contracts.js";
import type { FurgonetkaApi } from "./client.js";
import { type FurgonetkaService, servicesResponseSchema } from "./schemas.js";

export function readServices(api: FurgonetkaApi): FurgonetkaService[] {
	const endpoint = "GET /account/services";
	const response = api.call({ method: "get", path: "/account/services", endpoint, idempotent: true });
	if (response.status < 200 || response.status >= 300) throw api.unexpected(endpoint, response);
	return api.parse(servicesResponseSchema, endpoint, response).services;
}

/** By its code (`dpd`), its id, or its name, case aside. */
export function findService(services: readonly FurgonetkaService[], name: string): FurgonetkaService | null {
	const wanted = name.trim().toLowerCase();
	return (
		services.find((s) => s.service.toLowerCase() === wanted) ??
		services.find((s) => String(s.id) === wanted) ??
		services.find((s) => (s.name ?? "").toLowerCase() === wanted) ??
		null
	);
}

export function unknownServiceProblem(services: readonly FurgonetkaService[], name: string): ValidationProblem {
	const known = services.map((s) => s.service).join(", ");
	return {
		field: "service",
		message: `Furgonetka has no service "${name}" on this account${known ? ` (available: ${known})` : ""}`,
	};
}

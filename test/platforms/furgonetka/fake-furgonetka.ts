/**
 * An in-memory Furgonetka behind a fake Http, for the connector's unit tests: tokens, services,
 * packages, order commands, with one-shot overrides (`once`) to inject a 5xx, a timeout, a
 * malformed answer or a refusal at exactly one request. The sandbox (local/sandbox/furgonetka)
 * is the full emulation; this is just enough to drive every branch of the connector quickly.
 */

import type { ShipmentRequest } from "../../../src/core/connector-contracts.js";
import { FurgonetkaConnector, type FurgonetkaConnectorOptions } from "../../../src/platforms/furgonetka/connector.js";
import type { HttpRequest, HttpResponse } from "../../../src/ports.js";
import { FakeClock, FakeHttp, FakeLog, FakeStore, json } from "../etsy/fakes.js";
import { shipmentRequest as courierShipment } from "../harness/shipment-request.js";

export const BASE = "https://furgonetka.test";
export const CREDENTIALS = {
	clientId: "client-id-4711-abcdef",
	clientSecret: "client-secret-XYZ-987654",
	username: "owner@ergodrewno.example",
	password: "pa55word-very-secret",
};

export function jwtLike(label: string): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
	return `${part({ typ: "JWT" })}.${part({ label })}.${Buffer.from(`signature-${label}-0123456789`).toString("base64url")}`;
}

export interface FakePackage {
	package_id: string;
	state: string;
	service: string;
	service_id: number;
	user_reference_number: string | null;
	parcels: Array<{ package_no: string | null }>;
	label: { url: string | null };
	datetime_add: string;
}

type Override = (request: HttpRequest) => HttpResponse;

export class FakeFurgonetka {
	readonly http: FakeHttp;
	readonly store = new FakeStore();
	readonly clock = new FakeClock(Date.UTC(2026, 10, 2, 9, 0, 0));
	readonly log = new FakeLog();
	packages: FakePackage[] = [];
	readonly commands = new Map<string, { status: string; packageIds: string[]; errors: Array<{ message: string }> }>();
	logins = 0;
	refreshes = 0;
	/** What the next order commands end as. */
	commandStatus: "successful" | "waiting" | "running" | "partial_success" | "error" | "failed" = "successful";
	commandErrors: Array<{ path?: string; message: string }> = [{ message: "No pick-up available" }];
	waybill = "620000000000000000000123";
	tokenTtl = 2_592_000;
	/** The carrier's scans per package id, oldest first, served by `GET /packages/{id}/tracking`. */
	readonly scans = new Map<string, string[]>();
	validateAnswer: HttpResponse = { status: 204, headers: {}, body: "" };
	private nextId = 70_000_001;
	private tokenCount = 0;
	private readonly overrides: Array<{ method: string; path: RegExp; respond: Override }> = [];

	constructor() {
		this.http = new FakeHttp((request) => this.answer(request));
	}

	connector(options: Partial<FurgonetkaConnectorOptions> = {}): FurgonetkaConnector {
		return new FurgonetkaConnector({
			http: this.http,
			clock: this.clock,
			store: this.store,
			log: this.log,
			credentials: CREDENTIALS,
			apiBaseUrl: BASE,
			...options,
		});
	}

	/** The next request matching method and path gets `respond`'s answer (or its throw) instead. */
	once(method: string, path: RegExp, respond: Override): this {
		this.overrides.push({ method: method.toUpperCase(), path, respond });
		return this;
	}

	addPackage(fields: Partial<FakePackage> = {}): FakePackage {
		const pkg: FakePackage = {
			package_id: String(this.nextId++),
			state: "waiting",
			service: "dpd",
			service_id: 11001,
			user_reference_number: null,
			parcels: [{ package_no: null }],
			label: { url: null },
			datetime_add: "2026-11-02 09:00:00",
			...fields,
		};
		this.packages.push(pkg);
		return pkg;
	}

	requestsTo(method: string, path: RegExp): HttpRequest[] {
		return this.http.requests.filter((r) => r.method.toUpperCase() === method.toUpperCase() && path.test(pathOf(r)));
	}

	private answer(request: HttpRequest): HttpResponse {
		const method = request.method.toUpperCase();
		const path = pathOf(request);
		const index = this.overrides.findIndex((o) => o.method === method && o.path.test(path));
		if (index >= 0) {
			const [override] = this.overrides.splice(index, 1);
			return (override as (typeof this.overrides)[number]).respond(request);
		}
		if (path === "/oauth/token") return this.token(request);
		if (!/^Bearer /.test(request.headers?.authorization ?? "")) return json(401, { error: "access_denied" });
		if (method === "GET" && path === "/account/services") {
			return json(200, {
				services: [
					{ id: 11001, service: "dpd", name: "DPD Classic" },
					{ id: 11006, service: "inpostkurier", name: "InPost Kurier" },
				],
			});
		}
		if (method === "POST" && path === "/packages/validate") return this.validateAnswer;
		if (method === "POST" && path === "/packages") {
			const body = JSON.parse(request.body ?? "{}") as { user_reference_number?: string; service_id?: number };
			const pkg = this.addPackage({
				user_reference_number: body.user_reference_number ?? null,
				service_id: body.service_id ?? 11001,
				service: body.service_id === 11006 ? "inpostkurier" : "dpd",
			});
			return json(200, pkg);
		}
		if (method === "GET" && path === "/packages") {
			const query = new URL(request.url).searchParams;
			const q = query.get("query") ?? "";
			const limit = Number(query.get("limit") ?? 50);
			const after = query.get("last_package_id");
			const list = this.packages
				.slice()
				.sort((a, b) => Number(b.package_id) - Number(a.package_id))
				.filter((p) => after === null || Number(p.package_id) < Number(after))
				.filter((p) => (p.user_reference_number ?? "").includes(q))
				.slice(0, limit);
			return json(200, { packages: list });
		}
		const one = /^\/packages\/([^/]+)$/.exec(path);
		if (method === "GET" && one) {
			const pkg = this.packages.find((p) => p.package_id === one[1]);
			return pkg ? json(200, pkg) : json(404, { errors: [{ message: "Package not found." }] });
		}
		const tracking = /^\/packages\/([^/]+)\/tracking$/.exec(path);
		if (method === "GET" && tracking) {
			const items = this.scans.get(tracking[1] ?? "") ?? [];
			return json(200, {
				tracking: items.map((state, i) => ({ state, status: state, datetime: `2026-11-0${i + 2}T10:00:00+01:00` })),
			});
		}
		const command = /^\/order-commands\/([^/]+)$/.exec(path);
		if (command) {
			const uuid = command[1] as string;
			if (method === "PUT") {
				const body = JSON.parse(request.body ?? "{}") as { packages: Array<{ id: number | string }> };
				const ids = body.packages.map((p) => String(p.id));
				const status = this.commandStatus;
				this.commands.set(uuid, {
					status,
					packageIds: ids,
					errors: ["failed", "error", "partial_success"].includes(status) ? this.commandErrors : [],
				});
				if (status === "successful") for (const id of ids) this.order(id);
				return json(201, { uuid });
			}
			const found = this.commands.get(uuid);
			return found
				? json(200, { uuid, status: found.status, datetime_change: null, errors: found.errors })
				: json(400, { errors: [{ code: "commandNotExists" }] });
		}
		return json(404, { errors: [{ message: `No route ${method} ${path}` }] });
	}

	/** Orders a package's pick-up as a completed command does. */
	order(id: string): void {
		const pkg = this.packages.find((p) => p.package_id === id);
		if (!pkg) return;
		pkg.state = "ordered";
		pkg.parcels = pkg.parcels.map(() => ({ package_no: this.waybill }));
		pkg.label = { url: `${BASE}/labels/${pkg.package_id}.pdf` };
	}

	private token(request: HttpRequest): HttpResponse {
		const form = Object.fromEntries(new URLSearchParams(request.body ?? ""));
		if (form.grant_type === "password") this.logins++;
		if (form.grant_type === "refresh_token") this.refreshes++;
		const n = ++this.tokenCount;
		return json(200, {
			token_type: "Bearer",
			expires_in: this.tokenTtl,
			access_token: jwtLike(`access-${n}`),
			refresh_token: jwtLike(`refresh-${n}`),
		});
	}
}

export function pathOf(request: HttpRequest): string {
	return new URL(request.url).pathname;
}

export function bodyOf(request: HttpRequest): Record<string, unknown> {
	return JSON.parse(request.body ?? "{}") as Record<string, unknown>;
}

export function shipmentRequest(overrides: Partial<ShipmentRequest> = {}): ShipmentRequest {
	return courierShipment({
		receiver: { state: "mazowieckie" },
		sender: { phone: "+48 600 700 800" },
		parcels: [{ lengthCm: 160, widthCm: 80.2, heightCm: 12, weightKg: 28.456 }],
		...overrides,
	});
}

/**
 * An in-memory ShipX behind a fake Http, for the InPost connector's unit tests: shipments that stay
 * `created` until the test confirms them, the list with its `reference` filter, and one-shot
 * overrides (`once`) to inject a 5xx, a timeout, a refusal or a malformed answer at one request.
 */
import type { ShipmentRequest } from "../../../src/core/connector-contracts.js";
import { InpostConnector, type InpostConnectorOptions } from "../../../src/platforms/inpost/connector.js";
import type { HttpRequest, HttpResponse } from "../../../src/ports.js";
import { FakeClock, FakeHttp, FakeLog, json } from "../etsy/fakes.js";
import { shipmentRequest } from "../harness/shipment-request.js";

export const BASE = "https://shipx.test";
export const TOKEN = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from('{"org":1234,"sub":"unit-test"}').toString("base64url")}.c2lnbmF0dXJlLXVuaXQtdGVzdC0wMTIzNDU2Nzg5`;
export const ORGANIZATION = "1234";

export interface FakeShipment {
	id: number;
	status: string;
	tracking_number: string | null;
	service: string;
	reference: string | null;
	parcels: Array<{ tracking_number: string | null }>;
	created_at: string;
}

type Override = (request: HttpRequest) => HttpResponse;

export class FakeInpost {
	readonly http: FakeHttp;
	readonly clock = new FakeClock(Date.UTC(2026, 10, 2, 9, 0, 0));
	readonly log = new FakeLog();
	shipments: FakeShipment[] = [];
	/** Whether the list honours `reference` (ShipX's documented filters do not name it). */
	filtersByReference = true;
	private nextId = 498_000_001;
	private readonly overrides: Array<{ method: string; path: RegExp; respond: Override }> = [];

	constructor() {
		this.http = new FakeHttp((request) => this.answer(request));
	}

	connector(options: Partial<InpostConnectorOptions> = {}): InpostConnector {
		return new InpostConnector({
			http: this.http,
			clock: this.clock,
			log: this.log,
			apiToken: TOKEN,
			organizationId: ORGANIZATION,
			apiBaseUrl: BASE,
			...options,
		});
	}

	once(method: string, path: RegExp, respond: Override): this {
		this.overrides.push({ method: method.toUpperCase(), path, respond });
		return this;
	}

	add(fields: Partial<FakeShipment> = {}): FakeShipment {
		const shipment: FakeShipment = {
			id: this.nextId++,
			status: "created",
			tracking_number: null,
			service: "inpost_courier_standard",
			reference: null,
			parcels: [{ tracking_number: null }],
			created_at: new Date(this.clock.nowMs + this.shipments.length * 1000).toISOString(),
			...fields,
		};
		this.shipments.push(shipment);
		return shipment;
	}

	confirm(shipment: FakeShipment, trackingNumber: string): void {
		shipment.status = "confirmed";
		shipment.tracking_number = trackingNumber;
		shipment.parcels = [{ tracking_number: trackingNumber }];
	}

	requestsTo(method: string, path: RegExp): HttpRequest[] {
		return this.http.requests.filter(
			(r) => r.method.toUpperCase() === method.toUpperCase() && path.test(new URL(r.url).pathname),
		);
	}

	private answer(request: HttpRequest): HttpResponse {
		const method = request.method.toUpperCase();
		const url = new URL(request.url);
		const path = url.pathname;
		const index = this.overrides.findIndex((o) => o.method === method && o.path.test(path));
		if (index >= 0) {
			const [override] = this.overrides.splice(index, 1);
			return (override as (typeof this.overrides)[number]).respond(request);
		}
		if (request.headers?.authorization !== `Bearer ${TOKEN}`) {
			return json(401, { status: 401, error: "token_invalid", message: "Token is missing or invalid.", details: {} });
		}
		if (path === `/v1/organizations/${ORGANIZATION}/shipments` && method === "POST") {
			const body = JSON.parse(request.body ?? "{}") as { reference?: string; service?: string };
			return json(201, this.add({ reference: body.reference ?? null, service: body.service ?? "" }));
		}
		if (path === `/v1/organizations/${ORGANIZATION}/shipments` && method === "GET") {
			const reference = url.searchParams.get("reference");
			const page = Number(url.searchParams.get("page") ?? 1);
			const perPage = Number(url.searchParams.get("per_page") ?? 25);
			const matching = this.shipments
				.filter((s) => !this.filtersByReference || reference === null || s.reference === reference)
				.slice()
				.sort((a, b) => b.created_at.localeCompare(a.created_at));
			return json(200, {
				href: request.url,
				count: matching.length,
				page,
				per_page: perPage,
				items: matching.slice((page - 1) * perPage, page * perPage),
			});
		}
		if (/^\/v1\/organizations\/\d+\/shipments$/.test(path)) {
			return json(403, { status: 403, error: "access_forbidden", message: "No access.", details: {} });
		}
		const one = /^\/v1\/shipments\/(\d+)$/.exec(path);
		if (one && method === "GET") {
			const shipment = this.shipments.find((s) => String(s.id) === one[1]);
			return shipment
				? json(200, shipment)
				: json(404, { status: 404, error: "resource_not_found", message: "Resource not found.", details: {} });
		}
		return json(404, {
			status: 404,
			error: "resource_not_found",
			message: `No route ${method} ${path}`,
			details: null,
		});
	}
}

export function bodyOf(request: HttpRequest): Record<string, unknown> {
	return JSON.parse(request.body ?? "{}") as Record<string, unknown>;
}

export function courierRequest(overrides: Partial<ShipmentRequest> = {}): ShipmentRequest {
	return shipmentRequest({
		receiver: { email: "", phone: "+48 500-600-700" },
		parcels: [{ lengthCm: 160, widthCm: 80.25, heightCm: 12, weightKg: 28.456 }],
		service: "inpost_courier_standard",
		...overrides,
	});
}

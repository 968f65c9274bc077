/**
 * Every connector as the shared connector suite meets it: its descriptor (so the connector is built
 * as the add-on builds it), its sandbox in this process, the credentials that sandbox accepts, one
 * create and one read, and where the sandbox keeps what was created. A CRM's create is a deal, a
 * courier's a shipment, the marketplace's (Etsy) the tracking it posts on the order's receipt.
 */
import { SHOP } from "../../../local/sandbox/etsy/catalog.js";
import type { EtsySandbox } from "../../../local/sandbox/etsy/sandbox.js";
import { FurgonetkaSandbox } from "../../../local/sandbox/furgonetka/sandbox.js";
import { HubSpotSandbox } from "../../../local/sandbox/hubspot/sandbox.js";
import { DEFAULT_TOKEN as INPOST_TOKEN } from "../../../local/sandbox/inpost/catalog.js";
import { InpostSandbox } from "../../../local/sandbox/inpost/sandbox.js";
import type { SandboxPlatform } from "../../../local/sandbox/kit/server.js";
import { PipedriveSandbox } from "../../../local/sandbox/pipedrive/sandbox.js";
import { WebhookSandbox } from "../../../local/sandbox/webhook/sandbox.js";
import type { CourierConnector, CrmConnector, ShipmentRequest } from "../../../src/core/connector-contracts.js";
import type { ConnectorContext, ConnectorDescriptor } from "../../../src/platforms/http/descriptor.js";
import { descriptorOf, MARKETPLACE } from "../../../src/platforms/registry.js";
import type { HttpRequest } from "../../../src/ports.js";
import {
	connectEtsy,
	type EtsyClient,
	etsySandbox,
	KEYSTRING,
	marketplaceContext,
	paidReceipt,
	SHARED_SECRET,
} from "../etsy/sandbox-world.js";
import type { InProcessHttp } from "./in-process-http.js";
import { newDeal } from "./new-deal.js";
import { shipmentRequest } from "./shipment-request.js";

export const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);
const common = { now: NOW, frozen: true, seed: 7 };

export type Connector = CrmConnector | CourierConnector | EtsyClient;

export interface ConnectorCase {
	descriptor: Pick<ConnectorDescriptor, "name" | "id">;
	sandbox(): SandboxPlatform;
	/**
	 * Builds the connector as the add-on does when that is more than the descriptor's `create` (the
	 * marketplace signs in first, through its sandbox's authorize page, the first time).
	 */
	connect?(context: ConnectorContext, http: InProcessHttp): Connector;
	secrets: Record<string, string>;
	settings: Record<string, string>;
	/** The secret a platform's answer might echo: it must never reach a message or the log. */
	secret: string;
	/** Credentials a request carried (keys, tokens issued by the sandbox) that an answer might echo too. */
	carried?(request: HttpRequest): string[];
	/** Creates the object for `orderId` (a deal, a shipment, the tracking on the order's receipt). */
	create(connector: Connector, orderId: string, sandbox: SandboxPlatform): unknown;
	/** The crash-recovery look-up; null for a platform that has none (a webhook relies on event ids). */
	find: ((connector: Connector, orderId: string, sandbox: SandboxPlatform) => unknown) | null;
	/** The create request, and a request safe to repeat that `read` sends. */
	createPath: { method: string; path: RegExp };
	readPath: { method: string; path: RegExp };
	read(connector: Connector, sandbox: SandboxPlatform): unknown;
	/** What the sandbox holds, each one serialisable (counted by the order id in it). */
	records(sandbox: SandboxPlatform): Iterable<unknown>;
}

const descriptor = (name: string): ConnectorDescriptor => {
	const found = descriptorOf(name);
	if (!found) throw new Error(`no descriptor for ${name}`);
	return found;
};

export function shipment(orderId: string, service: string, zip: string): ShipmentRequest {
	return shipmentRequest({
		orderId,
		receiver: { zip, phone: "+48 500 600 700" },
		sender: { zip: zip === "01-234" ? "30-001" : "30001" },
		parcels: [{ lengthCm: 60, widthCm: 40, heightCm: 12, weightKg: 8 }],
		service,
	});
}

const crm = (connector: Connector) => connector as CrmConnector;
const courier = (connector: Connector) => connector as CourierConnector;
const marketplace = (connector: Connector) => connector as EtsyClient;

/** The Etsy sandbox of a case holds one paid order, the receipt every Etsy request is about. */
const onlyReceipt = (sandbox: SandboxPlatform) => {
	const [receipt] = (sandbox as EtsySandbox).state.sortedReceipts();
	if (!receipt) throw new Error("the Etsy case's sandbox holds no receipt");
	return String(receipt.receipt_id);
};
/** The tracking code posted for an order names the order, so the sandbox's shipments count by it. */
const trackingFor = (orderId: string) => `HS${orderId}PL`;
type Records = { state: Record<string, unknown> };
const values = (map: unknown): Iterable<unknown> => (map as Map<unknown, unknown>).values();

export const CASES: ConnectorCase[] = [
	{
		descriptor: descriptor("Pipedrive"),
		sandbox: () => new PipedriveSandbox({ ...common, settings: { burstPerWindow: 100_000, searchLagSeconds: 0 } }),
		secrets: { apiToken: "5b1f2c3d4e5f60718293a4b5c6d7e8f901234567" },
		settings: { pipedriveCompany: "ergodrewno" },
		secret: "5b1f2c3d4e5f60718293a4b5c6d7e8f901234567",
		create: (c, orderId) => crm(c).createDeal(newDeal(orderId)),
		find: (c, orderId) => crm(c).findDeal(orderId),
		createPath: { method: "POST", path: /^\/api\/v2\/deals$/ },
		readPath: { method: "GET", path: /^\/api\/v2\/stages$/ },
		read: (c) => crm(c).unknownStages(["New"]),
		records: (s) => values((s as unknown as Records).state.deals),
	},
	{
		descriptor: descriptor("HubSpot"),
		sandbox: () => new HubSpotSandbox(common),
		secrets: { accessToken: "pat-eu1-5b0c3f1e-8d2a-4c6b-9e7f-0a1b2c3d4e5f" },
		settings: { hubspotPortalId: "146512389", hubspotPipeline: "default" },
		secret: "pat-eu1-5b0c3f1e-8d2a-4c6b-9e7f-0a1b2c3d4e5f",
		create: (c, orderId) => crm(c).createDeal(newDeal(orderId)),
		find: (c, orderId) => crm(c).findDeal(orderId),
		createPath: { method: "POST", path: /^\/crm\/v3\/objects\/deals$/ },
		readPath: { method: "GET", path: /^\/crm\/v3\/pipelines\/deals$/ },
		read: (c) => crm(c).unknownStages(["New"]),
		records: (s) => values((s as unknown as { state: { records: { deals: unknown } } }).state.records.deals),
	},
	{
		descriptor: descriptor("Webhook"),
		sandbox: () => new WebhookSandbox(common),
		secrets: { url: "https://webhook.sandbox.test/hooks/orders", signingSecret: "whsec_sandbox_5f2b7c1e9a4d4e0b8c3a" },
		settings: {},
		secret: "whsec_sandbox_5f2b7c1e9a4d4e0b8c3a",
		create: (c, orderId) => crm(c).createDeal(newDeal(orderId)),
		find: null,
		createPath: { method: "POST", path: /^\/hooks\/orders$/ },
		// A stage move is an event the receiver drops when it has seen its id: safe to repeat.
		readPath: { method: "POST", path: /^\/hooks\/orders$/ },
		read: (c) => {
			const [result] = crm(c).moveStages([{ orderId: "3177700999", dealId: "d-1", stageName: "Design", change: 1 }]);
			if (result && !result.ok) throw result.error;
			return result;
		},
		records: (s) => values((s as unknown as Records).state.deals),
	},
	{
		descriptor: descriptor("Furgonetka"),
		sandbox: () => new FurgonetkaSandbox(common),
		secrets: {
			clientId: "hubsheet-sandbox-client",
			clientSecret: "furgonetka-sandbox-client-secret",
			username: "sklep@ergodrewno.example",
			password: "furgonetka-sandbox-password",
		},
		settings: { courierService: "dpd" },
		secret: "furgonetka-sandbox-password",
		create: (c, orderId) => courier(c).createShipment(shipment(orderId, "dpd", "01234")),
		find: (c, orderId) => courier(c).findShipment(orderId),
		createPath: { method: "POST", path: /^\/packages$/ },
		readPath: { method: "GET", path: /^\/packages$/ },
		read: (c) => courier(c).findShipment("3177700998"),
		records: (s) => values((s as unknown as Records).state.packages),
	},
	{
		descriptor: descriptor("InPost"),
		sandbox: () => new InpostSandbox(common),
		secrets: { apiToken: INPOST_TOKEN },
		settings: { courierService: "inpost_courier_standard", inpostOrganizationId: "1234" },
		secret: INPOST_TOKEN,
		create: (c, orderId) => courier(c).createShipment(shipment(orderId, "inpost_courier_standard", "01-234")),
		find: (c, orderId) => courier(c).findShipment(orderId),
		createPath: { method: "POST", path: /^\/v1\/organizations\/1234\/shipments$/ },
		readPath: { method: "GET", path: /^\/v1\/organizations\/1234\/shipments$/ },
		read: (c) => courier(c).findShipment("3177700998"),
		records: (s) => values((s as unknown as Records).state.shipments),
	},
	{
		descriptor: MARKETPLACE,
		sandbox: () => {
			const sandbox = etsySandbox(common);
			paidReceipt(sandbox);
			return sandbox;
		},
		connect: (context, http) => connectEtsy(marketplaceContext(context), http).api,
		secrets: { keystring: KEYSTRING, sharedSecret: SHARED_SECRET },
		settings: { etsyShopId: String(SHOP.shop_id) },
		secret: SHARED_SECRET,
		// Etsy's x-api-key is `keystring:shared_secret`; its bearer token was issued by the sandbox.
		carried: (request) => [
			request.headers?.["x-api-key"] ?? "",
			(request.headers?.authorization ?? "").replace(/^Bearer /, ""),
		],
		// Posting tracking is Etsy's one create: it e-mails the buyer, so it must happen once.
		create: (c, orderId, s) =>
			marketplace(c).createReceiptShipment(SHOP.shop_id, onlyReceipt(s), {
				trackingCode: trackingFor(orderId),
				carrierName: "DPD",
			}),
		// The look-up before a retry: the receipt's shipments already hold the code.
		find: (c, orderId, s) =>
			marketplace(c)
				.getShopReceipt(SHOP.shop_id, onlyReceipt(s))
				?.shipments?.find((shipment) => shipment.tracking_code === trackingFor(orderId)) ?? null,
		createPath: { method: "POST", path: /^\/v3\/application\/shops\/\d+\/receipts\/\d+\/tracking$/ },
		readPath: { method: "GET", path: /^\/v3\/application\/shops\/\d+\/receipts\/\d+$/ },
		read: (c, s) => marketplace(c).getShopReceipt(SHOP.shop_id, onlyReceipt(s)),
		records: (s) => (s as EtsySandbox).state.sortedReceipts().flatMap((receipt) => receipt.shipments),
	},
];

/**
 * Etsy withholds most buyers' emails (Etsy NOTES.md, buyer_email): the CRM person is then found by
 * Etsy's buyer id, which Hubsheet records on it, never by name alone and never made twice. Pipedrive:
 * the person field "Etsy buyer" (a text custom field, searchable by `/persons/search` with
 * `fields=custom_fields`, as pipedrive-openapi-v2.yaml describes the `fields` parameter). HubSpot:
 * the contact property `hubsheet_etsy_buyer_id`, which requires unique values, read with `idProperty`
 * (HubSpot NOTES.md).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalHub } from "../../../local/hub/local-hub.js";
import type { EtsyControlClient } from "../../../local/sandbox/etsy/control-client.js";
import type { HubSpotControlClient } from "../../../local/sandbox/hubspot/control-client.js";
import type { PipedriveControlClient } from "../../../local/sandbox/pipedrive/control-client.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";

let sandboxes: SpawnedSandboxes;
let etsy: EtsyControlClient;
let pipedrive: PipedriveControlClient;
let hubspot: HubSpotControlClient;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "pipedrive", "hubspot"] });
	hubspot = sandboxes.control("hubspot") as HubSpotControlClient;
	etsy = sandboxes.control("etsy") as EtsyControlClient;
	pipedrive = sandboxes.control("pipedrive") as PipedriveControlClient;
}, 120_000);
afterAll(() => sandboxes.stop());

/** A shop whose buyers' emails Etsy withholds, all of them, connected to a fresh Pipedrive company. */
async function withheldShop(options: { fetchTimeoutMs?: number } = {}): Promise<LocalHub> {
	await etsy.reset({ seed: 12, receipts: 0, settings: { perSecond: 10_000, withholdEmails: 1 } });
	await pipedrive.reset({ settings: { burstPerWindow: 10_000 } });
	return newHub(options);
}

async function newHub(options: { fetchTimeoutMs?: number; crm?: "Pipedrive" | "HubSpot" } = {}): Promise<LocalHub> {
	const hub = new LocalHub(sandboxes.urls, {
		stateDir: mkdtempSync(join(tmpdir(), "hubsheet-buyer-id-")),
		...(options.fetchTimeoutMs ? { fetchTimeoutMs: options.fetchTimeoutMs } : {}),
	});
	hub.setUp();
	await hub.connectEtsy();
	await hub.connectCrm(options.crm ?? "Pipedrive");
	return hub;
}

const order = (name: string, buyerId: number) =>
	etsy.createReceipt({
		buyer: {
			name,
			buyer_user_id: buyerId,
			first_line: "ul. Prosta 1",
			city: "Warszawa",
			zip: "01-234",
			country_iso: "PL",
		},
	});

async function personsByBuyer(): Promise<Map<string, number[]>> {
	const field = await personFieldCode();
	const byBuyer = new Map<string, number[]>();
	for (const person of await pipedrive.persons()) {
		const buyer = String((person as { custom_fields?: Record<string, unknown> }).custom_fields?.[field] ?? "");
		byBuyer.set(buyer, [...(byBuyer.get(buyer) ?? []), person.id]);
	}
	return byBuyer;
}

async function personFieldCode(): Promise<string> {
	const response = await fetch(`${sandboxes.urls.pipedrive}/api/v2/personFields`, {
		headers: { "x-api-token": await pipedriveToken() },
	});
	const { data } = (await response.json()) as { data: Array<{ field_code: string; field_name: string }> };
	const field = data.find((candidate) => candidate.field_name === "Etsy buyer");
	if (!field) throw new Error("no Etsy buyer person field");
	return field.field_code;
}

async function pipedriveToken(): Promise<string> {
	const summary = (await (await fetch(`${sandboxes.urls.pipedrive}/__sandbox/pipedrive`)).json()) as {
		apiToken: string;
	};
	return summary.apiToken;
}

async function personOfOrder(receiptId: number): Promise<number | null> {
	const [deal] = await pipedrive.dealsForOrder(String(receiptId));
	return (deal?.person_id as number | null | undefined) ?? null;
}

describe("Pipedrive: a buyer whose email Etsy withholds", () => {
	it("is one person for all their orders, found by Etsy's buyer id, and another buyer of the same name is another person", async () => {
		const hub = await withheldShop();
		const first = await order("Anna Kowalska", 424242);
		const namesake = await order("Anna Kowalska", 535353);
		hub.sync();
		// The second order comes later, in another run, once Pipedrive's search shows the person.
		await pipedrive.advanceClock({ ms: 60_000 });
		const second = await order("Anna Kowalska", 424242);
		hub.sync();
		const annaFirst = await personOfOrder(first.receipt_id);
		expect(annaFirst).not.toBeNull();
		expect(await personOfOrder(second.receipt_id)).toBe(annaFirst);
		const other = await personOfOrder(namesake.receipt_id);
		expect(other).not.toBeNull();
		expect(other).not.toBe(annaFirst);
		const byBuyer = await personsByBuyer();
		expect(byBuyer.get("424242")).toEqual([annaFirst]);
		expect(byBuyer.get("535353")).toEqual([other]);
		const made = (await pipedrive.persons()).filter((person) => person.id === annaFirst || person.id === other);
		expect(made.map((person) => [person.name, person.emails])).toEqual([
			["Anna Kowalska", []],
			["Anna Kowalska", []],
		]);
	});

	it("is found by the buyer id from another spreadsheet too, where no note of the earlier create exists", async () => {
		const hub = await withheldShop();
		const first = await order("Jan Nowak", 777001);
		// This spreadsheet makes the person; the second order arrives in another one.
		hub.sync();
		await pipedrive.advanceClock({ ms: 60_000 });
		const second = await order("Jan Nowak", 777001);
		const elsewhere = await newHub();
		elsewhere.sync();
		expect(await personOfOrder(first.receipt_id)).not.toBeNull();
		expect((await pipedrive.dealsForOrder(String(second.receipt_id)))[0]?.person_id).toBe(
			await personOfOrder(first.receipt_id),
		);
		expect((await personsByBuyer()).get("777001")).toHaveLength(1);
	});

	it("is made once when Pipedrive's answer to the person create is lost: the next sync finds it by the buyer id", async () => {
		const hub = await withheldShop({ fetchTimeoutMs: 1_000 });
		const first = await order("Ola Wiśniewska", 880088);
		// The create lands on Pipedrive after the script stopped waiting for it.
		await pipedrive.addFault({ kind: "delay", ms: 2_000, method: "POST", path: "/api/v2/persons" });
		hub.sync();
		expect(await pipedrive.dealsForOrder(String(first.receipt_id))).toEqual([]);
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		await pipedrive.advanceClock({ ms: 10 * 60_000 });
		hub.runtime.advanceTime(10 * 60_000);
		hub.sync();
		expect(await personOfOrder(first.receipt_id)).not.toBeNull();
		const byBuyer = await personsByBuyer();
		expect(byBuyer.get("880088")).toEqual([await personOfOrder(first.receipt_id)]);
		expect((await pipedrive.persons()).filter((person) => person.name === "Ola Wiśniewska")).toHaveLength(1);
	});
});

describe("HubSpot: a buyer whose email Etsy withholds", () => {
	async function contactOfOrder(receiptId: number): Promise<string | undefined> {
		return (await hubspot.dealForOrder(String(receiptId)))?.associations[0];
	}

	it("is one contact for all their orders, found by Etsy's buyer id, another buyer of the same name another contact", async () => {
		await etsy.reset({ seed: 13, receipts: 0, settings: { perSecond: 10_000, withholdEmails: 1 } });
		await hubspot.reset({ settings: { perInterval: 10_000 } });
		const hub = await newHub({ crm: "HubSpot" });
		const first = await order("Anna Kowalska", 424242);
		const namesake = await order("Anna Kowalska", 535353);
		hub.sync();
		const second = await order("Anna Kowalska", 424242);
		// Another spreadsheet of the same shop: HubSpot itself says who the buyer is.
		(await newHub({ crm: "HubSpot" })).sync();
		const anna = await contactOfOrder(first.receipt_id);
		expect(anna).toBeDefined();
		expect(await contactOfOrder(second.receipt_id)).toBe(anna);
		const other = await contactOfOrder(namesake.receipt_id);
		expect(other).toBeDefined();
		expect(other).not.toBe(anna);
		const contacts = await hubspot.contacts();
		const byBuyer = (id: string) => contacts.filter((contact) => contact.properties.hubsheet_etsy_buyer_id === id);
		expect(byBuyer("424242").map((contact) => contact.id)).toEqual([anna]);
		expect(byBuyer("535353").map((contact) => contact.id)).toEqual([other]);
		expect(byBuyer("424242")[0]?.properties).toMatchObject({ firstname: "Anna", lastname: "Kowalska" });
		expect(byBuyer("424242")[0]?.properties.email ?? "").toBe("");
	});

	it("is made once when HubSpot's answer to the contact create is lost: the repeat is refused as a duplicate, naming the first", async () => {
		await etsy.reset({ seed: 14, receipts: 0, settings: { perSecond: 10_000, withholdEmails: 1 } });
		await hubspot.reset({ settings: { perInterval: 10_000 } });
		const hub = await newHub({ crm: "HubSpot", fetchTimeoutMs: 1_000 });
		const first = await order("Ola Wiśniewska", 880088);
		await hubspot.addFault({ kind: "delay", ms: 2_000, method: "POST", path: "/crm/v3/objects/contacts" });
		hub.sync();
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		hub.runtime.advanceTime(10 * 60_000);
		hub.sync();
		const contact = await contactOfOrder(first.receipt_id);
		expect(contact).toBeDefined();
		const contacts = (await hubspot.contacts()).filter(
			(candidate) => candidate.properties.hubsheet_etsy_buyer_id === "880088",
		);
		expect(contacts.map((candidate) => candidate.id)).toEqual([contact]);
	});
});

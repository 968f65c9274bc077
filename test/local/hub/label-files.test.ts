/**
 * Labels that open (issue 12): once the courier has a label, the Label cell links a PDF in the
 * owner's Drive ("Hubsheet orders" / "Order <number> - <buyer>", the order's own folder), saved exactly once — a second sync or a run
 * killed between creating the file and saving the bookkeeping never makes a second file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driveFileUrl, driveItemBytes } from "../../../local/gas/drive.js";
import { type LocalHub, SANDBOX_SECRETS } from "../../../local/hub/local-hub.js";
import type { InpostControlClient } from "../../../local/sandbox/inpost/control-client.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import { readOrders, rowOf, setCells, shopWithOneOrder } from "./hub-fixture.js";

let sandboxes: SpawnedSandboxes;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "pipedrive", "furgonetka", "inpost"] });
}, 120_000);
afterAll(() => sandboxes.stop());

function labelLink(hub: LocalHub, orderId: string): unknown {
	return hub.runtime.asOwner(
		`
		var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
		var values = sheet.getDataRange().getValues();
		var header = values[0];
		for (var r = 1; r < values.length; r++) {
			if (String(values[r][header.indexOf("Order")]) === arguments[0]) {
				var cell = sheet.getRange(r + 1, header.indexOf("Label") + 1);
				return [cell.getValue(), cell.getRichTextValue().getLinkUrl()];
			}
		}`,
		[orderId],
	);
}

/** What a run killed after creating the file, before saving its bookkeeping, leaves behind. */
function forgetLabelFile(hub: LocalHub, orderId: string): void {
	hub.runtime.asOwner(
		`
		var sheets = SpreadsheetApp.getActiveSpreadsheet().getSheets();
		for (var s = 0; s < sheets.length; s++) {
			var values = sheets[s].getDataRange().getValues();
			for (var r = 0; r < values.length; r++) {
				if (String(values[r][0]) !== arguments[0] || String(values[r][1]).indexOf("labelFile") < 0) continue;
				var books = JSON.parse(values[r][1]);
				delete books.shipment.labelFile;
				sheets[s].getRange(r + 1, 2).setValue(JSON.stringify(books));
				return;
			}
		}
		throw new Error("no bookkeeping with a label file");`,
		[orderId],
	);
	hub.runtime.asOwner(
		`
		var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
		var values = sheet.getDataRange().getValues();
		for (var r = 1; r < values.length; r++) {
			if (String(values[r][values[0].indexOf("Order")]) === arguments[0]) sheet.getRange(r + 1, values[0].indexOf("Label") + 1).setValue("");
		}`,
		[orderId],
	);
}

/** The label as the sandbox serves it, fetched here with the sandbox's own credentials. */
async function sandboxLabel(courier: "Furgonetka" | "InPost", shipmentId: string): Promise<Uint8Array> {
	const base = sandboxes.urls[courier.toLowerCase()];
	let url = `${base}/v1/shipments/${shipmentId}/label?format=pdf&type=A6`;
	let token = SANDBOX_SECRETS.inpostToken;
	if (courier === "Furgonetka") {
		const answer = await fetch(`${base}/oauth/token`, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams({
				grant_type: "password",
				client_id: "hubsheet-sandbox-client",
				client_secret: "furgonetka-sandbox-client-secret",
				username: "sklep@ergodrewno.example",
				password: "furgonetka-sandbox-password",
			}),
		});
		token = ((await answer.json()) as { access_token: string }).access_token;
		url = `${base}/packages/${shipmentId}/label`;
	}
	const label = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: "application/pdf" } });
	expect(label.status).toBe(200);
	return new Uint8Array(await label.arrayBuffer());
}

const pdfs = (hub: LocalHub) =>
	hub.runtime.state().drive.filter((item) => item.mimeType === "application/pdf" && !item.trashed);

describe.each(["Furgonetka", "InPost"] as const)("labels in Drive with %s", (courier) => {
	it("the Label cell links one Drive PDF of the order, kept through later and killed runs", async () => {
		const { hub, orderId } = await shopWithOneOrder(sandboxes, "Pipedrive", courier, "hubsheet-labels-");
		hub.sync();
		expect(pdfs(hub)).toHaveLength(0);
		setCells(hub, orderId, { Status: "Ready to ship", Phone: "600 200 300" });
		hub.sync();
		hub.sync();
		if (courier === "InPost") {
			// ShipX has a label only once the shipment is confirmed: none yet, asked again next sync.
			expect(pdfs(hub)).toHaveLength(0);
			expect(labelLink(hub, orderId)).toEqual(["", null]);
			await (sandboxes.control("inpost") as InpostControlClient).advanceAll("confirmed");
			hub.sync();
		}

		const files = pdfs(hub);
		expect(files).toHaveLength(1);
		const file = files[0];
		if (!file) throw new Error("no label file");
		const bytes = driveItemBytes(file);
		const text = Buffer.from(bytes).toString("latin1");
		expect(text.startsWith("%PDF-")).toBe(true);
		// The binary marker line survives only when the bytes were kept as bytes.
		expect(Array.from(bytes.slice(bytes.indexOf(0x0a) + 2, bytes.indexOf(0x0a) + 6)).every((b) => b > 127)).toBe(true);
		expect(text).toContain(`Ref: ${orderId}`);
		expect(text).toContain(courier === "InPost" ? "InPost ShipX sandbox" : "Furgonetka sandbox");
		const folder = hub.runtime.state().drive.find((item) => item.id === file.parents?.[0]);
		expect(folder?.name).toBe(`Order ${orderId} - Anna Kowalska`);
		const root = hub.runtime.state().drive.find((item) => item.id === folder?.parents?.[0]);
		expect(root?.name).toBe("Hubsheet orders");
		expect(labelLink(hub, orderId)).toEqual(["Label", driveFileUrl(file.id)]);

		hub.sync();
		expect(pdfs(hub)).toHaveLength(1);

		forgetLabelFile(hub, orderId);
		hub.sync();
		expect(pdfs(hub).map((item) => item.id)).toEqual([file.id]);
		expect(labelLink(hub, orderId)).toEqual(["Label", driveFileUrl(file.id)]);

		const table = readOrders(hub);
		const shipmentId = String(rowOf(table, orderId)[table.header.indexOf("Shipment")]);
		expect(Buffer.from(bytes).equals(Buffer.from(await sandboxLabel(courier, shipmentId)))).toBe(true);
	}, 180_000);
});

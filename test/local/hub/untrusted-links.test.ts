import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalHub } from "../../../local/hub/local-hub.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import { DEFAULT_WEBHOOK_SECRET } from "../../../local/sandbox/webhook/state.js";
import type { Finding } from "../../../src/core/findings.js";

// Links a platform hands over are untrusted: a courier's `javascript:` label link and a webhook
// receiver's deal link on a foreign host must be written as text, with a finding saying why.
// Real bundle, real HTTP to the Furgonetka and webhook sandboxes.

let sandboxes: SpawnedSandboxes;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "furgonetka", "webhook"] });
}, 120_000);
afterAll(() => sandboxes.stop());

function cellLink(hub: LocalHub, orderId: string, header: string): { text: string; link: string | null } {
	return hub.runtime.asOwner(
		`
		var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
		var values = sheet.getDataRange().getValues();
		var header = values[0];
		for (var r = 1; r < values.length; r++) {
			if (String(values[r][header.indexOf("Order")]) !== arguments[0]) continue;
			var rich = sheet.getRange(r + 1, header.indexOf(arguments[1]) + 1).getRichTextValue();
			return { text: rich.getText(), link: rich.getLinkUrl() };
		}`,
		[orderId, header],
	) as { text: string; link: string | null };
}

describe("links from platforms", () => {
	it("a javascript: label link and a foreign-host deal link become text plus a finding", async () => {
		const etsy = sandboxes.control("etsy");
		await etsy.reset({ seed: 8, receipts: 0, settings: { perSecond: 10_000 } });
		await sandboxes.control("furgonetka").reset({ settings: { labelUrl: "javascript:alert(document.cookie)" } });
		await sandboxes.control("webhook").reset({
			hooks: [
				{
					id: "orders",
					secret: DEFAULT_WEBHOOK_SECRET,
					respond: "deal",
					dealUrl: "https://etsy-orders.phish.example/deals/{dealId}",
				},
			],
		});
		const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-links-")) });
		hub.setUp();
		await hub.connectEtsy();
		await hub.connectCrm("Webhook");
		await hub.connectCourier("Furgonetka");
		const receipt = await etsy.createReceipt({
			buyer: { name: "Anna Kowalska", first_line: "ul. Prosta 1", city: "Warszawa", zip: "01-234", country_iso: "PL" },
		});
		const orderId = String(receipt.receipt_id);
		hub.sync();
		hub.runtime.asOwner(
			`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
			var values = sheet.getDataRange().getValues();
			var header = values[0];
			for (var r = 1; r < values.length; r++) {
				if (String(values[r][header.indexOf("Order")]) !== arguments[0]) continue;
				sheet.getRange(r + 1, header.indexOf("Status") + 1).setValue("Ready to ship");
				sheet.getRange(r + 1, header.indexOf("Phone") + 1).setValue("600 200 300");
			}`,
			[orderId],
		);
		hub.sync();
		hub.sync();

		const deal = cellLink(hub, orderId, "CRM deal");
		expect(deal.text).not.toBe("");
		expect(deal.link).toBeNull();
		const label = cellLink(hub, orderId, "Label");
		expect(label.text).toBe("Label");
		// The courier's javascript: link never reaches the cell: the label opens from the owner's Drive.
		expect(label.link).toMatch(/^https:\/\/drive\.google\.com\/file\/d\//);
		// The courier's own links (the shipment in its panel, on the configured address) stay links.
		expect(cellLink(hub, orderId, "Shipment").link).toMatch(/^https?:\/\//);

		const findings = hub.run("getFindings").value as Finding[];
		const untrusted = findings.filter((finding) => finding.orderId === orderId && finding.kind === "untrusted-link");
		expect(untrusted).toHaveLength(1);
		expect(untrusted[0]?.details).toContain("Webhook deal: https://etsy-orders.phish.example/deals/");
		expect(untrusted[0]?.details).toContain("Furgonetka label: javascript:alert(document.cookie)");
		expect(untrusted[0]?.message).toMatch(/plain text instead of a link/);
		const issues = JSON.stringify(hub.runtime.state().workbook);
		expect(issues).toContain("untrusted deal, label link");
	}, 120_000);
});

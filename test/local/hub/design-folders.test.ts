/**
 * Links to the owner's other systems (issue 14, item 5), on the built bundle against the sandboxes:
 * an order reaching Design gets one folder in Drive ("Hubsheet orders" / "Order <number> - <buyer>"),
 * linked from the Design cell, even when a run is killed right after making it; the courier's label is
 * saved into that same folder; a link the owner typed in Design is kept and no folder is made; the
 * Mail cell links the mailbox search for the order, with the buyer's name encoded.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driveFolderUrl, FOLDER_MIME_TYPE } from "../../../local/gas/drive.js";
import { LocalHub } from "../../../local/hub/local-hub.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import { MAIL_SEARCH_BASE } from "../../../src/core/order-links.js";
import { findingsOf, setCells } from "./hub-fixture.js";

let sandboxes: SpawnedSandboxes;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "furgonetka"] });
}, 120_000);
afterAll(() => sandboxes.stop());

/** The cell's text and the link it opens, as the owner sees them. */
function linkOf(hub: LocalHub, orderId: string, header: string): [string, string | null] {
	return hub.runtime.asOwner(
		`
		var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
		var values = sheet.getDataRange().getValues();
		var head = values[0];
		for (var r = 1; r < values.length; r++) {
			if (String(values[r][head.indexOf("Order")]) === arguments[0]) {
				var cell = sheet.getRange(r + 1, head.indexOf(arguments[1]) + 1);
				return [cell.getDisplayValue(), cell.getRichTextValue().getLinkUrl()];
			}
		}`,
		[orderId, header],
	) as [string, string | null];
}

const live = (hub: LocalHub) => hub.runtime.state().drive.filter((item) => !item.trashed);
const foldersNamed = (hub: LocalHub, name: string) =>
	live(hub).filter((item) => item.mimeType === FOLDER_MIME_TYPE && item.name === name);

describe("the order's Design folder and Mail link", () => {
	it("makes one folder per order in Design, linked, even across a killed run; the label lands in it", async () => {
		const etsy = sandboxes.control("etsy");
		await etsy.reset({ seed: 31, receipts: 0, settings: { perSecond: 10_000 } });
		await sandboxes.control("furgonetka").reset({});
		const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-design-")) });
		hub.setUp();
		await hub.connectEtsy();
		await hub.connectCourier("Furgonetka");
		const buyer = { first_line: "ul. Prosta 1", city: "Warszawa", zip: "01-234", country_iso: "PL" };
		const anna = String(
			(await etsy.createReceipt({ buyer: { ...buyer, name: "Anna Kowalska", email: "anna@example.com" } })).receipt_id,
		);
		// A buyer name that tries every trick: a path, a formula, a quote to leave the mail search.
		const hostileName = '=../"Ewa" OR from:me #/?x';
		const ewa = String(
			(await etsy.createReceipt({ buyer: { ...buyer, name: hostileName, email: "ewa@example.com" } })).receipt_id,
		);
		const own = String(
			(await etsy.createReceipt({ buyer: { ...buyer, name: "Olga Nowak", email: "olga@example.com" } })).receipt_id,
		);
		hub.sync();

		// Mail: a link to the mailbox search, never a formula, the buyer's name inside one quoted phrase.
		expect(linkOf(hub, anna, "Mail")).toEqual([
			"Search mail",
			`${MAIL_SEARCH_BASE}${anna}%20OR%20%22Anna%20Kowalska%22`,
		]);
		const [mailText, mailUrl] = linkOf(hub, ewa, "Mail");
		expect(mailText).toBe("Search mail");
		expect(decodeURIComponent(String(mailUrl).slice(MAIL_SEARCH_BASE.length))).toBe(`${ewa} OR "Ewa OR from me x"`);
		// No order in Design yet: Drive untouched.
		expect(live(hub)).toHaveLength(0);

		// The owner links their own design for one order: kept, no folder made for it.
		setCells(hub, own, { Status: "Design", Design: "https://cad.example/olga" });
		setCells(hub, anna, { Status: "Design" });
		setCells(hub, ewa, { Status: "Design" });
		// Killed at the first call after Drive made the first order's folder (the second folder made,
		// after "Hubsheet orders"): its id was never saved.
		let made = 0;
		const killed = hub.runtime.run("syncNow", {
			options: {
				onServiceCall: (call, control) => {
					if (made >= 2) control.kill();
					if (call.service === "Folder" && call.method === "createFolder") made++;
				},
			},
		});
		expect(killed.status).toBe("killed");
		expect(live(hub).filter((item) => item.mimeType === FOLDER_MIME_TYPE)).toHaveLength(2);
		hub.sync();
		hub.sync();

		const annaFolders = foldersNamed(hub, `Order ${anna} - Anna Kowalska`);
		expect(annaFolders).toHaveLength(1);
		const ewaFolders = foldersNamed(hub, `Order ${ewa} - Ewa OR from me x`);
		expect(ewaFolders).toHaveLength(1);
		const roots = foldersNamed(hub, "Hubsheet orders");
		expect(roots).toHaveLength(1);
		expect(annaFolders[0]?.parents).toEqual([roots[0]?.id]);
		expect(live(hub).filter((item) => item.mimeType === FOLDER_MIME_TYPE)).toHaveLength(3);
		expect(linkOf(hub, anna, "Design")).toEqual(["Design folder", driveFolderUrl(String(annaFolders[0]?.id))]);
		expect(linkOf(hub, ewa, "Design")).toEqual(["Design folder", driveFolderUrl(String(ewaFolders[0]?.id))]);
		expect(linkOf(hub, own, "Design")).toEqual(["https://cad.example/olga", null]);

		// A later run asks Drive nothing: every order in Design has its folder or the owner's link.
		const idle = hub.sync();
		expect(idle.calls.filter((call) => /^(DriveApp|Folder|File)/.test(call.service))).toEqual([]);

		// The label goes into the same folder.
		setCells(hub, anna, { Status: "Ready to ship", Phone: "600 200 300" });
		hub.sync();
		hub.sync();
		const labels = live(hub).filter((item) => item.mimeType === "application/pdf");
		expect(labels).toHaveLength(1);
		expect(labels[0]?.parents).toEqual([annaFolders[0]?.id]);
		expect(live(hub).filter((item) => item.mimeType === FOLDER_MIME_TYPE)).toHaveLength(3);
		expect(findingsOf(hub, anna)).toEqual([]);
	}, 180_000);

	it("makes the selected order's folder on demand from the sidebar, once, and keeps the owner's own link", async () => {
		const etsy = sandboxes.control("etsy");
		await etsy.reset({ seed: 32, receipts: 0, settings: { perSecond: 10_000 } });
		const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-design-")) });
		hub.setUp();
		await hub.connectEtsy();
		const buyer = { first_line: "ul. Prosta 1", city: "Warszawa", zip: "01-234", country_iso: "PL" };
		const anna = String((await etsy.createReceipt({ buyer: { ...buyer, name: "Anna Kowalska" } })).receipt_id);
		const olga = String((await etsy.createReceipt({ buyer: { ...buyer, name: "Olga Nowak" } })).receipt_id);
		hub.sync();
		setCells(hub, olga, { Design: "https://cad.example/olga" });

		const make = (orderId: string) => {
			hub.run("selectOrder", { args: [orderId] });
			return hub.run("makeDesignFolder").value as { made: boolean; url?: string; message: string };
		};
		expect(make(olga)).toEqual({
			made: false,
			message: `Order ${olga} already has your own link in Design: kept, no folder made.`,
		});
		expect(live(hub)).toHaveLength(0);

		const first = make(anna);
		const folders = foldersNamed(hub, `Order ${anna} - Anna Kowalska`);
		expect(folders).toHaveLength(1);
		expect(first).toMatchObject({ made: true, url: driveFolderUrl(String(folders[0]?.id)) });
		expect(first.message).toContain(`Hubsheet orders > Order ${anna} - Anna Kowalska`);
		expect(linkOf(hub, anna, "Design")).toEqual(["Design folder", driveFolderUrl(String(folders[0]?.id))]);
		// Pressed again, and the order reaching Design later: still the one folder.
		expect(make(anna).url).toBe(first.url);
		setCells(hub, anna, { Status: "Design" });
		hub.sync();
		expect(foldersNamed(hub, `Order ${anna} - Anna Kowalska`)).toHaveLength(1);
		expect(linkOf(hub, anna, "Design")).toEqual(["Design folder", first.url]);
		// Nothing selected on Orders: said so.
		hub.runtime.asOwner(
			`SpreadsheetApp.getActiveSpreadsheet().setActiveSheet(SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings"));`,
		);
		expect(hub.run("makeDesignFolder").value).toMatchObject({
			made: false,
			message: expect.stringMatching(/^Click a cell/),
		});
	}, 120_000);
});

import { describe, expect, it } from "vitest";
import { createDriveApp } from "../../../local/gas/drive.js";
import { createUtilities } from "../../../local/gas/utilities.js";
import { createTestHost } from "./test-host.js";

describe("DriveApp", () => {
	it("creates a text file and finds it by id", () => {
		const host = createTestHost();
		const drive = createDriveApp(host);
		const file = drive.createFile("report.csv", "a,b\n1,2", "text/csv");
		const found = drive.getFileById(file.getId());
		expect(found.getName()).toBe("report.csv");
		expect(found.getMimeType()).toBe("text/csv");
		expect(found.getBlob().getDataAsString()).toBe("a,b\n1,2");
		expect(found.getUrl()).toBe(`https://drive.google.com/file/d/${file.getId()}/view?usp=drivesdk`);
		expect(host.state.drive).toHaveLength(1);
		expect(host.dirty.has("drive")).toBe(true);
	});

	it("creates a file from a blob, defaulting to text/plain for name and content", () => {
		const host = createTestHost();
		const drive = createDriveApp(host);
		const fromBlob = drive.createFile(createUtilities(host).newBlob("{}", "application/json", "data.json"));
		expect([fromBlob.getName(), fromBlob.getMimeType()]).toEqual(["data.json", "application/json"]);
		expect(drive.createFile("notes", "x").getMimeType()).toBe("text/plain");
	});

	it("replaces content with setContent", () => {
		const drive = createDriveApp(createTestHost());
		const file = drive.createFile("a.txt", "old");
		file.setContent("new");
		expect(drive.getFileById(file.getId()).getBlob().getDataAsString()).toBe("new");
	});

	it("iterates files by name and throws at the end", () => {
		const drive = createDriveApp(createTestHost());
		drive.createFile("same", "1");
		drive.createFile("other", "2");
		drive.createFile("same", "3");
		const files = drive.getFilesByName("same");
		const contents: string[] = [];
		while (files.hasNext()) contents.push(files.next().getBlob().getDataAsString());
		expect(contents).toEqual(["1", "3"]);
		expect(() => files.next()).toThrow("Cannot retrieve the next object: iterator has reached the end.");
	});

	it("throws for an unknown id", () => {
		expect(() => createDriveApp(createTestHost()).getFileById("missing")).toThrow(
			"No item with the given ID could be found, or you do not have permission to access it.",
		);
	});

	it("has a root folder that creates files in the same drive", () => {
		const drive = createDriveApp(createTestHost());
		const root = drive.getRootFolder();
		root.createFile("in-root", "x");
		expect(root.getName()).toBe("My Drive");
		expect(drive.getFilesByName("in-root").hasNext()).toBe(true);
	});
});

describe("DriveApp folders and binary content", () => {
	const PDF = Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x0a, 0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a, 0x00, 0xff]);

	it("keeps a blob's bytes exactly, including bytes that are not UTF-8", () => {
		const host = createTestHost();
		const drive = createDriveApp(host);
		const blob = createUtilities(host).newBlob(
			Array.from(PDF, (b) => (b > 127 ? b - 256 : b)),
			"application/pdf",
			"label.pdf",
		);
		const file = drive.createFile(blob);
		const back = drive.getFileById(file.getId()).getBlob();
		expect(Uint8Array.from(back.getBytes(), (b) => b & 0xff)).toEqual(PDF);
		expect([file.getSize(), file.getMimeType(), back.getContentType()]).toEqual([
			PDF.length,
			"application/pdf",
			"application/pdf",
		]);
	});

	it("creates folders in folders, lists their files and folders by name, and links them on Drive's host", () => {
		const drive = createDriveApp(createTestHost());
		const top = drive.createFolder("Hubsheet orders");
		const order = top.createFolder("3100000001 Anna");
		order.createFile("label.pdf", "x", "application/pdf");
		drive.createFile("label.pdf", "elsewhere");
		expect(drive.getFolderById(order.getId()).getName()).toBe("3100000001 Anna");
		expect(order.getUrl()).toBe(`https://drive.google.com/drive/folders/${order.getId()}`);
		const inOrder = order.getFilesByName("label.pdf");
		expect(inOrder.next().getBlob().getDataAsString()).toBe("x");
		expect(inOrder.hasNext()).toBe(false);
		expect(top.getFoldersByName("3100000001 Anna").next().getId()).toBe(order.getId());
		expect(top.getFiles().hasNext()).toBe(false);
		expect(drive.getFoldersByName("3100000001 Anna").hasNext()).toBe(true);
		expect(drive.getRootFolder().getFolders().next().getName()).toBe("Hubsheet orders");
		const parents = order.getFiles().next().getParents();
		expect(parents.next().getId()).toBe(order.getId());
	});

	it("hides trashed items from listings but keeps them reachable by id", () => {
		const drive = createDriveApp(createTestHost());
		const folder = drive.createFolder("old");
		folder.setTrashed(true);
		expect(drive.getFoldersByName("old").hasNext()).toBe(false);
		expect(drive.getFolderById(folder.getId()).isTrashed()).toBe(true);
	});

	it("tells a file id from a folder id", () => {
		const drive = createDriveApp(createTestHost());
		const folder = drive.createFolder("f");
		const file = folder.createFile("a", "b");
		expect(() => drive.getFileById(folder.getId())).toThrow("No item with the given ID");
		expect(() => drive.getFolderById(file.getId())).toThrow("No item with the given ID");
	});

	it("honours the manifest's scopes: drive.file sees only what the script made; no Drive scope is refused", () => {
		const host = createTestHost();
		host.state.drive.push({ id: "someone-elses", name: "taxes", mimeType: "text/plain", data: "", createdAt: 0 });
		host.pushFiles.set(
			"appsscript.json",
			JSON.stringify({ oauthScopes: ["https://www.googleapis.com/auth/drive.file"] }),
		);
		const drive = createDriveApp(host);
		const own = drive.createFolder("mine");
		expect(drive.getFolderById(own.getId()).getName()).toBe("mine");
		expect(() => drive.getFileById("someone-elses")).toThrow("No item with the given ID");
		expect(drive.getFilesByName("taxes").hasNext()).toBe(false);

		host.pushFiles.set(
			"appsscript.json",
			JSON.stringify({ oauthScopes: ["https://www.googleapis.com/auth/spreadsheets"] }),
		);
		expect(() => createDriveApp(host).createFolder("x")).toThrow(
			"You do not have permission to call DriveApp.createFolder",
		);
	});

	it("reads the text content of files saved before bytes were kept", () => {
		const host = createTestHost();
		host.state.drive.push({ id: "old", name: "a.txt", mimeType: "text/plain", content: "żółw", createdAt: 0 });
		expect(createDriveApp(host).getFileById("old").getBlob().getDataAsString()).toBe("żółw");
	});
});

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

import { describe, expect, it } from "vitest";
import { createPropertiesService, MAX_PROPERTY_BYTES, MAX_STORE_BYTES } from "../../../local/gas/properties.js";
import { createTestHost } from "./test-host.js";

const QUOTA = "Exception: You have exceeded the property storage quota. Please remove some properties and try again.";
const errorText = (fn: () => unknown) => {
	try {
		fn();
	} catch (error) {
		return String(error);
	}
	return "no error";
};

describe("PropertiesService", () => {
	it("stores strings per scope in state.properties and marks them dirty", () => {
		const host = createTestHost();
		const service = createPropertiesService(host);
		service.getScriptProperties().setProperty("cursor", "42");
		service.getUserProperties().setProperty("cursor", "user");
		expect(host.state.properties).toEqual({ script: { cursor: "42" }, user: { cursor: "user" }, document: {} });
		expect(host.dirty.has("properties")).toBe(true);
		expect(host.calls).toContainEqual({ service: "Properties", method: "setProperty" });
	});

	it("returns null for a missing key", () => {
		expect(createPropertiesService(createTestHost()).getScriptProperties().getProperty("nope")).toBeNull();
	});

	it("converts values to strings", () => {
		const props = createPropertiesService(createTestHost()).getDocumentProperties();
		props.setProperty("n", 5 as unknown as string).setProperties({ b: true as unknown as string });
		expect(props.getProperties()).toEqual({ n: "5", b: "true" });
	});

	it("returns a copy from getProperties, not a live view", () => {
		const props = createPropertiesService(createTestHost()).getScriptProperties();
		props.setProperty("a", "1");
		const copy = props.getProperties();
		copy.a = "changed";
		props.setProperty("b", "2");
		expect(copy).toEqual({ a: "changed" });
		expect(props.getProperty("a")).toBe("1");
	});

	it("sets many at once, optionally deleting all others", () => {
		const props = createPropertiesService(createTestHost()).getScriptProperties();
		props.setProperties({ a: "1", b: "2" });
		props.setProperties({ c: "3" });
		expect(props.getKeys().sort()).toEqual(["a", "b", "c"]);
		props.setProperties({ d: "4" }, true);
		expect(props.getProperties()).toEqual({ d: "4" });
	});

	it("deletes one or all properties", () => {
		const props = createPropertiesService(createTestHost()).getScriptProperties();
		props.setProperties({ a: "1", b: "2" }).deleteProperty("a");
		expect(props.getKeys()).toEqual(["b"]);
		props.deleteAllProperties();
		expect(props.getKeys()).toEqual([]);
	});

	it("rejects a 10 KB value with Google's quota text and keeps the store unchanged", () => {
		const host = createTestHost();
		const props = createPropertiesService(host).getScriptProperties();
		props.setProperty("kept", "1");
		expect(errorText(() => props.setProperty("big", "x".repeat(10 * 1024)))).toBe(QUOTA);
		expect(host.state.properties.script).toEqual({ kept: "1" });
	});

	it("counts key and value in UTF-8 bytes against the 9 KB limit", () => {
		const props = createPropertiesService(createTestHost()).getScriptProperties();
		props.setProperty("k", "x".repeat(MAX_PROPERTY_BYTES - 1));
		expect(errorText(() => props.setProperty("k", "x".repeat(MAX_PROPERTY_BYTES)))).toBe(QUOTA);
		// 'ż' is two bytes in UTF-8.
		expect(errorText(() => props.setProperty("k", "ż".repeat(MAX_PROPERTY_BYTES / 2)))).toBe(QUOTA);
	});

	it("rejects a store over 500 KB", () => {
		const props = createPropertiesService(createTestHost()).getUserProperties();
		const value = "x".repeat(8 * 1024);
		const fits = Math.floor(MAX_STORE_BYTES / (value.length + 3));
		for (let i = 0; i < fits; i++) props.setProperty(`k${String(i).padStart(2, "0")}`, value);
		expect(errorText(() => props.setProperty("one-more", value))).toBe(QUOTA);
		expect(props.getKeys()).toHaveLength(fits);
	});
});

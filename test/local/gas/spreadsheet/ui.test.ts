import { describe, expect, it } from "vitest";
import { setup, thrown } from "./fixture.js";

const html = (content: string, title = "Hubsheet", width?: number, height?: number) =>
	({
		getContent: () => content,
		getTitle: () => title,
		...(width === undefined ? {} : { getWidth: () => width }),
		...(height === undefined ? {} : { getHeight: () => height }),
	}) as unknown as GoogleAppsScript.HTML.HtmlOutput;

describe("Ui", () => {
	it("records a menu with items, separators and submenu items when added to the UI", () => {
		const { app, host } = setup();
		const ui = app.getUi();
		const tools = ui.createMenu("Tools").addItem("Rebuild state", "rebuildState");
		ui.createMenu("Hubsheet")
			.addItem("Sync now", "syncNow")
			.addSeparator()
			.addSubMenu(tools)
			.addItem("Settings", "openSettings")
			.addToUi();
		expect(host.uiEvents).toEqual([
			{
				kind: "menu",
				title: "Hubsheet",
				items: [
					{ caption: "Sync now", functionName: "syncNow" },
					null,
					{ caption: "Tools > Rebuild state", functionName: "rebuildState" },
					{ caption: "Settings", functionName: "openSettings" },
				],
			},
		]);
	});

	it("records an add-on menu", () => {
		const { app, host } = setup();
		app.getUi().createAddonMenu().addItem("Open sidebar", "showSidebar").addToUi();
		expect(host.uiEvents[0]).toMatchObject({ kind: "menu", title: "Add-on" });
	});

	it("records a sidebar 300 px wide with the HtmlOutput's content and title", () => {
		const { app, host } = setup();
		app.getUi().showSidebar(html("<h1>Issues</h1>", "Hubsheet", 600));
		expect(host.uiEvents).toEqual([{ kind: "sidebar", title: "Hubsheet", html: "<h1>Issues</h1>", width: 300 }]);
		expect(thrown(() => app.getUi().showSidebar("<h1>x</h1>" as unknown as GoogleAppsScript.HTML.HtmlOutput))).toBe(
			"Exception: The parameters (String) don't match the method signature for SpreadsheetApp.Ui.showSidebar.",
		);
	});

	it("records modal and modeless dialogs with their size", () => {
		const { app, host } = setup();
		app.getUi().showModalDialog(html("<p>a</p>", "ignored", 400, 200), "Connect Etsy");
		app.getUi().showModelessDialog(html("<p>b</p>"), "Log");
		expect(host.uiEvents).toEqual([
			{ kind: "dialog", title: "Connect Etsy", html: "<p>a</p>", width: 400, height: 200 },
			{ kind: "modelessDialog", title: "Log", html: "<p>b</p>" },
		]);
	});

	it("answers alerts from the host and returns the Button enum", () => {
		const { app, host } = setup({ ui: [{ button: "YES" }, { button: "CANCEL" }, { button: "OK" }] });
		const ui = app.getUi();
		expect(ui.alert("Reset settings?", "This cannot be undone.", ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
		expect(ui.alert("Continue?", ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
		expect(ui.alert("Done")).toBe(ui.Button.OK);
		expect(String(ui.Button.OK)).toBe("OK");
		expect(host.uiEvents[0]).toEqual({ kind: "alert", title: "Reset settings?", message: "This cannot be undone." });
		expect(host.uiEvents[2]).toEqual({ kind: "alert", message: "Done" });
	});

	it("answers prompts with the text and the button", () => {
		const { app, host } = setup({ ui: [{ button: "OK", text: "12345" }] });
		const ui = app.getUi();
		const response = ui.prompt("Shop id", "Enter your Etsy shop id", ui.ButtonSet.OK_CANCEL);
		expect(response.getResponseText()).toBe("12345");
		expect(response.getSelectedButton()).toBe(ui.Button.OK);
		expect(host.uiEvents[0]).toEqual({ kind: "prompt", title: "Shop id", message: "Enter your Etsy shop id" });
		const closed = ui.prompt("Again?");
		expect(closed.getResponseText()).toBe("");
		expect(closed.getSelectedButton()).toBe(ui.Button.OK);
	});
});

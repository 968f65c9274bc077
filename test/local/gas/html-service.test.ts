import { describe, expect, it } from "vitest";
import { createHtmlService, htmlOutputInfo } from "../../../local/gas/html-service.js";
import { createTestHost } from "./test-host.js";

describe("HtmlService outputs", () => {
	it("builds an output and its settings, chainable", () => {
		const html = createHtmlService(createTestHost());
		const output = html
			.createHtmlOutput("<p>a</p>")
			.append("<p>b</p>")
			.appendUntrusted("<script>")
			.setTitle("Hubsheet")
			.setWidth(300)
			.setHeight(500)
			.setSandboxMode(html.SandboxMode.IFRAME)
			.setXFrameOptionsMode(html.XFrameOptionsMode.ALLOWALL)
			.addMetaTag("viewport", "width=device-width")
			.setFaviconUrl("https://example.com/icon.png");
		expect(output.getContent()).toBe("<p>a</p><p>b</p>&lt;script&gt;");
		expect([output.getTitle(), output.getWidth(), output.getHeight()]).toEqual(["Hubsheet", 300, 500]);
		expect(output.getMetaTags().map((t) => [t.getName(), t.getContent()])).toEqual([
			["viewport", "width=device-width"],
		]);
		expect(output.getFaviconUrl()).toBe("https://example.com/icon.png");
		expect(output.setContent("x").getContent()).toBe("x");
	});

	it("lets the Ui read an output without counting calls", () => {
		const host = createTestHost();
		const output = createHtmlService(host).createHtmlOutput("<p>x</p>").setTitle("T");
		const calls = host.calls.length;
		expect(htmlOutputInfo(output)).toEqual({ html: "<p>x</p>", title: "T" });
		expect(host.calls).toHaveLength(calls);
	});

	it("reads a file of the push set by name without extension, scriptlets untouched", () => {
		const host = createTestHost();
		host.pushFiles.set("Sidebar.html", "<div><?= 1 ?></div>");
		expect(createHtmlService(host).createHtmlOutputFromFile("Sidebar").getContent()).toBe("<div><?= 1 ?></div>");
	});

	it("names a missing file", () => {
		expect(() => createHtmlService(createTestHost()).createHtmlOutputFromFile("Nope")).toThrow(
			"No HTML file named Nope was found.",
		);
	});
});

describe("HtmlService templates", () => {
	it("runs code scriptlets, escapes <?= ?> and prints <?!= ?> raw", () => {
		const html = createHtmlService(createTestHost());
		const template = html.createTemplate(
			"<ul><? for (var i = 0; i < items.length; i++) { ?><li><?= items[i] ?></li><? } ?></ul><?!= raw ?>",
		);
		template.items = ["a&b", "<i>"];
		template.raw = "<b>bold</b>";
		expect(template.evaluate().getContent()).toBe("<ul><li>a&amp;b</li><li>&lt;i&gt;</li></ul><b>bold</b>");
	});

	it("evaluates through host.evaluate, so scriptlets see the script's functions", () => {
		const host = createTestHost();
		host.pushFiles.set("Page.html", "<style><?!= include('Styles') ?></style><?= title; ?>");
		const seen: Array<Record<string, unknown>> = [];
		const evaluate = host.evaluate.bind(host);
		// The runtime's evaluate puts the script's top-level functions in scope; emulate one here.
		host.evaluate = (code, scope = {}) => {
			seen.push(scope);
			return evaluate(code, { ...scope, include: (name: string) => `/* ${name} */` });
		};
		const template = createHtmlService(host).createTemplateFromFile("Page");
		template.title = "Orders";
		expect(template.evaluate().getContent()).toBe("<style>/* Styles */</style>Orders");
		expect(seen[0]).toHaveProperty("title", "Orders");
	});

	it("keeps // comments in a scriptlet from swallowing what follows", () => {
		const template = createHtmlService(createTestHost()).createTemplate("<? var x = 1; // note ?>v<?= x ?>");
		expect(template.evaluate().getContent()).toBe("v1");
	});

	it("lets scriptlets append to output", () => {
		const template = createHtmlService(createTestHost()).createTemplate("a<? output.append('b'); ?>c");
		expect(template.evaluate().getContent()).toBe("abc");
	});

	it("gives the raw source and the generated code", () => {
		const template = createHtmlService(createTestHost()).createTemplate("x<?= y ?>");
		expect(template.getRawContent()).toBe("x<?= y ?>");
		expect(template.getCode()).toContain("(y)");
	});
});

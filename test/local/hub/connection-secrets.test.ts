import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalRuntime } from "../../../local/gas/runtime.js";
import { readSettings, SETTINGS_SHEET } from "../../../src/platforms/catalog.js";
import type { ConnectionSecretsForm, ConnectionSecretsView } from "../../../src/ui/sidebar-api.js";

// The dialog's CRM and courier form on the real bundle (npm test builds dist/ first).

const TOKEN = "0123456789abcdef0123456789abcdef01234567";
const SIGNING_SECRET = "a-signing-secret-of-32-characters";
const INPOST_TOKEN = "eyJhbGciOiJSUzI1NiJ9.inpost-token.signature";

function setUp(): LocalRuntime {
	const runtime = new LocalRuntime({ stateDir: mkdtempSync(join(tmpdir(), "hubsheet-connections-")) });
	expect(runtime.run("setupSheets").status).toBe("completed");
	return runtime;
}

function save(runtime: LocalRuntime, form: ConnectionSecretsForm) {
	return runtime.run("saveConnectionSecrets", { args: [form] });
}

function everyCell(runtime: LocalRuntime): string {
	return JSON.stringify(runtime.state().workbook);
}

function settingsOf(runtime: LocalRuntime) {
	const values = runtime.asOwner(
		"return SpreadsheetApp.getActiveSpreadsheet().getSheetByName(arguments[0]).getDataRange().getValues();",
		[SETTINGS_SHEET],
	) as unknown[][];
	return readSettings(values).settings;
}

describe("the settings dialog's CRM and courier on the real bundle", () => {
	it("keeps secrets in script properties only, writes the choice to Settings, keeps a saved secret", () => {
		const runtime = setUp();
		const first = save(runtime, {
			crm: "Pipedrive",
			courier: "InPost",
			settings: { pipedriveCompany: "acme", inpostOrganizationId: "4242", courierService: "inpost_courier_standard" },
			secrets: { pipedrive: { apiToken: ` ${TOKEN} ` }, inpost: { apiToken: INPOST_TOKEN } },
		});
		expect(first.error ?? "").toBe("");
		const view = first.value as ConnectionSecretsView;
		expect(view).toMatchObject({ crm: "Pipedrive", courier: "InPost" });
		expect(view.saved.pipedrive?.apiToken).toBe(true);
		expect(view.saved.inpost?.apiToken).toBe(true);
		expect(JSON.stringify(view)).not.toContain(TOKEN);
		expect(JSON.stringify(view)).not.toContain(INPOST_TOKEN);

		const properties = runtime.state().properties.script;
		expect(properties["pipedrive.apiToken"]).toBe(TOKEN);
		expect(properties["inpost.apiToken"]).toBe(INPOST_TOKEN);
		const cells = everyCell(runtime);
		expect(cells).not.toContain(TOKEN);
		expect(cells).not.toContain(INPOST_TOKEN);
		expect(settingsOf(runtime)).toMatchObject({
			crm: "Pipedrive",
			courier: "InPost",
			pipedriveCompany: "acme",
			inpostOrganizationId: "4242",
			courierService: "inpost_courier_standard",
		});

		// Empty fields keep the saved secrets; switching to the webhook saves only its own.
		const second = save(runtime, {
			crm: "Webhook",
			courier: "InPost",
			settings: { inpostOrganizationId: "4242" },
			secrets: {
				webhook: { url: "https://hooks.example.com/hubsheet", signingSecret: SIGNING_SECRET },
				inpost: { apiToken: "" },
				pipedrive: { apiToken: "ffffffffffffffffffffffffffffffffffffffff" },
			},
		});
		expect(second.error ?? "").toBe("");
		const after = runtime.state().properties.script;
		expect(after["inpost.apiToken"]).toBe(INPOST_TOKEN);
		expect(after["pipedrive.apiToken"]).toBe(TOKEN);
		expect(after["webhook.signingSecret"]).toBe(SIGNING_SECRET);
		expect(everyCell(runtime)).not.toContain(SIGNING_SECRET);
		expect(settingsOf(runtime)).toMatchObject({ crm: "Webhook", courier: "InPost" });
		expect(runtime.run("getConnectionSecrets").value).toMatchObject({
			crm: "Webhook",
			saved: { webhook: { url: true, signingSecret: true }, hubspot: { accessToken: false } },
		});
	});

	it("refuses a bad field by its name and changes nothing", () => {
		const runtime = setUp();
		const before = runtime.state().properties.script;
		const result = save(runtime, {
			crm: "Webhook",
			courier: "None",
			secrets: { webhook: { url: "http://hooks.example.com/x", signingSecret: "short-secret" } },
		});
		expect(result.status).toBe("failed");
		expect(result.error).toMatch(/webhook URL must start with https/);
		expect(result.error).not.toContain("short-secret");
		expect(runtime.state().properties.script).toEqual(before);
		expect(settingsOf(runtime)).toMatchObject({ crm: "", courier: "" });
	});
});

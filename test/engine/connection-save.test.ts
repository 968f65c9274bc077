import { describe, expect, it } from "vitest";
import {
	checkedSender,
	connectionView,
	planConnectionSave,
	savedSecrets,
	senderEdits,
} from "../../src/engine/connection-save.js";
import { webhookUrlProblem } from "../../src/platforms/webhook/descriptor.js";

const nothingSaved = () => false;
const PIPEDRIVE_TOKEN = "0123456789abcdef0123456789abcdef01234567";
const HUBSPOT_TOKEN = "pat-eu1-12345678-aaaa-bbbb-cccc-1234567890ab";
const INPOST_TOKEN = "eyJhbGciOiJSUzI1NiJ9.payload.signature";

/** The error message `planConnectionSave` throws for this form. */
function refusal(form: unknown, isSaved: (key: string) => boolean = nothingSaved): string {
	try {
		planConnectionSave(form, isSaved);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error("the form was accepted");
}

describe("saving the CRM and courier from the settings dialog", () => {
	it("saves only the chosen platforms' whitelisted secrets and settings, trimmed", () => {
		const plan = planConnectionSave(
			{
				crm: "pipedrive",
				courier: "InPost",
				settings: {
					pipedriveCompany: " https://Acme.pipedrive.com/ ",
					courierService: "inpost_courier_standard",
					inpostOrganizationId: "12345",
					hubspotPortalId: "999",
				},
				secrets: {
					pipedrive: { apiToken: `  ${PIPEDRIVE_TOKEN}\n`, apiBaseUrl: "http://evil.example" },
					hubspot: { accessToken: HUBSPOT_TOKEN },
					inpost: { apiToken: INPOST_TOKEN },
					webhook: { url: "https://hooks.example.com/x", signingSecret: "0123456789abcdef" },
				},
			},
			nothingSaved,
		);
		expect(plan).toEqual({
			crm: "Pipedrive",
			courier: "InPost",
			settings: [
				["pipedriveCompany", "acme"],
				["courierService", "inpost_courier_standard"],
				["inpostOrganizationId", "12345"],
			],
			properties: [
				["pipedrive.apiToken", PIPEDRIVE_TOKEN],
				["inpost.apiToken", INPOST_TOKEN],
			],
		});
	});

	it("keeps a saved secret when its field is empty, and asks for one that is not saved", () => {
		const saved = (key: string) => key === "webhook.signingSecret";
		const plan = planConnectionSave(
			{
				crm: "Webhook",
				courier: "None",
				secrets: { webhook: { url: "https://hooks.zapier.com/h/1", signingSecret: " " } },
			},
			saved,
		);
		expect(plan.properties).toEqual([["webhook.url", "https://hooks.zapier.com/h/1"]]);
		expect(refusal({ crm: "Webhook", courier: "None", secrets: { webhook: { url: "https://a.example" } } })).toBe(
			"Enter the webhook signing secret.",
		);
	});

	it("refuses a bad field with a message that names it and never quotes a secret", () => {
		const shortSecret = "tooshort-secret";
		const cases: Array<[unknown, RegExp]> = [
			[
				{
					crm: "Webhook",
					secrets: { webhook: { url: "http://hooks.example.com/x", signingSecret: "0123456789abcdef" } },
				},
				/webhook URL must start with https/,
			],
			[
				{ crm: "Webhook", secrets: { webhook: { url: "https://h.example/x", signingSecret: shortSecret } } },
				/webhook signing secret .*at least 16/,
			],
			[
				{
					crm: "HubSpot",
					settings: { hubspotPortalId: "1" },
					secrets: { hubspot: { accessToken: "abc123-cut-off" } },
				},
				/HubSpot access token looks incomplete/,
			],
			[
				{ crm: "Pipedrive", settings: { pipedriveCompany: "acme" }, secrets: { pipedrive: { apiToken: "short" } } },
				/Pipedrive API token/,
			],
			[
				{ crm: "Pipedrive", settings: {}, secrets: { pipedrive: { apiToken: PIPEDRIVE_TOKEN } } },
				/Enter the Pipedrive company/,
			],
			[
				{
					courier: "InPost",
					settings: { inpostOrganizationId: "org" },
					secrets: { inpost: { apiToken: INPOST_TOKEN } },
				},
				/InPost organization id should be a number/,
			],
			[
				{
					courier: "Furgonetka",
					secrets: {
						furgonetka: { clientId: "id-1234", clientSecret: "has a space", username: "me@example.com", password: "x" },
					},
				},
				/Furgonetka client secret/,
			],
			[{ crm: "Salesforce" }, /Choose the CRM from None, Pipedrive, HubSpot, Webhook/],
		];
		for (const [form, message] of cases) {
			const text = refusal(form);
			expect(text).toMatch(message);
			expect(text).not.toContain(shortSecret);
			expect(text).not.toContain("abc123");
		}
	});

	it("accepts None for both and writes nothing but the choice", () => {
		expect(planConnectionSave({}, nothingSaved)).toEqual({
			crm: "None",
			courier: "None",
			settings: [],
			properties: [],
		});
		expect(planConnectionSave(undefined, nothingSaved).crm).toBe("None");
	});

	it("allows plain http for a webhook only on this computer, for the local sandboxes", () => {
		expect(webhookUrlProblem("http://127.0.0.1:8787/hook")).toBeNull();
		expect(webhookUrlProblem("http://localhost/hook")).toBeNull();
		expect(webhookUrlProblem("https://hook.eu1.make.com/abc?x=1")).toBeNull();
		expect(webhookUrlProblem("http://localhost.evil.example/hook")).not.toBeNull();
		expect(webhookUrlProblem("https://user@evil.example/")).not.toBeNull();
		expect(webhookUrlProblem("javascript:alert(1)")).not.toBeNull();
	});

	it("reports which secrets are saved as booleans, without the sandbox-only API addresses", () => {
		const saved = savedSecrets((key) => key === "hubspot.accessToken" || key === "furgonetka.password");
		expect(saved).toEqual({
			pipedrive: { apiToken: false },
			hubspot: { accessToken: true },
			webhook: { url: false, signingSecret: false },
			furgonetka: { clientId: false, clientSecret: false, username: false, password: true },
			inpost: { apiToken: false },
		});
	});
});

describe("the settings dialog's Sender rows", () => {
	const sheet = [
		["Sender", ""],
		["Field", "Value"],
		["Name", "Ania"],
		["Country", "PL"],
		["", ""],
		["Status colours", ""],
	];

	it("sets a changed row in place and adds a missing one after the table's last row, as one-line text", () => {
		expect(senderEdits(sheet, { Name: "Ania", Country: " de ", Email: "a@b.pl", Phone: "+48\n600 100 200" })).toEqual([
			{ kind: "set", row: 4, value: "DE" },
			{ kind: "insert", row: 5, label: "Email", value: "a@b.pl" },
			{ kind: "insert", row: 6, label: "Phone", value: "+48 600 100 200" },
		]);
		expect(senderEdits(sheet, { Name: "Ania" })).toEqual([]);
		expect(() => senderEdits([["Settings"]], { Name: "x" })).toThrow(/no "Sender" table/);
	});

	it("refuses a wrong e-mail or country code before anything is written, and ignores other keys", () => {
		expect(() => checkedSender({ sender: { Email: "not-an-address" } })).toThrow(/does not look like an email/);
		expect(() => checkedSender({ sender: { Country: "Poland" } })).toThrow(/two-letter code/);
		expect(() => checkedSender({ sender: { Name: "x".repeat(121) } })).toThrow(/too long/);
		expect(checkedSender({ sender: { Email: "a@b.pl", Country: "pl" } })).toEqual({ Email: "a@b.pl", Country: "pl" });
		expect(checkedSender("nonsense")).toEqual({});
	});

	it("shows the saved choice, the Sender rows and which secrets are saved", () => {
		const view = connectionView(sheet, (key) => key === "inpost.apiToken");
		expect(view).toMatchObject({ crm: "None", courier: "None", sender: { Name: "Ania", Country: "PL", Email: "" } });
		expect(view.saved.inpost).toEqual({ apiToken: true });
		expect(view.platforms.map((p) => p.id)).toContain("inpost");
	});
});

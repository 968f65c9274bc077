/**
 * A Hubsheet installation on this machine: the real bundle in the local runtime, connected to the
 * sandboxes exactly as an owner would connect a real spreadsheet (settings dialog, Etsy's consent
 * page, the /usercallback redirect). Scripts, the playground and end-to-end tests drive it.
 */
import { type ExecutionResult, LocalRuntime, type LocalRuntimeOptions, type RunOptions } from "../gas/runtime.js";
import { EtsyControlClient } from "../sandbox/etsy/control-client.js";
import { DEFAULT_TOKEN as INPOST_DEFAULT_TOKEN } from "../sandbox/inpost/catalog.js";
import { DEFAULT_WEBHOOK_SECRET } from "../sandbox/webhook/state.js";

/** The sandboxes' own credentials (see each sandbox's state): not secrets anywhere. */
export const SANDBOX_SECRETS = {
	pipedriveToken: "5b1f2c3d4e5f60718293a4b5c6d7e8f901234567",
	hubspotToken: "pat-eu1-5b0c3f1e-8d2a-4c6b-9e7f-0a1b2c3d4e5f",
	webhookSecret: DEFAULT_WEBHOOK_SECRET,
	inpostToken: INPOST_DEFAULT_TOKEN,
};

/** The sandbox's registered app (local/sandbox/etsy/state.ts): not a secret anywhere. */
export const SANDBOX_ETSY_APP = { keystring: "hubsheetsandboxkeystring", sharedSecret: "sandboxsharedsecret" };

export class LocalHub {
	readonly runtime: LocalRuntime;
	readonly etsy: EtsyControlClient;

	constructor(
		readonly sandboxUrls: Record<string, string>,
		runtimeOptions: LocalRuntimeOptions = {},
	) {
		this.runtime = new LocalRuntime(runtimeOptions);
		const etsyUrl = sandboxUrls.etsy;
		if (!etsyUrl) throw new Error("No Etsy sandbox URL");
		this.etsy = new EtsyControlClient(etsyUrl);
	}

	/** Runs an entry point and throws with the script's error if it failed. */
	run(functionName: string, options: RunOptions = {}): ExecutionResult {
		const result = this.runtime.run(functionName, options);
		if (result.status !== "completed") {
			throw new Error(`${functionName} ${result.status}: ${result.error ?? "no error text"}`);
		}
		return result;
	}

	hasSheet(name: string): boolean {
		return (this.runtime.state().workbook.sheets as Array<{ name: string }>).some((sheet) => sheet.name === name);
	}

	setUp(): ExecutionResult {
		return this.run("setupSheets");
	}

	/** Points the script at the sandbox (the one thing a real deployment never has). */
	useSandboxEndpoints(): void {
		const etsyUrl = this.sandboxUrls.etsy as string;
		this.runtime.updateState(["properties"], (state) => {
			state.properties.script["etsy.apiBaseUrl"] = etsyUrl;
			state.properties.script["etsy.authorizeUrl"] = `${etsyUrl}/oauth/connect`;
		});
	}

	/**
	 * Connects Etsy as the owner would: saves the settings dialog's form, opens Etsy's consent page
	 * (the sandbox approves at once) and follows its redirect to the script's /usercallback.
	 */
	async connectEtsy(): Promise<ExecutionResult> {
		this.useSandboxEndpoints();
		const { shop } = await this.etsy.summary();
		const saved = this.run("saveEtsySettings", {
			args: [{ ...SANDBOX_ETSY_APP, shopId: String(shop.shop_id) }],
		});
		const { authorizeUrl } = saved.value as { authorizeUrl: string };
		const consent = await fetch(authorizeUrl, { redirect: "manual" });
		const location = consent.headers.get("location");
		if (!location) throw new Error(`Etsy's consent page did not redirect (HTTP ${consent.status}).`);
		const query = Object.fromEntries(new URL(location).searchParams);
		const callback = this.runtime.handleUserCallback(query);
		if (!("status" in callback)) throw new Error(callback.error);
		if (callback.status !== "completed") throw new Error(`etsyOAuthCallback ${callback.status}: ${callback.error}`);
		return callback;
	}

	/** Writes a value into the Settings sheet's row for `label` (key/value settings and the Sender table). */
	setSettings(values: Record<string, string>): void {
		this.runtime.asOwner(
			`
			var values = arguments[0];
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings");
			var rows = sheet.getDataRange().getValues();
			Object.keys(values).forEach(function (label) {
				for (var i = 0; i < rows.length; i++) {
					if (String(rows[i][0]).toLowerCase() === label.toLowerCase()) {
						sheet.getRange(i + 1, 2).setNumberFormat("@").setValue(values[label]);
						return;
					}
				}
				throw new Error("No setting " + label);
			});`,
			[values],
		);
	}

	private setSecrets(secrets: Record<string, string>): void {
		this.runtime.updateState(["properties"], (state) => {
			Object.assign(state.properties.script, secrets);
		});
	}

	/** Chooses the CRM on Settings and stores its sandbox credentials as the settings dialog would. */
	async connectCrm(crm: "Pipedrive" | "HubSpot" | "Webhook"): Promise<void> {
		const url = this.sandboxUrls[crm.toLowerCase()];
		if (!url) throw new Error(`No ${crm} sandbox is running`);
		if (crm === "Pipedrive") {
			this.setSecrets({ "pipedrive.apiToken": SANDBOX_SECRETS.pipedriveToken, "pipedrive.apiBaseUrl": url });
			this.setSettings({ CRM: "Pipedrive", "Pipedrive company": "ergodrewno" });
		} else if (crm === "HubSpot") {
			this.setSecrets({ "hubspot.accessToken": SANDBOX_SECRETS.hubspotToken, "hubspot.apiBaseUrl": url });
			this.setSettings({ CRM: "HubSpot", "HubSpot portal id": "146512389" });
		} else {
			this.setSecrets({ "webhook.url": `${url}/hooks/orders`, "webhook.signingSecret": SANDBOX_SECRETS.webhookSecret });
			this.setSettings({ CRM: "Webhook" });
		}
	}

	/** Chooses the courier and the sender's address, and stores the courier's sandbox credentials. */
	async connectCourier(courier: "Furgonetka" | "InPost"): Promise<void> {
		const url = this.sandboxUrls[courier.toLowerCase()];
		if (!url) throw new Error(`No ${courier} sandbox is running`);
		if (courier === "Furgonetka") {
			this.setSecrets({
				"furgonetka.clientId": "hubsheet-sandbox-client",
				"furgonetka.clientSecret": "furgonetka-sandbox-client-secret",
				"furgonetka.username": "sklep@ergodrewno.example",
				"furgonetka.password": "furgonetka-sandbox-password",
				"furgonetka.apiBaseUrl": url,
			});
			this.setSettings({ Courier: "Furgonetka", "Courier service": "dpd" });
		} else {
			this.setSecrets({ "inpost.apiToken": SANDBOX_SECRETS.inpostToken, "inpost.apiBaseUrl": url });
			this.setSettings({
				Courier: "InPost",
				"Courier service": "inpost_courier_standard",
				"InPost organization id": "1234",
			});
		}
		this.setSettings({
			Name: "Jan Stolarz",
			Company: "ErgoDrewno Studio",
			Street: "ul. Stolarska 12",
			City: "Kraków",
			Postcode: "30-001",
			Country: "PL",
			Email: "sklep@ergodrewno.example",
			Phone: "600100200",
		});
	}

	isEtsyConnected(): boolean {
		const view = this.run("getSidebarState").value as { marketplace: { kind: string } };
		return view.marketplace.kind === "connected";
	}

	sync(options: RunOptions = {}): ExecutionResult {
		return this.run("syncNow", options);
	}
}

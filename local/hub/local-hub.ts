/**
 * A Hubsheet installation on this machine: the real bundle in the local runtime, connected to the
 * sandboxes exactly as an owner would connect a real spreadsheet (settings dialog, Etsy's consent
 * page, the /usercallback redirect). Scripts, the playground and end-to-end tests drive it.
 */
import { type ExecutionResult, LocalRuntime, type LocalRuntimeOptions, type RunOptions } from "../gas/runtime.js";
import { EtsyControlClient } from "../sandbox/etsy/control-client.js";

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

	isEtsyConnected(): boolean {
		const view = this.run("getSidebarState").value as { etsy: { kind: string } };
		return view.etsy.kind === "connected";
	}

	sync(options: RunOptions = {}): ExecutionResult {
		return this.run("syncNow", options);
	}
}

/**
 * The settings dialog: Etsy credentials and shop, then the link that starts the Etsy sign-in; below,
 * the CRM and courier with their settings and secrets (never shown back: only whether one is saved).
 */
import { server } from "./server.js";
import type {
	ConnectionSecretsForm,
	ConnectionSecretsView,
	ConnectionSettingsFields,
	CourierChoice,
	CrmChoice,
	EtsyConnectionView,
} from "./sidebar-api.js";

function element<T extends HTMLElement>(id: string): T {
	const found = document.getElementById(id);
	if (!found) throw new Error(`missing #${id}`);
	return found as T;
}

function setStatus(text: string, isError = false, id = "status"): void {
	const status = element(id);
	status.textContent = text;
	status.classList.toggle("error", isError);
}

function describeConnection(connection: EtsyConnectionView): string {
	switch (connection.kind) {
		case "connected":
			return "Etsy is connected.";
		case "reconnect-required":
			return connection.message;
		case "not-connected":
			return "Etsy is not connected yet.";
		default:
			return "Enter your Etsy app's details to connect.";
	}
}

async function load(): Promise<void> {
	const view = await server.getEtsySettings();
	element<HTMLInputElement>("keystring").value = view.keystring;
	element<HTMLInputElement>("shop-id").value = view.shopId;
	element("redirect-uri").textContent = view.redirectUri;
	element("secret-hint").textContent = view.hasSharedSecret
		? "A shared secret is saved; leave this empty to keep it."
		: "Saved secrets are never shown again.";
	setStatus(describeConnection(view.connection), view.connection.kind === "reconnect-required");
}

element<HTMLFormElement>("etsy-form").addEventListener("submit", (event) => {
	event.preventDefault();
	const form = event.target as HTMLFormElement;
	const data = new FormData(form);
	const save = element<HTMLButtonElement>("save");
	save.disabled = true;
	setStatus("Saving…");
	server
		.saveEtsySettings({
			keystring: String(data.get("keystring") ?? ""),
			sharedSecret: String(data.get("sharedSecret") ?? ""),
			shopId: String(data.get("shopId") ?? ""),
		})
		.then(({ authorizeUrl }) => {
			element<HTMLInputElement>("shared-secret").value = "";
			const connect = element<HTMLAnchorElement>("connect");
			connect.href = authorizeUrl;
			connect.hidden = false;
			connect.focus();
			setStatus("Saved. Now open Etsy and approve Hubsheet; then come back and press Sync now.");
		})
		.catch((error: Error) => setStatus(error.message, true))
		.finally(() => {
			save.disabled = false;
		});
});

load().catch((error: Error) => setStatus(`Could not load the settings: ${error.message}`, true));

// CRM and courier.
const connectionsForm = element<HTMLFormElement>("connections-form");
const fieldsets = () => Array.from(connectionsForm.querySelectorAll<HTMLFieldSetElement>("fieldset[data-platform]"));

/** Shows the fields of the chosen CRM and courier only. */
function showChosen(): void {
	const chosen = [element<HTMLSelectElement>("crm").value, element<HTMLSelectElement>("courier").value];
	for (const fieldset of fieldsets()) fieldset.hidden = !chosen.includes(fieldset.dataset.platform ?? "");
}

function showConnections(view: ConnectionSecretsView): void {
	element<HTMLSelectElement>("crm").value = view.crm;
	element<HTMLSelectElement>("courier").value = view.courier;
	for (const input of connectionsForm.querySelectorAll<HTMLInputElement>("input[data-setting]")) {
		input.value = view.settings[input.dataset.setting as keyof ConnectionSettingsFields] ?? "";
	}
	const saved = view.saved as unknown as Record<string, Record<string, boolean>>;
	for (const input of connectionsForm.querySelectorAll<HTMLInputElement>("input[data-secret]")) {
		input.value = "";
		const [platform = "", field = ""] = (input.dataset.secret ?? "").split(".");
		const hint = connectionsForm.querySelector<HTMLElement>(`[data-hint="${input.dataset.secret}"]`);
		if (hint) hint.textContent = saved[platform]?.[field] ? "Saved; leave empty to keep it." : "Not saved yet.";
	}
	showChosen();
}

/** The form as the server takes it: only the fields of the chosen (visible) platforms. */
function connectionsFormData(): ConnectionSecretsForm {
	const form: ConnectionSecretsForm = {
		crm: element<HTMLSelectElement>("crm").value as CrmChoice,
		courier: element<HTMLSelectElement>("courier").value as CourierChoice,
		settings: {},
		secrets: {},
	};
	const settings = form.settings as Record<string, string>;
	const secrets = form.secrets as Record<string, Record<string, string>>;
	for (const fieldset of fieldsets().filter((candidate) => !candidate.hidden)) {
		for (const input of fieldset.querySelectorAll<HTMLInputElement>("input[data-setting]"))
			settings[input.dataset.setting ?? ""] = input.value;
		for (const input of fieldset.querySelectorAll<HTMLInputElement>("input[data-secret]")) {
			const [platform = "", field = ""] = (input.dataset.secret ?? "").split(".");
			secrets[platform] = { ...secrets[platform], [field]: input.value };
		}
	}
	return form;
}

element<HTMLSelectElement>("crm").addEventListener("change", showChosen);
element<HTMLSelectElement>("courier").addEventListener("change", showChosen);

connectionsForm.addEventListener("submit", (event) => {
	event.preventDefault();
	const save = element<HTMLButtonElement>("save-connections");
	save.disabled = true;
	setStatus("Saving…", false, "connections-status");
	server
		.saveConnectionSecrets(connectionsFormData())
		.then((view) => {
			showConnections(view);
			setStatus("Saved. The next sync uses them.", false, "connections-status");
		})
		.catch((error: Error) => setStatus(error.message, true, "connections-status"))
		.finally(() => {
			save.disabled = false;
		});
});

server
	.getConnectionSecrets()
	.then(showConnections)
	.catch((error: Error) =>
		setStatus(`Could not load the CRM and courier settings: ${error.message}`, true, "connections-status"),
	);

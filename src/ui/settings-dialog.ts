/** The settings dialog: Etsy credentials and shop, then the link that starts the Etsy sign-in. */
import { server } from "./server.js";
import type { EtsyConnectionView } from "./sidebar-api.js";

function element<T extends HTMLElement>(id: string): T {
	const found = document.getElementById(id);
	if (!found) throw new Error(`missing #${id}`);
	return found as T;
}

function setStatus(text: string, isError = false): void {
	const status = element("status");
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

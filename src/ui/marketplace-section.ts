/**
 * The settings dialog's first section: the marketplace's credentials and shop, and the link that
 * starts its sign-in. Its title, fields, labels, help and guide come from the server's view (made from
 * the marketplace's descriptor); every text is set as text. Hidden secrets are never shown back.
 */
import { fieldNodes, guideNode } from "./platform-fields.js";
import { server } from "./server.js";
import type { EtsySettingsView } from "./sidebar-api.js";

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

/** The platform's name, once the view has said it. */
let name = "";

function render(view: EtsySettingsView): void {
	const { platform } = view;
	name = platform.name;
	element("tab-marketplace").textContent = platform.name;
	element("marketplace-title").textContent = `Connect ${platform.name}`;
	element("connect").textContent = `Open ${platform.name} to connect Hubsheet`;
	const guide = element("marketplace-guide");
	guide.textContent = "";
	if (platform.guide) guide.appendChild(guideNode(platform.guide));
	const fields = element("marketplace-fields");
	fields.textContent = "";
	// No Generate button: the marketplace's secrets come from its own app page.
	for (const field of platform.fields) fields.append(...fieldNodes(field, () => undefined));
}

function show(view: EtsySettingsView): void {
	const form = element<HTMLFormElement>("marketplace-form");
	for (const input of form.querySelectorAll<HTMLInputElement>("input[name]")) {
		input.value = view.values[input.name] ?? "";
	}
	for (const [key, text] of Object.entries(view.secretHints)) {
		const hint = form.querySelector<HTMLElement>(`[data-hint="${key}"]`);
		if (hint) hint.textContent = text;
	}
	element("redirect-uri").textContent = view.redirectUri;
	setStatus(view.status, view.connection.kind === "reconnect-required");
}

async function load(): Promise<void> {
	const view = await server.getEtsySettings();
	render(view);
	show(view);
}

/** Sends every named field of the form (the server keeps only the descriptor's, checked). */
function formData(form: HTMLFormElement): Record<string, string> {
	const data: Record<string, string> = {};
	for (const input of form.querySelectorAll<HTMLInputElement>("input[name]")) data[input.name] = input.value;
	return data;
}

export function startMarketplaceSection(): void {
	element<HTMLFormElement>("marketplace-form").addEventListener("submit", (event) => {
		event.preventDefault();
		const form = event.target as HTMLFormElement;
		const save = element<HTMLButtonElement>("save");
		save.disabled = true;
		setStatus("Saving…");
		server
			.saveEtsySettings(formData(form))
			.then(({ authorizeUrl }) => {
				for (const input of form.querySelectorAll<HTMLInputElement>("input[type=password]")) input.value = "";
				const connect = element<HTMLAnchorElement>("connect");
				connect.href = authorizeUrl;
				connect.hidden = false;
				connect.focus();
				setStatus(`Saved. Now open ${name} and approve Hubsheet; then come back and press Sync now.`);
			})
			.catch((error: Error) => setStatus(error.message, true))
			.finally(() => {
				save.disabled = false;
			});
	});
	load().catch((error: Error) => setStatus(`Could not load the settings: ${error.message}`, true));
}

/**
 * The settings dialog, in sections that fit a 640 px window: the marketplace (credentials, shop, the
 * link that starts the sign-in: marketplace-section.ts), CRM, Courier and Sender. Secrets are never shown back, only whether one is
 * saved; saving the CRM, courier and sender tests each connection and says whether it works.
 */
import { startMarketplaceSection } from "./marketplace-section.js";
import { offerChoices, renderPlatforms, senderHint } from "./platform-fields.js";
import { server } from "./server.js";
import type { ConnectionSecretsForm, ConnectionSecretsView, DialogPlatform, SenderFields } from "./sidebar-api.js";

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

startMarketplaceSection();

// CRM and courier.
const connectionsForm = element<HTMLFormElement>("connections-form");
const fieldsets = () => Array.from(connectionsForm.querySelectorAll<HTMLFieldSetElement>("fieldset[data-platform]"));

// Sections as tabs: arrow keys move between them, as in any tab list.
const tabs = () => Array.from(document.querySelectorAll<HTMLButtonElement>("[role=tab]"));

function selectTab(tab: HTMLButtonElement, focus = false): void {
	for (const candidate of tabs()) {
		const selected = candidate === tab;
		candidate.setAttribute("aria-selected", String(selected));
		candidate.tabIndex = selected ? 0 : -1;
		const panel = document.getElementById(candidate.getAttribute("aria-controls") ?? "");
		if (panel) panel.hidden = !selected;
	}
	// The CRM, Courier and Sender sections share one Save and test.
	element("save-bar").hidden = tab.id === "tab-marketplace";
	if (focus) tab.focus();
}

for (const tab of tabs()) {
	tab.addEventListener("click", () => selectTab(tab));
	tab.addEventListener("keydown", (event) => {
		const all = tabs();
		const index = all.indexOf(tab);
		const next =
			event.key === "ArrowRight"
				? all[(index + 1) % all.length]
				: event.key === "ArrowLeft"
					? all[(index + all.length - 1) % all.length]
					: undefined;
		if (next) {
			event.preventDefault();
			selectTab(next, true);
		}
	});
}

/** Shows the fields of the chosen CRM and courier only. */
function showChosen(): void {
	const chosen = [element<HTMLSelectElement>("crm").value, element<HTMLSelectElement>("courier").value];
	for (const fieldset of fieldsets()) fieldset.hidden = !chosen.includes(fieldset.dataset.platform ?? "");
}

/** The CRMs and couriers the server offers, rendered once from their descriptors. */
let platforms: DialogPlatform[] | undefined;

function showConnections(view: ConnectionSecretsView): void {
	if (!platforms) {
		platforms = view.platforms;
		renderPlatforms(
			platforms,
			{ crm: element<HTMLSelectElement>("crm"), courier: element<HTMLSelectElement>("courier") },
			{ crm: element("crm-platforms"), courier: element("courier-platforms") },
			showGenerated,
		);
		element("sender-hint").textContent = senderHint(platforms);
	}
	element<HTMLSelectElement>("crm").value = view.crm;
	element<HTMLSelectElement>("courier").value = view.courier;
	for (const input of connectionsForm.querySelectorAll<HTMLInputElement>("input[data-setting]")) {
		input.value = view.settings[input.dataset.setting ?? ""] ?? "";
	}
	const saved = view.saved;
	for (const input of connectionsForm.querySelectorAll<HTMLInputElement>("input[data-secret]")) {
		input.value = "";
		input.type = "password";
		const [platform = "", field = ""] = (input.dataset.secret ?? "").split(".");
		const hint = connectionsForm.querySelector<HTMLElement>(`[data-hint="${input.dataset.secret}"]`);
		if (hint) hint.textContent = saved[platform]?.[field] ? "Saved; leave empty to keep it." : "Not saved yet.";
	}
	for (const input of connectionsForm.querySelectorAll<HTMLInputElement>("input[data-sender]")) {
		input.value = view.sender?.[input.dataset.sender as keyof SenderFields] ?? "";
	}
	showChosen();
}

/** Each connection's test, in words: green when it works, red with what to do when not. */
function showTests(view: ConnectionSecretsView): boolean {
	const status = element("connections-status");
	status.textContent = "";
	const tests = view.tests ?? [];
	const line = document.createElement("p");
	// The marketplace's own test (once signed in) is listed too, but is not a CRM or courier.
	const chosen = tests.filter((test) => platforms?.some((platform) => platform.name === test.platform));
	line.textContent = chosen.length === 0 ? "Saved. No CRM or courier is chosen." : "Saved.";
	status.appendChild(line);
	for (const test of tests) {
		const result = document.createElement("p");
		result.className = `test ${test.ok ? "ok" : "failed"}`;
		result.setAttribute("data-platform", test.platform);
		// The message may quote a platform's words: text only.
		result.textContent = test.message;
		status.appendChild(result);
		const platform = platforms?.find((candidate) => candidate.name === test.platform);
		if (platform && test.choices) offerChoices(platform, test.choices);
	}
	return tests.every((test) => test.ok);
}

/** The form as the server takes it: only the fields of the chosen (visible) platforms. */
function connectionsFormData(): ConnectionSecretsForm {
	const settings: Record<string, string> = {};
	const secrets: Record<string, Record<string, string>> = {};
	const form: ConnectionSecretsForm = {
		crm: element<HTMLSelectElement>("crm").value,
		courier: element<HTMLSelectElement>("courier").value,
		settings,
		secrets,
	};
	const sender: Record<string, string> = {};
	for (const input of connectionsForm.querySelectorAll<HTMLInputElement>("input[data-sender]"))
		sender[input.dataset.sender ?? ""] = input.value;
	form.sender = sender;
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

/** 32 random characters from the browser's cryptographic generator (about 190 bits). */
function randomSecret(): string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	const bytes = new Uint8Array(32);
	crypto.getRandomValues(bytes);
	// 256 is a multiple of 64 minus 4 (62 symbols): the tiny bias is irrelevant at this length.
	return `whsec_${[...bytes].map((byte) => alphabet[byte % alphabet.length]).join("")}`;
}

/** A field's Generate button: a random secret in the field. */
function showGenerated(input: HTMLInputElement): void {
	input.value = randomSecret();
	// Shown this once, so the owner can copy it to the receiver; never shown again after saving.
	input.type = "text";
	input.select();
}

element<HTMLSelectElement>("crm").addEventListener("change", showChosen);
element<HTMLSelectElement>("courier").addEventListener("change", showChosen);

connectionsForm.addEventListener("submit", (event) => {
	event.preventDefault();
	const save = element<HTMLButtonElement>("save-connections");
	save.disabled = true;
	setStatus("Saving and testing the connections…", false, "connections-status");
	server
		.saveConnectionSecrets(connectionsFormData())
		.then((view) => {
			showConnections(view);
			showTests(view);
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

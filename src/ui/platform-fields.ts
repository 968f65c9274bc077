/**
 * The settings dialog's CRM and courier fieldsets, made from the platforms' descriptors as the
 * server sends them (ConnectionSecretsView.platforms): a new platform needs no change here. Every
 * text is set as text, never as HTML, and a guide's link becomes a link only when it is https.
 */
import type { DialogField, DialogPlatform } from "./sidebar-api.js";

function make<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	if (text !== undefined) node.textContent = text;
	return node;
}

function hint(text: string): HTMLParagraphElement {
	const node = make("p", text);
	node.className = "hint";
	return node;
}

/** The datalist of a field's suggestions: the connection test's choices replace them. */
export const choicesId = (field: { id: string }): string => `${field.id}-choices`;

export function fieldNodes(field: DialogField, onGenerate: (input: HTMLInputElement) => void): HTMLElement[] {
	const label = make("label", field.label);
	label.htmlFor = field.id;
	const input = make("input");
	input.id = field.id;
	if (field.name) input.name = field.name;
	input.autocomplete = "off";
	if (field.numeric) input.inputMode = "numeric";
	const nodes: HTMLElement[] = [label, input];
	const hidden = field.kind === "secret" && !field.shown;
	if (field.kind === "secret") {
		if (hidden) input.type = "password";
		input.dataset.secret = field.key;
	} else {
		input.dataset.setting = field.key;
		const list = make("datalist");
		list.id = choicesId(field);
		for (const choice of field.choices ?? []) {
			const option = make("option");
			option.value = choice;
			list.appendChild(option);
		}
		input.setAttribute("list", list.id);
		nodes.push(list);
	}
	if (field.generate) {
		const button = make("button", "Generate");
		button.type = "button";
		button.id = `${field.id}-generate`;
		button.addEventListener("click", () => onGenerate(input));
		nodes.push(button);
	}
	if (hidden) {
		const saved = hint("");
		saved.dataset.hint = field.key;
		nodes.push(saved);
	}
	if (field.help) {
		const help = hint(field.help);
		help.id = `${field.id}-hint`;
		nodes.push(help);
	}
	return nodes;
}

export function guideNode(guide: NonNullable<DialogPlatform["guide"]>): HTMLParagraphElement {
	const note = hint(guide.text);
	if (guide.link && /^https:\/\//i.test(guide.link.href)) {
		note.append(" ");
		const link = make("a", guide.link.text);
		link.href = guide.link.href;
		link.target = "_blank";
		link.rel = "noopener";
		note.appendChild(link);
	}
	return note;
}

/** Adds each platform to its select and a hidden fieldset of its fields to `containers[kind]`. */
export function renderPlatforms(
	platforms: readonly DialogPlatform[],
	selects: Record<"crm" | "courier", HTMLSelectElement>,
	containers: Record<"crm" | "courier", HTMLElement>,
	onGenerate: (input: HTMLInputElement) => void,
): void {
	for (const platform of platforms) {
		if (platform.kind === "marketplace") continue;
		const option = make("option", platform.offered);
		option.value = platform.name;
		selects[platform.kind].appendChild(option);
		const fieldset = make("fieldset");
		fieldset.dataset.platform = platform.name;
		fieldset.hidden = true;
		fieldset.appendChild(make("legend", platform.name));
		for (const field of platform.fields) fieldset.append(...fieldNodes(field, onGenerate));
		if (platform.guide) fieldset.appendChild(guideNode(platform.guide));
		containers[platform.kind].appendChild(fieldset);
	}
}

/** The choices a connection test found (e.g. the courier services of the account), offered in the platform's first setting. */
export function offerChoices(platform: DialogPlatform, choices: readonly string[]): void {
	const field = platform.fields.find((candidate) => candidate.kind === "setting");
	const list = field ? document.getElementById(choicesId(field)) : null;
	if (!field || !list) return;
	list.textContent = "";
	for (const choice of choices) {
		const option = make("option");
		option.value = choice;
		list.appendChild(option);
	}
	const help = document.getElementById(`${field.id}-hint`);
	if (help) help.textContent = `Your ${platform.name} account offers: ${choices.join(", ")}.`;
}

/** "Your address for the courier: X needs it on every shipment. ..." for the couriers that need it. */
export function senderHint(platforms: readonly DialogPlatform[]): string {
	const needing = platforms.filter((platform) => platform.senderRequired).map((platform) => platform.name);
	const who =
		needing.length === 0
			? ""
			: `: ${needing.join(" and ")} ${needing.length === 1 ? "needs" : "need"} it on every shipment`;
	return `Your address for the courier${who}. It is the Sender table on the Settings sheet.`;
}

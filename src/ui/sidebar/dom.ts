/**
 * Building the sidebar's elements. Text only ever goes in through textContent: names, notes and
 * error messages come from platforms and cells, and must never become markup.
 */

export interface ElementOptions {
	className?: string;
	text?: string;
	attributes?: Record<string, string>;
}

export function el<Tag extends keyof HTMLElementTagNameMap>(
	tag: Tag,
	options: ElementOptions = {},
	children: Array<Node | null | undefined> = [],
): HTMLElementTagNameMap[Tag] {
	const element = document.createElement(tag);
	if (options.className) element.className = options.className;
	if (options.text !== undefined) element.textContent = options.text;
	for (const [name, value] of Object.entries(options.attributes ?? {})) element.setAttribute(name, value);
	for (const child of children) if (child) element.appendChild(child);
	return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
	const found = document.getElementById(id);
	if (!found) throw new Error(`The sidebar lacks #${id}`);
	return found as T;
}

export function replaceChildren(parent: Element, children: Node[]): void {
	while (parent.firstChild) parent.removeChild(parent.firstChild);
	for (const child of children) parent.appendChild(child);
}

/** A button that stays focusable while busy (a disabled button drops the keyboard user's focus). */
export function setBusy(button: HTMLButtonElement, busy: boolean): void {
	button.setAttribute("aria-disabled", String(busy));
	button.classList.toggle("busy", busy);
}

export function isBusy(button: HTMLButtonElement): boolean {
	return button.getAttribute("aria-disabled") === "true";
}

/** google.script.run's errors read "Exception: ..." or "Error: ..."; the owner needs only the words. */
export function errorText(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.replace(/^(?:Exception|Error|TypeError|ScriptError):\s*/, "");
}

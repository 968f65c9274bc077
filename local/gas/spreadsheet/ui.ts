/**
 * SpreadsheetApp.getUi(): menus, sidebars, dialogs, alerts and prompts. Nothing is shown; each is
 * recorded through `host.ui.record` (the playground and tests read them) and alerts/prompts are
 * answered by `host.ui.answer`. Ui methods and Menu.addToUi are counted; building a menu is not.
 *
 * Not emulated: Apps Script refuses getUi() in contexts without a user interface (time-driven
 * triggers: "Cannot call SpreadsheetApp.getUi() from this context."); the host does not say which
 * kind of execution is running.
 */
import type { UiEvent } from "../host.js";
import { emulatesClass } from "../not-emulated.js";
import type { AppContext } from "./app-context.js";
import { Button, ButtonSet, type EnumMember, enumName } from "./enums.js";
import { signatureMismatch } from "./errors.js";

/** Sidebars are 300 px wide whatever the HtmlOutput says (UNCONFIRMED). */
export const SIDEBAR_WIDTH = 300;
/** What a createAddonMenu() menu is recorded as; the real title is the add-on's name. */
export const ADDON_MENU_TITLE = "Add-on";

/** What the UI needs of an HtmlOutput (made by HtmlService, another emulated service). */
export interface HtmlOutputLike {
	getContent(): string;
	getTitle(): string;
	getWidth?(): number;
	getHeight?(): number;
}

type MenuItem = { caption: string; functionName: string } | null;

const BUTTONS: Record<string, Array<"OK" | "CANCEL" | "YES" | "NO">> = {
	OK: ["OK"],
	OK_CANCEL: ["OK", "CANCEL"],
	YES_NO: ["YES", "NO"],
	YES_NO_CANCEL: ["YES", "NO", "CANCEL"],
};

/**
 * Maps a scripted answer onto the buttons actually shown: a test that answers "OK" to a YES_NO
 * alert means the affirmative button; "CANCEL" or "NO" the negative one; CLOSE is always possible.
 */
function shownButton(set: string, answer: string): EnumMember {
	const buttons = BUTTONS[set] ?? BUTTONS.OK ?? [];
	if (answer === "CLOSE" || (buttons as string[]).includes(answer)) return Button[answer as keyof typeof Button];
	const affirmative = answer === "OK" || answer === "YES";
	const pick = affirmative ? buttons[0] : (buttons.find((b) => b === "CANCEL") ?? buttons[buttons.length - 1]);
	return Button[pick ?? "CLOSE"];
}

function isHtmlOutput(value: unknown): value is HtmlOutputLike {
	return (
		value !== null &&
		typeof value === "object" &&
		typeof (value as HtmlOutputLike).getContent === "function" &&
		typeof (value as HtmlOutputLike).getTitle === "function"
	);
}

export class MenuImpl {
	private readonly items: MenuItem[] = [];

	constructor(
		private readonly ctx: AppContext,
		readonly caption: string,
	) {}

	addItem(caption: string, functionName: string): MenuImpl {
		this.items.push({ caption: String(caption), functionName: String(functionName) });
		return this;
	}

	addSeparator(): MenuImpl {
		this.items.push(null);
		return this;
	}

	/** UiEvent items are flat: a submenu's items are recorded as "Submenu > Item". */
	addSubMenu(menu: MenuImpl): MenuImpl {
		if (!(menu instanceof MenuImpl)) this.ctx.fail(signatureMismatch("SpreadsheetApp.Menu.addSubMenu", [menu]));
		for (const item of menu.items) {
			this.items.push(
				item === null ? null : { caption: `${menu.caption} > ${item.caption}`, functionName: item.functionName },
			);
		}
		return this;
	}

	addToUi(): void {
		this.ctx.touch("Menu", "addToUi");
		this.ctx.host.ui.record({
			kind: "menu",
			title: this.caption,
			items: this.items.map((item) => (item ? { ...item } : null)),
		});
	}

	toString(): string {
		return "Menu";
	}
}

export class PromptResponseImpl {
	constructor(
		private readonly text: string,
		private readonly button: EnumMember,
	) {}

	getResponseText(): string {
		return this.text;
	}

	getSelectedButton(): EnumMember {
		return this.button;
	}

	toString(): string {
		return "PromptResponse";
	}
}

export class UiImpl {
	readonly Button = Button;
	readonly ButtonSet = ButtonSet;

	constructor(private readonly ctx: AppContext) {}

	createMenu(caption: string): MenuImpl {
		this.ctx.touch("Ui", "createMenu");
		return new MenuImpl(this.ctx, String(caption));
	}

	createAddonMenu(): MenuImpl {
		this.ctx.touch("Ui", "createAddonMenu");
		return new MenuImpl(this.ctx, ADDON_MENU_TITLE);
	}

	showSidebar(userInterface: HtmlOutputLike): void {
		this.ctx.touch("Ui", "showSidebar");
		if (!isHtmlOutput(userInterface))
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Ui.showSidebar", [userInterface]));
		this.ctx.host.ui.record({
			kind: "sidebar",
			title: userInterface.getTitle(),
			html: userInterface.getContent(),
			width: SIDEBAR_WIDTH,
		});
	}

	private dialog(
		kind: "dialog" | "modelessDialog",
		method: string,
		userInterface: HtmlOutputLike,
		title: string,
	): void {
		this.ctx.touch("Ui", method);
		if (!isHtmlOutput(userInterface))
			this.ctx.fail(signatureMismatch(`SpreadsheetApp.Ui.${method}`, [userInterface, title]));
		const event: UiEvent = { kind, title: String(title), html: userInterface.getContent() };
		const width = userInterface.getWidth?.();
		const height = userInterface.getHeight?.();
		if (typeof width === "number") event.width = width;
		if (typeof height === "number") event.height = height;
		this.ctx.host.ui.record(event);
	}

	showModalDialog(userInterface: HtmlOutputLike, title: string): void {
		this.dialog("dialog", "showModalDialog", userInterface, title);
	}

	showModelessDialog(userInterface: HtmlOutputLike, title: string): void {
		this.dialog("modelessDialog", "showModelessDialog", userInterface, title);
	}

	/** alert(prompt), alert(prompt, buttons), alert(title, prompt, buttons). */
	private parseDialogArgs(method: string, args: unknown[]): { title?: string; message: string; set: string } {
		const [a, b, c] = args;
		if (args.length === 1 && typeof a === "string") return { message: a, set: "OK" };
		if (args.length === 2 && typeof a === "string" && enumName(b) !== null)
			return { message: a, set: enumName(b) as string };
		if (args.length === 3 && typeof a === "string" && typeof b === "string" && enumName(c) !== null) {
			return { title: a, message: b, set: enumName(c) as string };
		}
		return this.ctx.fail(signatureMismatch(`SpreadsheetApp.Ui.${method}`, args));
	}

	alert(...args: unknown[]): EnumMember {
		this.ctx.touch("Ui", "alert");
		const { title, message, set } = this.parseDialogArgs("alert", args);
		const event: UiEvent = { kind: "alert", message, ...(title === undefined ? {} : { title }) };
		this.ctx.host.ui.record(event);
		return shownButton(set, this.ctx.host.ui.answer(event).button);
	}

	prompt(...args: unknown[]): PromptResponseImpl {
		this.ctx.touch("Ui", "prompt");
		const { title, message, set } = this.parseDialogArgs("prompt", args);
		const event: UiEvent = { kind: "prompt", message, ...(title === undefined ? {} : { title }) };
		this.ctx.host.ui.record(event);
		const answer = this.ctx.host.ui.answer(event);
		return new PromptResponseImpl(answer.text ?? "", shownButton(set, answer.button));
	}

	toString(): string {
		return "Ui";
	}
}

emulatesClass(MenuImpl, "Menu");
emulatesClass(PromptResponseImpl, "PromptResponse");
emulatesClass(UiImpl, "Ui");

/**
 * HtmlService: outputs, files of the push set, and templates whose scriptlets run in the script's
 * realm through `host.evaluate`, so `<?!= include("Styles") ?>` can call the script's own functions.
 */
import { blobBytesOf, decodeBytes, isBlobSource, LocalBlob } from "./blob.js";
import type { ExecutionHost } from "./host.js";
import { emulatesClass } from "./not-emulated.js";

const SandboxMode = { EMULATED: "EMULATED", IFRAME: "IFRAME", NATIVE: "NATIVE" } as const;
const XFrameOptionsMode = { ALLOWALL: "ALLOWALL", DEFAULT: "DEFAULT" } as const;
/** UNCONFIRMED: Google's text when a file of the project is missing. */
const noFile = (name: string) => `No HTML file named ${name} was found.`;
/** UNCONFIRMED: dialog size when the script sets none. */
const DEFAULT_WIDTH = 600;
const DEFAULT_HEIGHT = 400;

export interface HtmlOutputInfo {
	html: string;
	title: string;
	/** Undefined when the script did not set it, so the UI can apply its own default (a sidebar is 300 px). */
	width?: number;
	height?: number;
}

/** What SpreadsheetApp's Ui needs from an HtmlOutput, read without counting service calls. */
export function htmlOutputInfo(output: unknown): HtmlOutputInfo | undefined {
	return output instanceof HtmlOutput ? output.info() : undefined;
}

export function createHtmlService(host: ExecutionHost): GoogleAppsScript.HTML.HtmlService {
	const touch = (method: string) => host.touch("HtmlService", method);
	const sourceText = (source: unknown) =>
		isBlobSource(source) ? decodeBytes(blobBytesOf(source) ?? new Uint8Array()) : String(source ?? "");
	const readFile = (name: string) => {
		const file = String(name);
		// Apps Script names project files without the extension; accept "Sidebar.html" too.
		const content = host.readPushFile(`${file}.html`) ?? (file.endsWith(".html") ? host.readPushFile(file) : undefined);
		if (content === undefined) throw host.realm.exception(noFile(file));
		return content;
	};
	const service = {
		SandboxMode,
		XFrameOptionsMode,
		createHtmlOutput(html?: unknown) {
			touch("createHtmlOutput");
			return new HtmlOutput(host, sourceText(html));
		},
		createHtmlOutputFromFile(filename: string) {
			touch("createHtmlOutputFromFile");
			// Scriptlets in a file read this way are not evaluated, as in Apps Script.
			return new HtmlOutput(host, readFile(filename));
		},
		createTemplate(html: unknown) {
			touch("createTemplate");
			return new HtmlTemplate(host, sourceText(html));
		},
		createTemplateFromFile(filename: string) {
			touch("createTemplateFromFile");
			return new HtmlTemplate(host, readFile(filename));
		},
		getUserAgent() {
			touch("getUserAgent");
			return "Mozilla/5.0 (Hubsheet local runtime)";
		},
	};
	return service as unknown as GoogleAppsScript.HTML.HtmlService;
}

export function escapeHtml(value: unknown): string {
	return String(value ?? "")
		.replace(/&/g, "&amp;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;")
		.replace(/"/g, "&quot;")
		.replace(/'/g, "&#39;");
}

class HtmlOutput {
	readonly #host: ExecutionHost;
	#content: string;
	#title = "";
	#width: number | undefined;
	#height: number | undefined;
	#faviconUrl = "";
	readonly #metaTags: Array<{ name: string; content: string }> = [];

	constructor(host: ExecutionHost, content: string) {
		this.#host = host;
		this.#content = content;
	}
	/** Appends without counting a call: what a template writes while it is evaluated. */
	static write(output: HtmlOutput, text: string): void {
		output.#content += text;
	}
	info(): HtmlOutputInfo {
		return {
			html: this.#content,
			title: this.#title,
			...(this.#width === undefined ? {} : { width: this.#width }),
			...(this.#height === undefined ? {} : { height: this.#height }),
		};
	}
	#touch(method: string): void {
		this.#host.touch("HtmlOutput", method);
	}

	getContent(): string {
		this.#touch("getContent");
		return this.#content;
	}
	setContent(content: string): this {
		this.#touch("setContent");
		this.#content = String(content);
		return this;
	}
	append(addedContent: string): this {
		this.#touch("append");
		this.#content += String(addedContent);
		return this;
	}
	appendUntrusted(addedContent: string): this {
		this.#touch("appendUntrusted");
		this.#content += escapeHtml(addedContent);
		return this;
	}
	clear(): this {
		this.#touch("clear");
		this.#content = "";
		return this;
	}
	asTemplate(): HtmlTemplate {
		this.#touch("asTemplate");
		return new HtmlTemplate(this.#host, this.#content);
	}
	getBlob(): LocalBlob {
		this.#touch("getBlob");
		return new LocalBlob(this.#host, new TextEncoder().encode(this.#content), "text/html", this.#title || null);
	}
	getAs(contentType: string): LocalBlob {
		return this.getBlob().getAs(contentType);
	}
	getTitle(): string {
		this.#touch("getTitle");
		return this.#title;
	}
	setTitle(title: string): this {
		this.#touch("setTitle");
		this.#title = String(title);
		return this;
	}
	getWidth(): number {
		this.#touch("getWidth");
		return this.#width ?? DEFAULT_WIDTH;
	}
	setWidth(width: number): this {
		this.#touch("setWidth");
		this.#width = Number(width);
		return this;
	}
	getHeight(): number {
		this.#touch("getHeight");
		return this.#height ?? DEFAULT_HEIGHT;
	}
	setHeight(height: number): this {
		this.#touch("setHeight");
		this.#height = Number(height);
		return this;
	}
	getFaviconUrl(): string {
		this.#touch("getFaviconUrl");
		return this.#faviconUrl;
	}
	setFaviconUrl(iconUrl: string): this {
		this.#touch("setFaviconUrl");
		this.#faviconUrl = String(iconUrl);
		return this;
	}
	addMetaTag(name: string, content: string): this {
		this.#touch("addMetaTag");
		this.#metaTags.push({ name: String(name), content: String(content) });
		return this;
	}
	getMetaTags(): Array<{ getName(): string; getContent(): string }> {
		this.#touch("getMetaTags");
		// adopt() copies plain data only: concat puts these objects into an array of the script's realm.
		const tags = this.#metaTags.map((tag) => ({ getName: () => tag.name, getContent: () => tag.content }));
		return this.#host.realm.adopt([] as typeof tags).concat(tags);
	}
	/** Accepted and ignored: Apps Script serves every page in IFRAME mode now. */
	setSandboxMode(_mode: string): this {
		this.#touch("setSandboxMode");
		return this;
	}
	/** Accepted and ignored: only matters when a web app is framed by another site. */
	setXFrameOptionsMode(_mode: string): this {
		this.#touch("setXFrameOptionsMode");
		return this;
	}
}

/** Names the generated code uses; template properties with these names would be shadowed. */
const OUTPUT = "output";
const PRINT = "__hubsheetPrint";
const PRINT_RAW = "__hubsheetPrintRaw";

class HtmlTemplate {
	readonly #host: ExecutionHost;
	readonly #source: string;
	readonly #code: string;

	constructor(host: ExecutionHost, source: string) {
		this.#host = host;
		this.#source = source;
		this.#code = compileTemplate(source);
	}

	evaluate(): HtmlOutput {
		this.#host.touch("HtmlTemplate", "evaluate");
		const output = new HtmlOutput(this.#host, "");
		// Properties set on the template (`template.orders = ...`) are variables of its scriptlets.
		const variables = Object.fromEntries(Object.entries(this));
		this.#host.evaluate(this.#code, {
			...variables,
			[OUTPUT]: output,
			[PRINT]: (value: unknown) => HtmlOutput.write(output, escapeHtml(value)),
			[PRINT_RAW]: (value: unknown) => HtmlOutput.write(output, String(value ?? "")),
		});
		return output;
	}
	getCode(): string {
		this.#host.touch("HtmlTemplate", "getCode");
		return this.#code;
	}
	getCodeWithComments(): string {
		this.#host.touch("HtmlTemplate", "getCodeWithComments");
		return this.#code;
	}
	getRawContent(): string {
		this.#host.touch("HtmlTemplate", "getRawContent");
		return this.#source;
	}
}

/**
 * Turns `<? code ?>`, `<?= expr ?>` (escaped) and `<?!= expr ?>` (raw) into a function body. Each
 * piece gets its own line, so a `//` comment inside a scriptlet cannot swallow what follows.
 */
export function compileTemplate(source: string): string {
	const lines: string[] = [];
	let last = 0;
	for (const match of source.matchAll(/<\?(!=|=)?([\s\S]*?)\?>/g)) {
		if (match.index > last) lines.push(`${PRINT_RAW}(${JSON.stringify(source.slice(last, match.index))});`);
		const [whole, kind, body = ""] = match;
		// A trailing semicolon is common in `<?= value; ?>` and would break the call around it.
		const expression = body.trim().replace(/;+$/, "");
		if (kind === "=") lines.push(`${PRINT}(${expression});`);
		else if (kind === "!=") lines.push(`${PRINT_RAW}(${expression});`);
		else lines.push(body);
		last = match.index + whole.length;
	}
	if (last < source.length) lines.push(`${PRINT_RAW}(${JSON.stringify(source.slice(last))});`);
	return lines.join("\n");
}

emulatesClass(HtmlOutput, "HtmlOutput");
emulatesClass(HtmlTemplate, "HtmlTemplate");

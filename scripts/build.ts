/**
 * Builds the Apps Script push set into dist/: Code.js (the bundle plus one top-level function per
 * entry point), Sidebar.html (client code and CSS inlined) and appsscript.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { build, transform } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const BUNDLE_GLOBAL = "Hubsheet";

/** Apps Script has no module system: any of these left in the bundle breaks it at load time. */
export function findModuleSyntax(code: string): string[] {
	const problems: string[] = [];
	if (/^\s*import[\s{*]/m.test(code)) problems.push("import statement");
	if (/^\s*export[\s{*]/m.test(code)) problems.push("export statement");
	if (/\brequire\s*\(/.test(code)) problems.push("require() call");
	if (/\bimport\s*\(/.test(code)) problems.push("dynamic import()");
	return problems;
}

/** As findModuleSyntax, ignoring comments (zod's mention import()). */
export async function findModuleSyntaxInBundle(code: string): Promise<string[]> {
	const { code: withoutComments } = await transform(code, { minifyWhitespace: true, legalComments: "none" });
	return findModuleSyntax(withoutComments);
}

/** Lists the entry points by loading the bundle in an empty realm: the exports of src/gas/main.ts. */
export function listEntryPoints(bundle: string): string[] {
	const context = vm.createContext({});
	vm.runInContext(bundle, context);
	const exports = vm.runInContext(BUNDLE_GLOBAL, context) as Record<string, unknown>;
	return Object.keys(exports).filter((name) => typeof exports[name] === "function");
}

export function entryPointFooter(names: string[]): string {
	return names.map((name) => `function ${name}(...args) { return ${BUNDLE_GLOBAL}.${name}(...args); }`).join("\n");
}

function version(): string {
	return (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
}

async function bundle(
	entry: string,
	options: { globalName?: string; platform: "neutral" | "browser" },
): Promise<string> {
	const result = await build({
		entryPoints: [join(root, entry)],
		bundle: true,
		write: false,
		format: "iife",
		globalName: options.globalName,
		platform: options.platform,
		target: "es2020",
		charset: "utf8",
		legalComments: "none",
		define: { __HUBSHEET_VERSION__: JSON.stringify(version()) },
		// Code.js is minified (entry points are properties of the global, so the footer still finds
		// them). Names are not kept (keepNames costs ~27 KiB of __name calls): every error class sets
		// its own `name`, which is what errors and logs show, and nothing reads a function's name.
		minify: options.platform === "neutral",
		logLevel: "silent",
	});
	const output = result.outputFiles[0];
	if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
	return output.text;
}

export async function buildCode(): Promise<{ code: string; entryPoints: string[] }> {
	const code = await bundle("src/gas/main.ts", { globalName: BUNDLE_GLOBAL, platform: "neutral" });
	const problems = await findModuleSyntaxInBundle(code);
	if (problems.length > 0)
		throw new Error(`dist/Code.js would contain ${problems.join(", ")}; Apps Script cannot load it.`);
	const entryPoints = listEntryPoints(code);
	return { code: `${code}\n${entryPointFooter(entryPoints)}\n`, entryPoints };
}

/** The HTML files of the push set: client script and CSS inlined, since Apps Script serves one file. */
export const HTML_PAGES = { Sidebar: "src/ui/sidebar", Settings: "src/ui/settings-dialog" } as const;

export async function buildHtmlPage(base: string): Promise<string> {
	const script = await bundle(`${base}.ts`, { platform: "browser" });
	const css = readFileSync(join(root, `${base}.css`), "utf8");
	const template = readFileSync(join(root, `${base}.html`), "utf8");
	// "</script" inside the inlined code would end the script element early.
	const safeScript = script.replace(/<\/script/gi, "<\\/script");
	return template.replace("/*INLINE_CSS*/", () => css).replace("/*INLINE_JS*/", () => safeScript);
}

export const buildSidebar = () => buildHtmlPage(HTML_PAGES.Sidebar);

export function buildManifest(): string {
	const manifest = JSON.parse(readFileSync(join(root, "appsscript.json"), "utf8")) as Record<string, unknown>;
	for (const field of ["timeZone", "runtimeVersion", "oauthScopes"]) {
		if (!(field in manifest)) throw new Error(`appsscript.json lacks "${field}"`);
	}
	if (manifest.runtimeVersion !== "V8") throw new Error('appsscript.json must set "runtimeVersion": "V8"');
	return `${JSON.stringify(manifest, null, 2)}\n`;
}

export async function buildAll(outDir = join(root, "dist")): Promise<{ entryPoints: string[]; outDir: string }> {
	const { code, entryPoints } = await buildCode();
	mkdirSync(outDir, { recursive: true });
	writeFileSync(join(outDir, "Code.js"), code);
	for (const [name, base] of Object.entries(HTML_PAGES)) {
		writeFileSync(join(outDir, `${name}.html`), await buildHtmlPage(base));
	}
	writeFileSync(join(outDir, "appsscript.json"), buildManifest());
	return { entryPoints, outDir };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const { entryPoints, outDir } = await buildAll();
	const pages = Object.keys(HTML_PAGES).map((name) => `${name}.html`);
	console.log(
		`Built ${outDir}: Code.js (${entryPoints.length} entry points: ${entryPoints.join(", ")}), ${pages.join(", ")}, appsscript.json`,
	);
}

/**
 * Debian's Chromium driven by playwright-core, as the browser tests and the README's screenshots
 * use it. Playwright's own browser downloads are never used: the system's /usr/bin/chromium is.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = process.env.HUBSHEET_CHROMIUM ?? "/usr/bin/chromium";

/** Quiet, headless, and offline apart from the playground: no updates, sync or field trials. */
export const CHROMIUM_ARGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
];

export interface Browser {
	context: BrowserContext;
	close(): Promise<void>;
}

/** A fresh profile each time, so no state leaks between runs. */
export async function launchChromium(viewport = { width: 1400, height: 820 }): Promise<Browser> {
	const profile = mkdtempSync(join(tmpdir(), "hubsheet-chromium-"));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport,
	});
	return {
		context,
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

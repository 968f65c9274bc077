import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The Settings dialog tells the truth about who can read the credentials it saves (README: Who can
// read your credentials), above every section.

describe("the Settings dialog", () => {
	it("says every editor can read the saved credentials, and what to do", () => {
		const html = readFileSync(new URL("../../src/ui/settings-dialog.html", import.meta.url), "utf8");
		const note = /<p class="hint" id="access-note" role="note">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? "";
		const words = note.replace(/\s+/g, " ");
		expect(words).toContain("Anyone with edit access to this spreadsheet can read what you save in these settings");
		expect(words).toContain("give edit access only to people you trust, others Viewer or Commenter");
		// First thing under the dialog's first title; the CRM section repeats it for its tokens.
		expect(html.indexOf('id="access-note"')).toBeLessThan(html.indexOf('<form id="marketplace-form"'));
		expect(html).toContain("every editor of this spreadsheet can read these tokens");
	});
});

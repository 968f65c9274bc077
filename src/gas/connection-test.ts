/**
 * Tests the chosen CRM and courier with one cheap read each (the descriptor's probe), right after the
 * settings dialog saves them, and says in the owner's words whether they work: a wrong token is found
 * while the owner still has the dialog open, not at the next sync. Nothing is created or changed on a
 * platform.
 */
import { type ConnectionTest, describeTestFailure } from "../core/connection-words.js";
import type { PlatformName } from "../core/connector-contracts.js";
import { SETTINGS_SHEET } from "../core/settings.js";
import { readSettings } from "../platforms/catalog.js";
import type { ConnectionProbe } from "../platforms/http/descriptor.js";
import { descriptorOf } from "../platforms/registry.js";
import { platformConnections } from "./platform-connections.js";

function attempt(platform: PlatformName, probe: () => ConnectionProbe, where?: string): ConnectionTest {
	try {
		const outcome = probe();
		if ("skipped" in outcome) return { platform, ok: true, message: outcome.skipped };
		const result: ConnectionTest = { platform, ok: true, message: `${platform} works: Hubsheet could sign in.` };
		if (outcome.choices && outcome.choices.length > 0) result.choices = outcome.choices;
		return result;
	} catch (error) {
		return { platform, ok: false, message: describeTestFailure(platform, error, where) };
	}
}

export function testConnections(spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): ConnectionTest[] {
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	const { settings } = readSettings(sheet ? sheet.getDataRange().getValues() : []);
	const connections = platformConnections(settings);
	const results: ConnectionTest[] = [];
	for (const [chosen, connector] of [
		[settings.crm, connections.crm],
		[settings.courier, connections.courier],
	] as const) {
		if (chosen === "None" || chosen === "") continue;
		const descriptor = descriptorOf(chosen);
		if (!connector || !descriptor) {
			const problem = connections.problems.find((text) => text.toLowerCase().includes(chosen.toLowerCase()));
			results.push({
				platform: chosen as PlatformName,
				ok: false,
				message: problem ?? `${chosen} is not set up yet.`,
			});
			continue;
		}
		results.push(
			attempt(
				descriptor.name,
				() => (descriptor.probe as (c: typeof connector) => ConnectionProbe)(connector),
				descriptor.whereToFind,
			),
		);
	}
	return results;
}

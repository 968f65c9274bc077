/**
 * Tests the chosen CRM and courier with one cheap read each (the descriptor's probe), right after the
 * settings dialog saves them, and says in the owner's words whether they work: a wrong token is found
 * while the owner still has the dialog open, not at the next sync. Nothing is created or changed on a
 * platform. What each answer means in words: core/connection-words.ts.
 */
import {
	type ConnectionTest,
	describeTestFailure,
	isChosen,
	notSetUpTest,
	passedTest,
} from "../core/connection-words.js";
import type { PlatformName } from "../core/connector-contracts.js";
import { SETTINGS_SHEET } from "../core/settings.js";
import { readSettings } from "../platforms/catalog.js";
import type { ConnectionProbe } from "../platforms/http/descriptor.js";
import { descriptorOf, MARKETPLACE } from "../platforms/registry.js";
import { marketplaceProbe } from "./marketplace-connection.js";
import { platformConnections } from "./platform-connections.js";

function attempt(platform: PlatformName, probe: () => ConnectionProbe, where?: string): ConnectionTest {
	try {
		return passedTest(platform, probe());
	} catch (error) {
		return { platform, ok: false, message: describeTestFailure(platform, error, where) };
	}
}

export function testConnections(spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): ConnectionTest[] {
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	const { settings } = readSettings(sheet ? sheet.getDataRange().getValues() : []);
	const connections = platformConnections(settings);
	const results: ConnectionTest[] = [];
	const marketplace = marketplaceProbe(spreadsheet);
	if (marketplace) results.push(attempt(MARKETPLACE.name, marketplace, MARKETPLACE.whereToFind));
	const chosen = [
		[settings.crm, connections.crm],
		[settings.courier, connections.courier],
	] as const;
	for (const [platform, connector] of chosen.filter(([setting]) => isChosen(setting))) {
		const descriptor = descriptorOf(platform);
		// No connector was built: the setup problem says why.
		if (!connector || !descriptor) {
			results.push(notSetUpTest(platform, connections.problems));
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

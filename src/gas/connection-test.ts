/**
 * Tests the chosen CRM and courier with one cheap read each, right after the settings dialog saves
 * them, and says in the owner's words whether they work: a wrong token is found while the owner
 * still has the dialog open, not at the next sync. Nothing is created or changed on a platform.
 */
import { type ConnectionTest, describeTestFailure } from "../core/connection-words.js";
import { readSettings, SETTINGS_SHEET } from "../core/settings.js";
import { FurgonetkaConnector } from "../platforms/furgonetka/connector.js";
import { platformConnections } from "./platform-connections.js";

/** A reference no order has: the courier's look-up answers "none" when the credentials work. */
const PROBE_REFERENCE = "hubsheet-connection-test";

function attempt(platform: ConnectionTest["platform"], read: () => string[] | undefined): ConnectionTest {
	try {
		const choices = read();
		const result: ConnectionTest = { platform, ok: true, message: `${platform} works: Hubsheet could sign in.` };
		if (choices && choices.length > 0) result.choices = choices;
		return result;
	} catch (error) {
		return { platform, ok: false, message: describeTestFailure(platform, error) };
	}
}

export function testConnections(spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): ConnectionTest[] {
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	const { settings } = readSettings(sheet ? sheet.getDataRange().getValues() : []);
	const connections = platformConnections(settings);
	const results: ConnectionTest[] = [];
	const crm = connections.crm;
	if (settings.crm !== "None" && settings.crm !== "") {
		if (!crm) {
			results.push({
				platform: settings.crm as ConnectionTest["platform"],
				ok: false,
				message: connections.problems[0] ?? `${settings.crm} is not set up yet.`,
			});
		} else if (crm.platform === "Webhook") {
			results.push({
				platform: "Webhook",
				ok: true,
				message: "Saved. A webhook is not tested (that would send it an event); the next sync sends the first.",
			});
		} else {
			// Reading the pipeline's stages: one request, and it needs a token the CRM accepts.
			results.push(attempt(crm.platform, () => void crm.unknownStages(["Hubsheet connection test"])));
		}
	}
	const courier = connections.courier;
	if (settings.courier !== "None" && settings.courier !== "") {
		if (!courier) {
			const problem = connections.problems.find((text) => text.includes(settings.courier));
			results.push({
				platform: settings.courier as ConnectionTest["platform"],
				ok: false,
				message: problem ?? `${settings.courier} is not set up yet.`,
			});
		} else if (courier instanceof FurgonetkaConnector) {
			// The account's services: the sign-in is tested, and the dialog offers them as choices.
			results.push(attempt("Furgonetka", () => courier.services().map((service) => service.service)));
		} else {
			results.push(attempt(courier.platform, () => void courier.findShipment(PROBE_REFERENCE)));
		}
	}
	return results;
}

/**
 * "Adding a courier is one folder plus one line in the registry": a throwaway courier, described in
 * test code (test/platforms/throwaway-courier.ts, standing in for src/platforms/<id>/descriptor.ts),
 * is added to the registry's list, and nothing else. The settings dialog's data, the secrets'
 * keys, the save's checks, the Settings rows, the mapping vocabulary and the connection factory
 * all offer it. The registry is mocked here (a unit test) so that src/ keeps its real list.
 */
import { describe, expect, it, vi } from "vitest";
import type { ConnectorDescriptor } from "../../src/platforms/http/descriptor.js";

vi.mock("../../src/platforms/registry.js", async (importOriginal) => {
	const real = await importOriginal<typeof import("../../src/platforms/registry.js")>();
	const { throwawayCourier } = await import("./throwaway-courier.js");
	// The one line: the new descriptor appended to the list. CRMS, COURIERS and descriptorOf are the
	// registry's own derivations of that list.
	const PLATFORMS: readonly ConnectorDescriptor[] = [...real.PLATFORMS, throwawayCourier];
	return {
		MARKETPLACE: real.MARKETPLACE,
		PLATFORMS,
		CRMS: PLATFORMS.filter((d) => d.kind === "crm"),
		COURIERS: PLATFORMS.filter((d) => d.kind === "courier"),
		descriptorOf: (name: string) =>
			PLATFORMS.find((d) => d.name.toLowerCase() === name.trim().toLowerCase() || d.id === name.trim().toLowerCase()),
	};
});

const { dialogPlatforms, planConnectionSave, savedSecrets } = await import("../../src/engine/connection-save.js");
const { missingSettingRows, missingTableRows, readMappingSettings, readSettings, SETTINGS_HEADER } = await import(
	"../../src/platforms/catalog.js"
);
const { buildConnections } = await import("../../src/platforms/connections.js");

const KEY = "tc_live_0123456789abcdef";

describe("a new courier added to the registry's list", () => {
	it("is offered by the settings dialog, with its fields, help and guide", () => {
		const offered = dialogPlatforms().find((p) => p.name === "Throwaway Parcels");
		expect(offered).toMatchObject({
			id: "throwaway",
			kind: "courier",
			senderRequired: true,
			guide: { text: "In the Throwaway panel: Settings > API." },
		});
		expect(offered?.fields).toEqual([
			expect.objectContaining({ kind: "setting", key: "courierService", id: "throwaway-courier-service" }),
			expect.objectContaining({
				kind: "setting",
				key: "throwawayDepot",
				label: "Depot",
				help: "The depot that collects your parcels.",
			}),
			expect.objectContaining({ kind: "secret", key: "throwaway.apiKey", id: "throwaway-api-key", label: "API key" }),
		]);
	});

	it("has its secrets checked and saved under its own keys, and reported as saved", () => {
		const plan = planConnectionSave(
			{
				crm: "None",
				courier: "throwaway parcels",
				settings: { throwawayDepot: " wro-1 " },
				secrets: { throwaway: { apiKey: KEY } },
			},
			() => false,
		);
		expect(plan).toMatchObject({ courier: "Throwaway Parcels", properties: [["throwaway.apiKey", KEY]] });
		expect(plan.settings).toContainEqual(["throwawayDepot", "WRO-1"]);
		expect(() =>
			planConnectionSave(
				{
					courier: "Throwaway Parcels",
					settings: { throwawayDepot: "x" },
					secrets: { throwaway: { apiKey: "short" } },
				},
				() => false,
			),
		).toThrow("The Throwaway API key should be at least 16 characters with no spaces; copy it again.");
		expect(savedSecrets((key) => key === "throwaway.apiKey").throwaway).toEqual({ apiKey: true });
	});

	it("gets its rows on the Settings sheet and its words in the mapping tables", () => {
		const rows = missingSettingRows([[...SETTINGS_HEADER]]);
		expect(rows).toContainEqual(["Throwaway depot", "", "The depot that collects your parcels."]);
		expect(rows.find(([label]) => label === "Courier")?.[2]).toContain("Throwaway Parcels");
		const reading = readSettings([
			[...SETTINGS_HEADER],
			["Courier", "Throwaway Parcels"],
			["Throwaway depot", "WRO-1"],
		]);
		expect(reading.problems).toEqual([]);
		expect(reading.settings).toMatchObject({ courier: "Throwaway Parcels", throwawayDepot: "WRO-1" });
		const mapping = readMappingSettings(missingTableRows([])).settings;
		expect(mapping.courierStateToStatus.handed_over).toBe("Shipped");
		expect(mapping.serviceToCarrier.throwaway_express).toBe("other");
	});

	it("is built by the connection factory from its saved secrets and settings", () => {
		const saved: Record<string, string> = { "throwaway.apiKey": KEY };
		const store = { get: (key: string) => saved[key] ?? null, set: () => {}, remove: () => {} };
		const connections = buildConnections(
			{ crm: "", courier: "Throwaway Parcels", throwawayDepot: "WRO-1" },
			{
				http: () => ({ fetch: () => ({ status: 200, headers: {}, body: "" }) }) as never,
				clock: { now: () => 0, sleep: () => {} } as never,
				log: { info: () => {}, warn: () => {}, error: () => {} } as never,
				crypto: {} as never,
				store: store as never,
				secrets: store as never,
			},
		);
		expect(connections.problems).toEqual([]);
		expect(connections.courier).toMatchObject({ platform: "Throwaway Parcels", depot: "WRO-1", apiKey: KEY });
	});
});

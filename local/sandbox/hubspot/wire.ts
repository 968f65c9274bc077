/** State -> HubSpot's JSON: objects with string (or null) property values, ISO dates, pipelines, properties. */
import type { CrmRecord, ObjectType, PipelineDef, PropertyDef } from "./types.js";

/** What HubSpot returns when no `properties` are asked for. */
export const DEFAULT_PROPERTIES: Record<ObjectType, readonly string[]> = {
	deals: [
		"amount",
		"closedate",
		"createdate",
		"dealname",
		"dealstage",
		"hs_lastmodifieddate",
		"hs_object_id",
		"pipeline",
	],
	contacts: ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
};

/** Returned whatever was asked. */
const ALWAYS: Record<ObjectType, readonly string[]> = {
	deals: ["createdate", "hs_lastmodifieddate", "hs_object_id"],
	contacts: ["createdate", "lastmodifieddate", "hs_object_id"],
};

export function iso(ms: number): string {
	return new Date(ms).toISOString();
}

/** `properties=a,b` and `properties=a&properties=b` both work, as with HubSpot. */
export function requestedProperties(raw: string | string[] | undefined): string[] | null {
	if (raw === undefined) return null;
	const list = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => value.split(","));
	const names = list.map((name) => name.trim()).filter((name) => name !== "");
	return names.length === 0 ? null : names;
}

/**
 * One object. Asked-for properties without a value come back as null; names the portal does not
 * know are left out.
 */
export function objectToWire(
	record: CrmRecord,
	requested: readonly string[] | null,
	known: ReadonlySet<string>,
	view: { properties: Record<string, string>; archived: boolean } = record,
): Record<string, unknown> {
	const names =
		requested === null ? DEFAULT_PROPERTIES[record.type] : [...new Set([...requested, ...ALWAYS[record.type]])];
	const properties: Record<string, string | null> = {};
	for (const name of names) if (known.has(name)) properties[name] = view.properties[name] ?? null;
	return {
		id: record.id,
		properties,
		createdAt: iso(record.createdAt),
		updatedAt: iso(record.updatedAt),
		archived: view.archived,
		...(record.archivedAt !== null && view.archived ? { archivedAt: iso(record.archivedAt) } : {}),
	};
}

/** A create or update answer: every property the record has, plus the defaults. */
export function writtenToWire(record: CrmRecord, known: ReadonlySet<string>): Record<string, unknown> {
	return objectToWire(record, [...DEFAULT_PROPERTIES[record.type], ...Object.keys(record.properties)], known);
}

export function pipelineToWire(pipeline: PipelineDef): Record<string, unknown> {
	return {
		label: pipeline.label,
		displayOrder: pipeline.displayOrder,
		id: pipeline.id,
		stages: pipeline.stages
			.filter((stage) => !stage.archived)
			.map((stage) => ({
				label: stage.label,
				displayOrder: stage.displayOrder,
				// HubSpot sends metadata values as strings.
				metadata: { isClosed: String(stage.isClosed), probability: String(stage.probability) },
				id: stage.id,
				createdAt: iso(stage.createdAt),
				updatedAt: iso(stage.updatedAt),
				archived: false,
				writePermissions: "CRM_PERMISSIONS_ENFORCEMENT",
			})),
		createdAt: iso(pipeline.createdAt),
		updatedAt: iso(pipeline.updatedAt),
		archived: false,
	};
}

export function propertyToWire(property: PropertyDef, options: Array<{ label: string; value: string }> = []) {
	return {
		name: property.name,
		label: property.label,
		type: property.type,
		fieldType: property.fieldType,
		description: property.description,
		groupName: property.groupName,
		options: options.map((option, index) => ({ ...option, displayOrder: index, hidden: false })),
		displayOrder: -1,
		calculated: false,
		externalOptions: false,
		hasUniqueValue: property.hasUniqueValue,
		hidden: false,
		hubspotDefined: property.hubspotDefined,
		modificationMetadata: {
			archivable: !property.hubspotDefined,
			readOnlyDefinition: property.hubspotDefined,
			readOnlyValue: property.readOnlyValue,
		},
		formField: false,
		createdAt: iso(property.createdAt),
		updatedAt: iso(property.updatedAt),
		archived: false,
	};
}

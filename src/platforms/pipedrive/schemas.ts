/**
 * zod schemas of the Pipedrive API v2 answers Hubsheet reads (pipedrive-openapi-v2.yaml).
 *
 * Strict on what Hubsheet uses (ids, stage, value, currency, update time, the custom fields object):
 * a wrong type there must fail loudly with the field's path. Lenient elsewhere: values Pipedrive
 * leaves unset come as null (the spec marks few of them nullable), and unknown keys are dropped, so
 * that Pipedrive adding a field never breaks a sync. Lists are parsed item by item by the
 * connector, so one odd deal is reported on its own.
 */
import * as z from "../http/zod.js";

const id = z.number().check(z.int(), z.positive());
/** RFC 3339 as v2 writes it (`2025-01-01T10:20:00Z`); v1's `2025-01-01 10:20:00` (UTC) is read too. */
const timestamp = z
	.string()
	.check(z.refine((text) => !Number.isNaN(parseTime(text)), "expected an RFC 3339 date-time"));

/** Epoch ms of a Pipedrive time; NaN when unreadable. */
export function parseTime(text: string): number {
	const v1 = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text.trim());
	return Date.parse(v1 ? `${v1[1]}T${v1[2]}Z` : text.trim());
}

/** `{success: true, data, additional_data: {next_cursor}}`; items are checked one by one afterwards. */
export const listEnvelopeSchema = z.object({
	success: z.literal(true),
	data: z.array(z.unknown()),
	additional_data: z.nullish(z.object({ next_cursor: z.nullish(z.string()) })),
});

export const itemEnvelopeSchema = z.object({
	success: z.literal(true),
	data: z.unknown(),
});

export const dealSchema = z.object({
	id,
	title: z.string(),
	person_id: z.nullish(id),
	pipeline_id: id,
	stage_id: id,
	value: z.number(),
	currency: z.string().check(z.minLength(1)),
	update_time: timestamp,
	status: z.nullish(z.string()),
	is_deleted: z.nullish(z.boolean()),
	is_archived: z.nullish(z.boolean()),
	// Absent when `custom_fields=` names only fields the deal does not have; null values when unset.
	custom_fields: z.nullish(z.record(z.string(), z.unknown())),
});

export const personSchema = z.object({
	id,
	name: z.nullish(z.string()),
	add_time: z.nullish(z.string()),
	is_deleted: z.nullish(z.boolean()),
	emails: z.nullish(
		z.array(z.object({ value: z.nullish(z.string()), primary: z.nullish(z.boolean()), label: z.nullish(z.string()) })),
	),
	custom_fields: z.nullish(z.record(z.string(), z.unknown())),
});

export const stageSchema = z.object({
	id,
	name: z.string(),
	pipeline_id: id,
	order_nr: z.nullish(z.number().check(z.int())),
	is_deleted: z.nullish(z.boolean()),
});

export const pipelineSchema = z.object({
	id,
	name: z.string(),
	order_nr: z.nullish(z.number().check(z.int())),
	is_deleted: z.nullish(z.boolean()),
});

export const dealFieldSchema = z.object({
	field_code: z.string().check(z.minLength(1)),
	field_name: z.string(),
	field_type: z.string(),
	is_custom_field: z.boolean(),
});

const searchEnvelope = <T extends z.ZodMiniType>(item: T) =>
	z.object({
		success: z.literal(true),
		data: z.object({ items: z.array(z.object({ result_score: z.nullish(z.number()), item })) }),
		additional_data: z.nullish(z.object({ next_cursor: z.nullish(z.string()) })),
	});

export const dealSearchSchema = searchEnvelope(
	z.object({
		id,
		title: z.nullish(z.string()),
		// The values of the custom fields that matched the term.
		custom_fields: z.nullish(z.array(z.unknown())),
	}),
);

export const personSearchSchema = searchEnvelope(
	z.object({
		id,
		name: z.nullish(z.string()),
		emails: z.nullish(z.array(z.string())),
	}),
);

export type PipedriveDeal = z.output<typeof dealSchema>;
export type PipedrivePerson = z.output<typeof personSchema>;
export type PipedriveStage = z.output<typeof stageSchema>;
export type PipedrivePipeline = z.output<typeof pipelineSchema>;
export type PipedriveDealField = z.output<typeof dealFieldSchema>;

/**
 * zod schemas of the HubSpot CRM v3 answers Hubsheet reads. HubSpot publishes no spec Hubsheet may
 * keep, so these follow the public docs (see ../shared/specs/hubspot/NOTES.md).
 *
 * Strict on what Hubsheet uses (ids, the stage, the order id, timestamps): a wrong type there fails
 * loudly with the field's path. Lenient elsewhere: unknown keys are dropped and optional parts may be
 * missing, so HubSpot adding a field never breaks a sync.
 */
import * as z from "../http/zod.js";

/** HubSpot sends ids as strings of digits ("12345"); a number there would be a changed API. */
const objectId = z.string().check(z.minLength(1));
const isoDate = z.string().check(z.refine((text) => !Number.isNaN(Date.parse(text)), "expected an ISO 8601 date"));

/** Every property value is a string, or null when asked for but not set. */
export const propertiesSchema = z.record(z.string(), z.nullable(z.string()));

export const crmObjectSchema = z.object({
	id: objectId,
	properties: propertiesSchema,
	createdAt: z.optional(isoDate),
	updatedAt: isoDate,
	archived: z.optional(z.boolean()),
});
export type HubSpotObject = z.infer<typeof crmObjectSchema>;

export const searchPageSchema = z.object({
	total: z.number().check(z.int(), z.nonnegative()),
	results: z.array(crmObjectSchema),
	paging: z.nullish(z.object({ next: z.optional(z.object({ after: z.string().check(z.minLength(1)) })) })),
});

/** `context.ids` names the inputs an error is about (HubSpot also writes `context.id`). */
export const batchErrorSchema = z.object({
	status: z.optional(z.string()),
	category: z.optional(z.string()),
	message: z._default(z.string(), ""),
	context: z.nullish(z.record(z.string(), z.union([z.array(z.string()), z.string()]))),
});
export type BatchError = z.infer<typeof batchErrorSchema>;

/** 200 (all applied) and 207 (some failed) of `/batch/update`. */
export const batchResponseSchema = z.object({
	status: z.optional(z.string()),
	results: z.array(crmObjectSchema),
	errors: z.optional(z.array(batchErrorSchema)),
	numErrors: z.optional(z.number().check(z.int())),
});

// HubSpot sends stage metadata as strings ("0.2", "false"); only their presence matters here.
const metadataValue = z.nullish(z.union([z.string(), z.number(), z.boolean()]));

export const stageSchema = z.object({
	id: objectId,
	label: z.string(),
	displayOrder: z.optional(z.number()),
	archived: z.optional(z.boolean()),
	metadata: z.nullish(z.partial(z.object({ probability: metadataValue, isClosed: metadataValue }))),
});

export const pipelineSchema = z.object({
	id: objectId,
	label: z.string(),
	displayOrder: z.optional(z.number()),
	archived: z.optional(z.boolean()),
	stages: z.array(stageSchema),
});
export type HubSpotPipeline = z.infer<typeof pipelineSchema>;

export const pipelinesSchema = z.object({ results: z.array(pipelineSchema) });

export const propertySchema = z.object({
	name: z.string(),
	label: z.optional(z.string()),
	type: z.optional(z.string()),
	hasUniqueValue: z.optional(z.boolean()),
});

/** HubSpot's error body; every part is optional because proxies and 5xx pages send other things. */
export const errorBodySchema = z.object({
	status: z.optional(z.string()),
	message: z.optional(z.string()),
	correlationId: z.optional(z.string()),
	category: z.optional(z.string()),
	/** 429 answers name the limit: TEN_SECONDLY_ROLLING, SECONDLY, DAILY. */
	policyName: z.optional(z.string()),
	errors: z.optional(
		z.array(
			z.object({
				message: z.optional(z.string()),
				code: z.optional(z.string()),
				context: z.nullish(z.record(z.string(), z.unknown())),
			}),
		),
	),
});
export type HubSpotErrorBody = z.infer<typeof errorBodySchema>;

/** `GET /settings/currencies/2026-03/company-currency`: `id` is the currency code (NOTES, [CURAPI]). */
export const companyCurrencySchema = z.object({
	id: z.string().check(z.minLength(1)),
	createdAt: z.optional(z.string()),
});

/**
 * zod schemas of the HubSpot CRM v3 answers Hubsheet reads. HubSpot publishes no spec Hubsheet may
 * keep, so these follow the public docs (see ../shared/specs/hubspot/NOTES.md).
 *
 * Strict on what Hubsheet uses (ids, the stage, the order id, timestamps): a wrong type there fails
 * loudly with the field's path. Lenient elsewhere: unknown keys are dropped and optional parts may be
 * missing, so HubSpot adding a field never breaks a sync.
 */
import { z } from "zod";

/** HubSpot sends ids as strings of digits ("12345"); a number there would be a changed API. */
const objectId = z.string().min(1);
const isoDate = z.string().refine((text) => !Number.isNaN(Date.parse(text)), "expected an ISO 8601 date");

/** Every property value is a string, or null when asked for but not set. */
export const propertiesSchema = z.record(z.string(), z.string().nullable());

export const crmObjectSchema = z.object({
	id: objectId,
	properties: propertiesSchema,
	createdAt: isoDate.optional(),
	updatedAt: isoDate,
	archived: z.boolean().optional(),
});
export type HubSpotObject = z.infer<typeof crmObjectSchema>;

export const searchPageSchema = z.object({
	total: z.number().int().nonnegative(),
	results: z.array(crmObjectSchema),
	paging: z.object({ next: z.object({ after: z.string().min(1) }).optional() }).nullish(),
});

/** `context.ids` names the inputs an error is about (HubSpot also writes `context.id`). */
export const batchErrorSchema = z.object({
	status: z.string().optional(),
	category: z.string().optional(),
	message: z.string().default(""),
	context: z.record(z.string(), z.array(z.string()).or(z.string())).nullish(),
});
export type BatchError = z.infer<typeof batchErrorSchema>;

/** 200 (all applied) and 207 (some failed) of `/batch/update`. */
export const batchResponseSchema = z.object({
	status: z.string().optional(),
	results: z.array(crmObjectSchema),
	errors: z.array(batchErrorSchema).optional(),
	numErrors: z.number().int().optional(),
});

// HubSpot sends stage metadata as strings ("0.2", "false"); only their presence matters here.
const metadataValue = z.union([z.string(), z.number(), z.boolean()]).nullish();

export const stageSchema = z.object({
	id: objectId,
	label: z.string(),
	displayOrder: z.number().optional(),
	archived: z.boolean().optional(),
	metadata: z.object({ probability: metadataValue, isClosed: metadataValue }).partial().nullish(),
});

export const pipelineSchema = z.object({
	id: objectId,
	label: z.string(),
	displayOrder: z.number().optional(),
	archived: z.boolean().optional(),
	stages: z.array(stageSchema),
});
export type HubSpotPipeline = z.infer<typeof pipelineSchema>;

export const pipelinesSchema = z.object({ results: z.array(pipelineSchema) });

export const propertySchema = z.object({
	name: z.string(),
	label: z.string().optional(),
	type: z.string().optional(),
	hasUniqueValue: z.boolean().optional(),
});

/** HubSpot's error body; every part is optional because proxies and 5xx pages send other things. */
export const errorBodySchema = z.object({
	status: z.string().optional(),
	message: z.string().optional(),
	correlationId: z.string().optional(),
	category: z.string().optional(),
	/** 429 answers name the limit: TEN_SECONDLY_ROLLING, SECONDLY, DAILY. */
	policyName: z.string().optional(),
	errors: z
		.array(
			z.object({
				message: z.string().optional(),
				code: z.string().optional(),
				context: z.record(z.string(), z.unknown()).nullish(),
			}),
		)
		.optional(),
});
export type HubSpotErrorBody = z.infer<typeof errorBodySchema>;

/** `GET /settings/currencies/2026-03/company-currency`: `id` is the currency code (NOTES, [CURAPI]). */
export const companyCurrencySchema = z.object({ id: z.string().min(1), createdAt: z.string().optional() });

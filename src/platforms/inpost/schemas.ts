/**
 * zod schemas of the ShipX answers the InPost connector reads. ShipX publishes no OpenAPI file;
 * shapes follow the notes (public SDKs) and the sandbox. Strict on id, status, reference and the
 * tracking number (text only: a 24-digit number as a JSON number has already lost digits), lenient
 * on everything else.
 */
import { z } from "zod";

const idText = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);

export const shipmentSchema = z.object({
	id: idText,
	status: z.string().min(1),
	tracking_number: z.string().nullish(),
	service: z.string().nullish(),
	reference: z.string().nullish(),
	parcels: z.array(z.object({ tracking_number: z.string().nullish() })).nullish(),
	created_at: z.string().nullish(),
});
export type ShipxShipment = z.output<typeof shipmentSchema>;

/** ShipX collections: `{href, count, page, per_page, items}`. */
export const shipmentListSchema = z.object({
	items: z.array(z.unknown()),
	count: z.number().int().nullish(),
	page: z.number().int().nullish(),
	per_page: z.number().int().nullish(),
});

/**
 * ShipX's error body. The notes' example has `description`, the SDKs read `message`; either is
 * taken. `details` is null, `{}`, or per-field error keys for a validation failure.
 */
export const errorBodySchema = z.object({
	status: z.number().nullish(),
	error: z.string().nullish(),
	message: z.string().nullish(),
	description: z.string().nullish(),
	details: z.unknown().nullish(),
});

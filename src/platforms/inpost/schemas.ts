/**
 * zod schemas of the ShipX answers the InPost connector reads. ShipX publishes no OpenAPI file;
 * shapes follow the notes (public SDKs) and the sandbox. Strict on id, status, reference and the
 * tracking number (text only: a 24-digit number as a JSON number has already lost digits), lenient
 * on everything else.
 */
import * as z from "../http/zod.js";

const idText = z.pipe(
	z.union([z.number().check(z.int(), z.nonnegative()), z.string().check(z.regex(/^\d+$/))]),
	z.transform(String),
);

export const shipmentSchema = z.object({
	id: idText,
	status: z.string().check(z.minLength(1)),
	tracking_number: z.nullish(z.string()),
	service: z.nullish(z.string()),
	reference: z.nullish(z.string()),
	parcels: z.nullish(z.array(z.object({ tracking_number: z.nullish(z.string()) }))),
	created_at: z.nullish(z.string()),
});
export type ShipxShipment = z.output<typeof shipmentSchema>;

/** ShipX collections: `{href, count, page, per_page, items}`. */
export const shipmentListSchema = z.object({
	items: z.array(z.unknown()),
	count: z.nullish(z.number().check(z.int())),
	page: z.nullish(z.number().check(z.int())),
	per_page: z.nullish(z.number().check(z.int())),
});

/**
 * ShipX's error body. The notes' example has `description`, the SDKs read `message`; either is
 * taken. `details` is null, `{}`, or per-field error keys for a validation failure.
 */
export const errorBodySchema = z.object({
	status: z.nullish(z.number()),
	error: z.nullish(z.string()),
	message: z.nullish(z.string()),
	description: z.nullish(z.string()),
	details: z.nullish(z.unknown()),
});

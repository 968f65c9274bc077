/**
 * zod schemas of the Furgonetka REST API answers the connector reads. There is no published spec:
 * shapes follow the notes (field lists observed in public clients) and the sandbox. Strict on what
 * the connector uses (ids, state, reference, waybill numbers as text), lenient on the rest, and
 * unknown keys are dropped, so Furgonetka adding a field never breaks a sync.
 */
import { z } from "zod";

/** Ids come as strings in client docblocks; a number is accepted and kept as its decimal text. */
const idText = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);

export const tokenResponseSchema = z.object({
	access_token: z.string().min(1),
	token_type: z.string().optional(),
	expires_in: z.number().positive(),
	refresh_token: z.string().min(1).nullish(),
});
export type FurgonetkaTokenResponse = z.output<typeof tokenResponseSchema>;

export const oauthErrorSchema = z.object({
	error: z.string(),
	error_description: z.string().nullish(),
});

export const serviceSchema = z.object({
	id: z.number().int(),
	/** The carrier code the owner names in Settings: dpd, ups, gls, fedex, dhl, inpostkurier, poczta, ... */
	service: z.string().min(1),
	name: z.string().nullish(),
});
export const servicesResponseSchema = z.object({ services: z.array(serviceSchema) });
export type FurgonetkaService = z.output<typeof serviceSchema>;

export const parcelSchema = z.object({
	/**
	 * The carrier's waybill number, assigned when the pick-up is ordered. A string on the wire: a
	 * JSON number would already have lost digits of a long waybill, so it is refused as malformed.
	 */
	package_no: z.string().nullish(),
});

export const packageSchema = z.object({
	package_id: idText,
	state: z.string().min(1),
	service: z.string().nullish(),
	service_id: z.number().int().nullish(),
	user_reference_number: z.union([z.string(), z.number()]).transform(String).nullish(),
	parcels: z.array(parcelSchema).nullish(),
	label: z.object({ url: z.string().nullish() }).nullish(),
	documents_url: z.string().nullish(),
	datetime_add: z.string().nullish(),
});
export type FurgonetkaPackage = z.output<typeof packageSchema>;

export const packageListSchema = z.object({ packages: z.array(z.unknown()) });

/** One error item: `message` with a `path`, or only a `code` (`commandNotExists`), per the notes. */
const errorItemSchema = z
	.object({
		path: z.string().nullish(),
		field: z.string().nullish(),
		code: z.string().nullish(),
		message: z.string().nullish(),
	})
	.transform((item) => ({ ...item, message: item.message ?? item.code ?? "error" }));

export const orderCommandSchema = z.object({
	uuid: z.string().nullish(),
	/** `waiting`, `running`, `successful`, `partial_success`, `error` (NOTES.md, command status vocabulary). */
	status: z.string().min(1),
	datetime_change: z.string().nullish(),
	errors: z.array(errorItemSchema).nullish(),
	successfully_ordered_packages: z.array(z.union([z.string(), z.number()]).transform(String)).nullish(),
});
export type FurgonetkaOrderCommand = z.output<typeof orderCommandSchema>;

/** The error body of a refused package (validation) and of most API errors. */
export const errorsBodySchema = z.object({ errors: z.array(errorItemSchema) });

/** `GET /packages/{id}/tracking`: the carrier's scans, `{state, status (human text), datetime}`. */
export const trackingSchema = z.object({
	tracking: z
		.array(z.object({ state: z.string().nullish(), status: z.string().nullish(), datetime: z.string().nullish() }))
		.nullish(),
});

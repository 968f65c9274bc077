/**
 * zod schemas of the Furgonetka REST API answers the connector reads. There is no published spec:
 * shapes follow the notes (field lists observed in public clients) and the sandbox. Strict on what
 * the connector uses (ids, state, reference, waybill numbers as text), lenient on the rest, and
 * unknown keys are dropped, so Furgonetka adding a field never breaks a sync.
 */
import * as z from "../http/zod.js";

/** Ids come as strings in client docblocks; a number is accepted and kept as its decimal text. */
const idText = z.pipe(
	z.union([z.string().check(z.minLength(1)), z.number().check(z.int(), z.nonnegative())]),
	z.transform(String),
);

export const tokenResponseSchema = z.object({
	access_token: z.string().check(z.minLength(1)),
	token_type: z.optional(z.string()),
	expires_in: z.number().check(z.positive()),
	refresh_token: z.nullish(z.string().check(z.minLength(1))),
});
export type FurgonetkaTokenResponse = z.output<typeof tokenResponseSchema>;

export const oauthErrorSchema = z.object({
	error: z.string(),
	error_description: z.nullish(z.string()),
});

export const serviceSchema = z.object({
	id: z.number().check(z.int()),
	/** The carrier code the owner names in Settings: dpd, ups, gls, fedex, dhl, inpostkurier, poczta, ... */
	service: z.string().check(z.minLength(1)),
	name: z.nullish(z.string()),
});
export const servicesResponseSchema = z.object({ services: z.array(serviceSchema) });
export type FurgonetkaService = z.output<typeof serviceSchema>;

export const parcelSchema = z.object({
	/**
	 * The carrier's waybill number, assigned when the pick-up is ordered. A string on the wire: a
	 * JSON number would already have lost digits of a long waybill, so it is refused as malformed.
	 */
	package_no: z.nullish(z.string()),
});

export const packageSchema = z.object({
	package_id: idText,
	state: z.string().check(z.minLength(1)),
	service: z.nullish(z.string()),
	service_id: z.nullish(z.number().check(z.int())),
	user_reference_number: z.nullish(z.pipe(z.union([z.string(), z.number()]), z.transform(String))),
	parcels: z.nullish(z.array(parcelSchema)),
	label: z.nullish(z.object({ url: z.nullish(z.string()) })),
	documents_url: z.nullish(z.string()),
	datetime_add: z.nullish(z.string()),
});
export type FurgonetkaPackage = z.output<typeof packageSchema>;

export const packageListSchema = z.object({ packages: z.array(z.unknown()) });

/** `POST /packages` answered `{packages:[{package_id, parcels}]}`, one reading NOTES.md leaves open. */
export const createdPackagesSchema = z.object({
	packages: z.array(z.object({ package_id: idText })).check(z.minLength(1)),
});

/** One error item: `message` with a `path`, or only a `code` (`commandNotExists`), per the notes. */
const errorItemSchema = z.pipe(
	z.object({
		path: z.nullish(z.string()),
		field: z.nullish(z.string()),
		code: z.nullish(z.string()),
		message: z.nullish(z.string()),
	}),
	z.transform((item) => ({ ...item, message: item.message ?? item.code ?? "error" })),
);

export const orderCommandSchema = z.object({
	uuid: z.nullish(z.string()),
	/** `waiting`, `running`, `successful`, `partial_success`, `error` (NOTES.md, command status vocabulary). */
	status: z.string().check(z.minLength(1)),
	datetime_change: z.nullish(z.string()),
	errors: z.nullish(z.array(errorItemSchema)),
	successfully_ordered_packages: z.nullish(z.array(z.pipe(z.union([z.string(), z.number()]), z.transform(String)))),
});
export type FurgonetkaOrderCommand = z.output<typeof orderCommandSchema>;

/** The error body of a refused package (validation) and of most API errors. */
export const errorsBodySchema = z.object({ errors: z.array(errorItemSchema) });

/** `GET /packages/{id}/tracking`: the carrier's scans, `{state, status (human text), datetime}`. */
export const trackingSchema = z.object({
	tracking: z.nullish(
		z.array(z.object({ state: z.nullish(z.string()), status: z.nullish(z.string()), datetime: z.nullish(z.string()) })),
	),
});

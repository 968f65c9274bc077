/**
 * The person field "Etsy buyer": Etsy's buyer id on the Pipedrive person, so that a buyer whose
 * email Etsy withholds (Etsy NOTES.md, buyer_email) is found again by it. A text custom field, which
 * `/persons/search` looks into with `fields=custom_fields` (pipedrive-openapi-v2.yaml, `fields`);
 * looked for once per execution, created the first time a buyer needs it.
 */
import { PlatformError } from "../../core/connector-contracts.js";
import type { HttpResponse, Log } from "../../ports.js";
import type { PipedriveClient } from "./client.js";
import { listPages } from "./list-pages.js";
import { dealFieldSchema, itemEnvelopeSchema, type PipedrivePerson } from "./schemas.js";
import { normalizeName } from "./stage-catalog.js";

export const BUYER_FIELD_NAME = "Etsy buyer";
const API = "/api/v2";
/** Field types that hold an id as typed and that person search looks into. */
const TEXT_TYPES = ["varchar", "varchar_auto", "text"];

export class PipedriveBuyerField {
	/** Undefined until looked for in this execution; null when Pipedrive has no such field. */
	private code: string | null | undefined;

	constructor(
		private readonly client: PipedriveClient,
		private readonly log?: Log,
	) {}

	/** The field's key when Pipedrive has it. */
	existing(): string | null {
		if (this.code !== undefined) return this.code;
		const { items } = listPages(
			this.client,
			this.log,
			"getPersonFields",
			`${API}/personFields`,
			{ limit: 500 },
			dealFieldSchema,
			20,
		);
		const field = items.find(
			(f) =>
				f.is_custom_field &&
				normalizeName(f.field_name) === normalizeName(BUYER_FIELD_NAME) &&
				TEXT_TYPES.includes(f.field_type),
		);
		this.code = field?.field_code ?? null;
		return this.code;
	}

	/** The field's key, created when Pipedrive has none yet. */
	ensure(): string {
		const existing = this.existing();
		if (existing !== null) return existing;
		let response: HttpResponse;
		try {
			response = this.client.call({
				operation: "addPersonField",
				method: "post",
				path: `${API}/personFields`,
				body: {
					field_name: BUYER_FIELD_NAME,
					field_type: "varchar",
					description:
						"The buyer's Etsy user id. Kept by Hubsheet, which finds a buyer whose email Etsy does not share by it.",
				},
				idempotent: false,
			});
		} catch (error) {
			if (error instanceof PlatformError && error.options.mayHaveApplied) {
				this.code = undefined;
				const again = this.existing();
				if (again !== null) return again;
			}
			throw error;
		}
		this.client.expectOk("addPersonField", response);
		const field = this.client.shape(
			"addPersonField",
			this.client.parse("addPersonField", response, itemEnvelopeSchema).data,
			dealFieldSchema,
			["data"],
		);
		this.log?.info(`Pipedrive: created the person field "${BUYER_FIELD_NAME}" for Etsy buyer ids`);
		this.code = field.field_code;
		return field.field_code;
	}

	/** The Etsy buyer id a person carries, or "". */
	of(person: PipedrivePerson): string {
		const key = this.existing();
		const value = key === null ? undefined : person.custom_fields?.[key];
		return typeof value === "string" || typeof value === "number" ? String(value).trim() : "";
	}
}

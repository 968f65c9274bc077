/**
 * The deal field holding Etsy order ids ("Etsy order", a text field found by name or created once):
 * how Hubsheet finds its deals again. Its key is remembered in the Store and verified once per
 * execution (1 token).
 */
import { PlatformError } from "../../core/connector-contracts.js";
import type { HttpResponse, Log, Store } from "../../ports.js";
import type { PipedriveClient } from "./client.js";
import { pipedriveError } from "./errors.js";
import { listPages } from "./list-pages.js";
import { dealFieldSchema, itemEnvelopeSchema } from "./schemas.js";
import { normalizeName } from "./stage-catalog.js";

export const DEFAULT_ORDER_FIELD_NAME = "Etsy order";
export const ORDER_FIELD_STORE_KEY = "pipedrive.orderField";
/** Custom field types that hold an order id as typed and that Pipedrive's deal search looks into. */
const ORDER_FIELD_TYPES = ["varchar", "varchar_auto", "text"];
const API = "/api/v2";

export class OrderField {
	/** The field's key, once known in this execution. */
	current: string | null = null;
	/** The field was looked for in this execution and is not there. */
	private missing = false;

	constructor(
		private readonly client: PipedriveClient,
		private readonly store: Store,
		private readonly company: string,
		readonly name: string,
		private readonly log?: Log,
	) {}

	/**
	 * The key of the deal field holding order ids, when it exists: remembered in the Store and
	 * verified once per execution (1 token), or found by name among the deal fields.
	 */
	existingKey(): string | null {
		if (this.current !== null) return this.current;
		if (this.missing) return null;
		const saved = this.saved();
		if (saved !== null) {
			const response = this.client.call({
				operation: "getDealField",
				method: "get",
				path: `${API}/dealFields/${encodeURIComponent(saved)}`,
				idempotent: true,
			});
			if (response.status >= 200 && response.status < 300) {
				const field = this.client.shape(
					"getDealField",
					this.client.parse("getDealField", response, itemEnvelopeSchema).data,
					dealFieldSchema,
					["data"],
				);
				if (field.is_custom_field && ORDER_FIELD_TYPES.includes(field.field_type)) return this.use(saved);
			} else if (response.status !== 404 && response.status !== 410) {
				throw this.client.refused("getDealField", response);
			}
		}
		const existing = this.find();
		if (existing !== null) return this.use(existing);
		this.missing = true;
		return null;
	}

	/** The key of the deal field holding order ids, created when Pipedrive has none yet. */
	key(): string {
		const existing = this.existingKey();
		if (existing !== null) return existing;
		let response: HttpResponse;
		try {
			response = this.client.call({
				operation: "addDealField",
				method: "post",
				path: `${API}/dealFields`,
				body: {
					field_name: this.name,
					field_type: "varchar",
					description: "The Etsy order this deal was made for. Kept by Hubsheet, which finds its deals by it.",
				},
				idempotent: false,
			});
		} catch (error) {
			if (error instanceof PlatformError && error.options.mayHaveApplied) {
				const again = this.find();
				if (again !== null) return this.use(again);
			}
			throw error;
		}
		this.client.expectOk("addDealField", response);
		const field = this.client.shape(
			"addDealField",
			this.client.parse("addDealField", response, itemEnvelopeSchema).data,
			dealFieldSchema,
			["data"],
		);
		this.log?.info(`Pipedrive: created the deal field "${this.name}" for Etsy order ids`);
		return this.use(field.field_code);
	}

	private find(): string | null {
		const { items } = listPages(
			this.client,
			this.log,
			"getDealFields",
			`${API}/dealFields`,
			{ limit: 500 },
			dealFieldSchema,
			20,
		);
		const named = items.filter((f) => f.is_custom_field && normalizeName(f.field_name) === normalizeName(this.name));
		const usable = named.find((f) => ORDER_FIELD_TYPES.includes(f.field_type));
		if (usable) return usable.field_code;
		const other = named[0];
		if (other) {
			throw pipedriveError(
				"getDealFields",
				"rejected",
				`Pipedrive already has a deal field named "${other.field_name}", but of type ${other.field_type}; Hubsheet keeps Etsy order ids in a text field. Rename that field in Pipedrive, or choose another field name in Hubsheet's settings.`,
			);
		}
		return null;
	}

	private saved(): string | null {
		const raw = this.store.get(ORDER_FIELD_STORE_KEY);
		if (raw === null) return null;
		try {
			const saved = JSON.parse(raw) as { company?: unknown; key?: unknown; name?: unknown };
			return saved.company === this.company &&
				saved.name === this.name &&
				typeof saved.key === "string" &&
				saved.key !== ""
				? saved.key
				: null;
		} catch {
			return null;
		}
	}

	private use(key: string): string {
		this.current = key;
		this.missing = false;
		if (this.saved() !== key) {
			this.store.set(ORDER_FIELD_STORE_KEY, JSON.stringify({ company: this.company, name: this.name, key }));
		}
		return key;
	}
}

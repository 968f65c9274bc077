/**
 * ShipX endpoints (paths as in the notes): shipments in an organization, one shipment, its label,
 * tracking by number, and the status dictionary. A shipment answers with the fields the notes and
 * the SDKs show: `id`, `status`, `tracking_number` (a string), `service`, `reference`, `parcels`,
 * `receiver`, `sender`, `custom_attributes`, `offers`, `selected_offer`, `transactions`, stamps.
 */
import { labelPdf } from "../furgonetka/label-pdf.js";
import { bodyObject, type Handler, json, queryValue, type SandboxResponse } from "../kit/http.js";
import type { Router } from "../kit/router.js";
import { COURIER_PATH, SERVICES, STATUS_DICTIONARY } from "./catalog.js";
import { type InpostSandbox, shipxError } from "./sandbox.js";
import type { StoredShipment } from "./state.js";
import { detailsOf, validateShipment } from "./validation.js";

const VALIDATION_MESSAGE = "There are some validation errors. Check details object for more info.";

function iso(ms: number): string {
	return new Date(ms).toISOString().replace("Z", "+00:00");
}

export function shipmentView(sb: InpostSandbox, shipment: StoredShipment, origin: string) {
	const status = sb.state.wireStatus(sb.state.statusOf(shipment));
	const confirmed = sb.state.isConfirmed(shipment);
	const trackingNumber = confirmed ? shipment.trackingNumber : null;
	const parcels = (Array.isArray(shipment.body.parcels) ? shipment.body.parcels : []).map((raw, index) => {
		const parcel = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
		return {
			id: parcel.id ?? `${index + 1}`,
			template: parcel.template ?? null,
			dimensions: parcel.dimensions ?? null,
			weight: parcel.weight ?? null,
			tracking_number: index === 0 ? trackingNumber : null,
			is_non_standard: parcel.is_non_standard === true,
		};
	});
	const offer = {
		id: shipment.id * 10 + 1,
		carrier: { id: "inpost_courier", name: "InPost Kurier" },
		service: { id: shipment.service.id, name: shipment.service.name, description: shipment.service.name },
		status: confirmed ? "bought" : status === "created" ? "available" : "selected",
		expires_at: iso(shipment.createdAt + 86_400_000),
		rate: 21.5,
		currency: "PLN",
		unavailability_reasons: null,
	};
	const prepared = status !== "created";
	return {
		href: `${origin}/v1/shipments/${shipment.id}`,
		id: shipment.id,
		status,
		tracking_number: trackingNumber,
		return_tracking_number: null,
		service: shipment.service.id,
		reference: typeof shipment.body.reference === "string" ? shipment.body.reference : null,
		is_return: false,
		application_id: 1,
		created_by_id: 501,
		external_customer_id:
			typeof shipment.body.external_customer_id === "string" ? shipment.body.external_customer_id : null,
		sending_method: null,
		end_of_week_collection: false,
		comments: typeof shipment.body.comments === "string" ? shipment.body.comments : null,
		mpk: null,
		additional_services: Array.isArray(shipment.body.additional_services) ? shipment.body.additional_services : [],
		custom_attributes: shipment.body.custom_attributes ?? {},
		cod: shipment.body.cod ?? null,
		insurance: shipment.body.insurance ?? null,
		sender: shipment.body.sender ?? null,
		receiver: shipment.body.receiver ?? null,
		selected_offer: prepared ? offer : null,
		offers: prepared ? [offer] : [],
		transactions: confirmed
			? [
					{
						id: shipment.id * 10 + 2,
						status: "success",
						created_at: iso(shipment.createdAt),
						updated_at: iso(shipment.updatedAt),
						offer_id: offer.id,
						details: null,
					},
				]
			: [],
		parcels,
		created_at: iso(shipment.createdAt),
		updated_at: iso(shipment.updatedAt),
	};
}

function findShipment(sb: InpostSandbox, raw: string | undefined): StoredShipment | undefined {
	return /^\d+$/.test(raw ?? "") ? sb.state.shipments.get(Number(raw)) : undefined;
}

function notFound(): SandboxResponse {
	return shipxError(404, "resource_not_found", "Resource not found.", {});
}

export function registerApiRoutes(sb: InpostSandbox, router: Router<Handler>): void {
	const state = () => sb.state;

	router.post(
		"/v1/organizations/:organization_id/shipments",
		sb.endpoint((req) => {
			const submitted = bodyObject(req);
			const errors = validateShipment(submitted);
			if (errors.length > 0) {
				const parcels = Array.isArray(submitted.parcels) ? submitted.parcels.length : 0;
				return shipxError(400, "validation_failed", VALIDATION_MESSAGE, detailsOf(errors, parcels));
			}
			const shipment = state().create(submitted, sb.now());
			return json(201, shipmentView(sb, shipment, sb.origin(req)));
		}),
	);

	router.get(
		"/v1/organizations/:organization_id/shipments",
		sb.endpoint((req) => {
			const raw = (name: string) => queryValue(req.query, name);
			const page = raw("page") === undefined ? 1 : Number(raw("page"));
			const perPage = raw("per_page") === undefined ? 25 : Number(raw("per_page"));
			if (!Number.isInteger(page) || page < 1)
				return shipxError(400, "invalid_parameter", "page must be a positive integer.");
			if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
				return shipxError(400, "invalid_parameter", "per_page must be between 1 and 100.");
			}
			const sortBy = raw("sort_by") ?? "id";
			// NOTES.md "Search / list filters": `sort_by` one of `id, created_at, tracking_number, service, status,
			// insurance_amount, cod_amount, external_customer_id`; the last three are not served here (no
			// connector sorts by them), so the sandbox refuses them where ShipX would not.
			if (!["id", "created_at", "status", "tracking_number", "service"].includes(sortBy)) {
				return shipxError(400, "invalid_parameter", `sort_by ${sortBy} is not supported.`);
			}
			const order = raw("sort_order") ?? "asc";
			if (order !== "asc" && order !== "desc")
				return shipxError(400, "invalid_parameter", "sort_order must be asc or desc.");
			// `reference` only while the setting says so (NOTES.md, "Search / list filters": UNCONFIRMED).
			const filters = (["id", "status", "tracking_number", "service", "reference"] as const).filter(
				(filter) => filter !== "reference" || state().settings.filtersByReference,
			);
			const origin = sb.origin(req);
			const views = [...state().shipments.values()].map((s) => shipmentView(sb, s, origin));
			const matching = views.filter((view) =>
				filters.every((filter) => {
					const wanted = raw(filter);
					if (wanted === undefined) return true;
					const values = wanted.split(",");
					return values.includes(String(view[filter] ?? ""));
				}),
			);
			const key = (view: (typeof views)[number]) =>
				view[sortBy as "id" | "created_at" | "status" | "tracking_number" | "service"];
			matching.sort((a, b) => {
				const x = key(a) ?? "";
				const y = key(b) ?? "";
				const cmp = x < y ? -1 : x > y ? 1 : a.id - b.id;
				return order === "asc" ? cmp : -cmp;
			});
			const items = matching.slice((page - 1) * perPage, page * perPage);
			return json(200, {
				href: `${origin}${req.path}`,
				count: matching.length,
				page,
				per_page: perPage,
				total_pages: Math.max(1, Math.ceil(matching.length / perPage)),
				items,
			});
		}),
	);

	router.get(
		"/v1/shipments/:id",
		sb.endpoint((req) => {
			const shipment = findShipment(sb, req.params.id);
			return shipment ? json(200, shipmentView(sb, shipment, sb.origin(req))) : notFound();
		}),
	);

	router.delete(
		"/v1/shipments/:id",
		sb.endpoint((req) => {
			const shipment = findShipment(sb, req.params.id);
			if (!shipment) return notFound();
			if (state().isConfirmed(shipment)) {
				return shipxError(400, "invalid_action", "A confirmed shipment cannot be cancelled.", {});
			}
			state().advance(shipment, sb.now(), "cancelled");
			return { status: 204 };
		}),
	);

	router.get(
		"/v1/shipments/:id/label",
		sb.endpoint((req) => {
			const shipment = findShipment(sb, req.params.id);
			if (!shipment) return notFound();
			const format = queryValue(req.query, "format") ?? "pdf";
			const type = queryValue(req.query, "type") ?? "normal";
			if (format !== "pdf") return shipxError(400, "invalid_parameter", "The sandbox serves labels as pdf only.");
			if (!["normal", "A6", "dpi300"].includes(type))
				return shipxError(400, "label_template_not_found", `No label template ${type}.`);
			if (!state().isConfirmed(shipment) || state().statusOf(shipment) === "cancelled") {
				return shipxError(400, "invalid_action", "The label is available once the shipment is confirmed.", {});
			}
			const receiver = (shipment.body.receiver ?? {}) as Record<string, unknown>;
			const address = (receiver.address ?? {}) as Record<string, unknown>;
			const size = type === "A6" ? { width: 298, height: 420 } : { width: 595, height: 842 };
			const pdf = labelPdf(
				[
					`${shipment.service.name} - InPost ShipX sandbox`,
					`Shipment ${shipment.id}`,
					`Tracking ${shipment.trackingNumber}`,
					`To: ${String(receiver.name ?? receiver.company_name ?? "")}`,
					`${String(address.street ?? "")} ${String(address.building_number ?? "")}`,
					`${String(address.post_code ?? "")} ${String(address.city ?? "")}`,
					`Ref: ${String(shipment.body.reference ?? "")}`,
				],
				size,
			);
			return {
				status: 200,
				bytes: pdf,
				headers: {
					"content-type": "application/pdf",
					"content-disposition": `attachment; filename="${shipment.trackingNumber}.pdf"`,
				},
			};
		}),
	);

	router.get(
		"/v1/tracking/:tracking_number",
		sb.endpoint(
			(req) => {
				const wanted = req.params.tracking_number ?? "";
				const shipment = [...state().shipments.values()].find(
					(s) => state().isConfirmed(s) && s.trackingNumber === wanted,
				);
				if (!shipment) return notFound();
				const history = shipment.history.filter((entry) => !["created", "offers_prepared"].includes(entry.status));
				return json(200, {
					tracking_number: shipment.trackingNumber,
					service: shipment.service.id,
					type: shipment.service.kind === "courier" ? "courier" : "locker",
					status: state().wireStatus(state().statusOf(shipment)),
					custom_attributes: shipment.body.custom_attributes ?? {},
					tracking_details: history
						.slice()
						.reverse()
						.map((entry) => ({
							status: state().wireStatus(entry.status),
							origin_status: entry.status.toUpperCase().slice(0, 8),
							agency: null,
							location: null,
							datetime: iso(entry.at),
						})),
					expected_flow: ["confirmed", ...COURIER_PATH.map(([status]) => status)],
					created_at: iso(shipment.createdAt),
					updated_at: iso(shipment.updatedAt),
				});
			},
			{ public: true },
		),
	);

	router.get(
		"/v1/statuses",
		sb.endpoint(
			(req) => {
				// NOTES.md "Status names": "`lang` (en_GB|pl_PL, default pl_PL; bad value -> 400
				// `invalid_parameter`)" (this sandbox answered English by default and took any value).
				const lang = queryValue(req.query, "lang") ?? "pl_PL";
				if (lang !== "pl_PL" && lang !== "en_GB") {
					return shipxError(400, "invalid_parameter", `lang ${lang} is not supported: en_GB or pl_PL.`);
				}
				const polish = lang === "pl_PL";
				return json(200, {
					href: `${sb.origin(req)}/v1/statuses`,
					items: STATUS_DICTIONARY.map((entry) => ({
						name: state().wireStatus(entry.name),
						title: polish ? entry.title : entry.description,
						description: polish ? entry.title : entry.description,
					})),
				});
			},
			{ public: true },
		),
	);

	router.get(
		"/v1/services",
		sb.endpoint(
			() =>
				json(
					200,
					SERVICES.map((s) => ({ id: s.id, name: s.name, description: s.name })),
				),
			{ public: true },
		),
	);
}

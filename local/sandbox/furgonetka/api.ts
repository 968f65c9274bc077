/**
 * Furgonetka's package endpoints (paths as the notes list them). Bodies and answers follow the
 * fields observed in public clients: package details carry `package_id`, `state`, `service`,
 * `service_id`, `user_reference_number`, `parcels[].package_no`, `label`, `documents_url`, the
 * `datetime_*` stamps and `changes`; validation answers 204 or 400 `{errors: [{path, message}]}`.
 * NOTES.md "Request headers": "Error body: `{"errors":[{"message":…,"path"?:…,"code"?:…}]}` e.g. 400
 * "Nieprawidłowy kod pocztowy" [CL ...]": field errors are 400 (this sandbox said 422; the note wins).
 * Not in NOTES: the 422s left below (a cancel too late, a label before the pick-up is ordered);
 * the connector takes 400 and 422 alike as a refusal.
 */
import { bodyObject, type Handler, json, queryValue, type SandboxResponse } from "../kit/http.js";
import type { Router } from "../kit/router.js";
import type { ServiceDef } from "./catalog.js";
import { labelPdf } from "./label-pdf.js";
import { type FurgonetkaSandbox, furgonetkaErrors } from "./sandbox.js";
import { type StoredPackage, TRACKING_STATES } from "./state.js";
import { languageOf, validatePackage } from "./validation.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** The human text of a tracking item (`status`), Polish as Furgonetka writes it (wording is the sandbox's). */
const DESCRIPTIONS: Record<string, string> = {
	collected: "Przesyłka odebrana od nadawcy",
	transit: "Przesyłka w drodze",
	delivered: "Doręczono",
	"collect-problem": "Problem z odbiorem przesyłki",
};

/** Furgonetka writes local date-times without a zone: `2026-11-02 10:00:00`. */
export function furgonetkaDateTime(ms: number | null): string | null {
	return ms === null ? null : new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

/** Tracking items carry ISO 8601 with an offset (NOTES.md: TrackingPackageResponse). */
function isoWithOffset(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** The answer to a command uuid Furgonetka does not know: 400, not 404 (NOTES.md, command vocabulary). */
export function commandNotExists(): SandboxResponse {
	return json(400, { errors: [{ code: "commandNotExists" }] });
}

export function packageView(sb: FurgonetkaSandbox, pkg: StoredPackage, origin: string) {
	const state = sb.state.apiStateOf(pkg);
	const progress = sb.state.stateOf(pkg);
	const parcels = (Array.isArray(pkg.body.parcels) ? pkg.body.parcels : []).map((parcel, index) => ({
		...(parcel && typeof parcel === "object" ? parcel : {}),
		package_no: pkg.waybills?.[index] ?? null,
	}));
	const labelUrl = pkg.labelToken ? (sb.state.settings.labelUrl ?? `${origin}/labels/${pkg.labelToken}.pdf`) : null;
	const delivered = pkg.history.find((entry) => entry.state === "delivered");
	const weight = parcels.reduce((sum, p) => sum + (typeof p.weight === "number" ? p.weight : 0), 0);
	const gross = Math.round((16.99 + (pkg.service.id % 7) + weight * 0.45) * 100) / 100;
	const pickupAt = pkg.orderedAt === null ? null : pkg.orderedAt + sb.state.settings.pickupAfterHours * 3_600_000;
	return {
		package_id: pkg.package_id,
		pickup: pkg.body.pickup ?? null,
		sender: pkg.body.sender ?? null,
		receiver: pkg.body.receiver ?? null,
		payer: null,
		pricing: { price_gross: gross, price_net: Math.round((gross / 1.23) * 100) / 100, currency: "PLN" },
		user_reference_number: typeof pkg.body.user_reference_number === "string" ? pkg.body.user_reference_number : null,
		service: pkg.service.service,
		service_id: pkg.service.id,
		state,
		service_contract: "furgonetka",
		// The three states CL still lets you cancel (NOTES.md).
		cancel_available: progress === "waiting" || progress === "ordered" || progress === "collect-problem",
		cancel_details: null,
		edit_url: state === "waiting" ? `${origin}/panel/packages/${pkg.package_id}/edit` : null,
		documents_url: labelUrl,
		add_similar_url: `${origin}/panel/packages/${pkg.package_id}/similar`,
		repickup: false,
		// Furgonetka booked the courier itself (a pick-up number): no pick-up to order (NOTES.md).
		pickup_available: false,
		name: null,
		pickup_number: pkg.orderedAt === null ? null : `ODB${pkg.package_id}`,
		label: { url: labelUrl, file_format: "pdf", page_format: "a6" },
		documents: labelUrl ? [{ type: "label", url: labelUrl }] : [],
		pickup_date:
			pickupAt === null
				? null
				: { date: new Date(pickupAt).toISOString().slice(0, 10), min_time: "10:00", max_time: "16:00" },
		datetime_order: furgonetkaDateTime(pkg.orderedAt),
		datetime_add: furgonetkaDateTime(pkg.createdAt),
		datetime_delivery: furgonetkaDateTime(delivered?.at ?? null),
		machine_command_available: {},
		point_command_available: {},
		duty: null,
		point_specific_details: null,
		delivery_time: null,
		changes: pkg.history.map((entry) => ({ state: entry.state, datetime: furgonetkaDateTime(entry.at) })),
		type: typeof pkg.body.type === "string" ? pkg.body.type : "package",
		parcels: parcels.map((parcel) => ({ ...parcel, state })),
		additional_services: pkg.body.additional_services ?? {},
	};
}

function notFound(what: string): SandboxResponse {
	return furgonetkaErrors(404, [{ message: `${what} not found.` }]);
}

export function registerApiRoutes(sb: FurgonetkaSandbox, router: Router<Handler>): void {
	const state = () => sb.state;
	const service = (id: unknown): ServiceDef | undefined => state().services.find((s) => s.id === id);

	router.get(
		"/account/services",
		sb.endpoint(() =>
			json(200, { services: state().services.map((s) => ({ id: s.id, service: s.service, name: s.name })) }),
		),
	);

	router.post(
		"/packages/validate",
		sb.endpoint((req) => {
			const errors = validatePackage(req.body, state().services, state().rules, languageOf(req.headers["x-language"]));
			return errors.length > 0 ? furgonetkaErrors(400, errors) : { status: 204 };
		}),
	);

	router.post(
		"/packages",
		sb.endpoint((req) => {
			const errors = validatePackage(req.body, state().services, state().rules, languageOf(req.headers["x-language"]));
			if (errors.length > 0) return furgonetkaErrors(400, errors);
			const submitted = bodyObject(req);
			const pkg = state().createPackage(submitted, service(submitted.service_id) as ServiceDef, sb.now());
			const view = packageView(sb, pkg, sb.origin(req));
			// NOTES.md "Package body": top-level `package_id` [CL] or `{packages:[{package_id, parcels}]}` [SP],
			// UNCONFIRMED: the `createAnswer` setting serves either.
			if (state().settings.createAnswer === "packages") {
				return json(200, { packages: [{ package_id: view.package_id, parcels: view.parcels }] });
			}
			return json(200, view);
		}),
	);

	router.get(
		"/packages",
		sb.endpoint((req) => {
			const raw = (name: string) => queryValue(req.query, name);
			const limit = raw("limit") === undefined ? 50 : Number(raw("limit"));
			if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
				return furgonetkaErrors(400, [{ path: "limit", message: "The limit must be between 1 and 100." }]);
			}
			const listType = raw("list_type") ?? "all";
			if (!["all", "sent", "waiting"].includes(listType)) {
				return furgonetkaErrors(400, [{ path: "list_type", message: "The list type must be all, sent or waiting." }]);
			}
			const after = raw("last_package_id");
			const query = (raw("query") ?? "").trim().toLowerCase();
			const origin = sb.origin(req);
			const views = [...state().packages.values()]
				.sort((a, b) => Number(b.package_id) - Number(a.package_id))
				.filter((pkg) => after === undefined || Number(pkg.package_id) < Number(after))
				.filter((pkg) => {
					const current = state().stateOf(pkg);
					if (listType === "waiting") return current === "waiting";
					if (listType === "sent") return current !== "waiting" && current !== "canceled";
					return true;
				})
				.filter((pkg) => query === "" || searchText(pkg).includes(query))
				.slice(0, limit)
				.map((pkg) => packageView(sb, pkg, origin));
			return json(200, { packages: views });
		}),
	);

	router.get(
		"/packages/:id",
		sb.endpoint((req) => {
			const pkg = state().packages.get(req.params.id ?? "");
			return pkg ? json(200, packageView(sb, pkg, sb.origin(req))) : notFound("Package");
		}),
	);

	router.delete(
		"/packages/:id",
		sb.endpoint((req) => {
			const pkg = state().packages.get(req.params.id ?? "");
			if (!pkg) return notFound("Package");
			const current = state().stateOf(pkg);
			if (current !== "waiting" && current !== "ordered" && current !== "collect-problem") {
				return furgonetkaErrors(422, [{ message: `The package cannot be cancelled (${current}).` }]);
			}
			state().advance(pkg, sb.now(), "canceled");
			return { status: 204 };
		}),
	);

	router.get(
		"/packages/:id/tracking",
		sb.endpoint((req) => {
			const pkg = state().packages.get(req.params.id ?? "");
			if (!pkg) return notFound("Package");
			return json(200, {
				// The carrier's scans only, newest first: `{state, status (human text), datetime}`.
				tracking: pkg.history
					.filter((entry) => TRACKING_STATES.has(entry.state))
					.reverse()
					.map((entry) => ({
						state: entry.state,
						status: DESCRIPTIONS[entry.state] ?? entry.state,
						datetime: isoWithOffset(entry.at),
						branch: null,
					})),
			});
		}),
	);

	router.get(
		"/packages/:id/label",
		sb.endpoint(
			(req) => {
				const pkg = state().packages.get(req.params.id ?? "");
				if (!pkg) return notFound("Package");
				if (!pkg.labelToken) {
					return furgonetkaErrors(422, [{ message: "The label is available once the pick-up is ordered." }]);
				}
				return label(pkg);
			},
			{ binary: true },
		),
	);

	// A stable, unguessable link to the label, openable from the sheet without a token.
	router.get("/labels/:file", (req) => {
		const token = (req.params.file ?? "").replace(/\.pdf$/, "");
		const pkg = [...state().packages.values()].find((p) => p.labelToken !== null && p.labelToken === token);
		return pkg ? label(pkg) : notFound("Label");
	});

	router.add(
		"PUT",
		"/order-commands/:uuid",
		sb.endpoint((req) => {
			const uuid = req.params.uuid ?? "";
			if (!UUID.test(uuid)) return furgonetkaErrors(400, [{ path: "uuid", message: "The uuid is not valid." }]);
			const packages = bodyObject(req).packages;
			if (!Array.isArray(packages) || packages.length === 0) {
				return furgonetkaErrors(400, [{ path: "packages", message: "This value should not be blank." }]);
			}
			const ids: string[] = [];
			for (const [index, item] of packages.entries()) {
				const id = item && typeof item === "object" ? (item as { id?: unknown }).id : undefined;
				if ((typeof id !== "string" && typeof id !== "number") || !state().packages.has(String(id))) {
					return furgonetkaErrors(400, [{ path: `packages[${index}].id`, message: "The package does not exist." }]);
				}
				ids.push(String(id));
			}
			const existing = state().commands.get(uuid);
			if (existing) {
				// The uuid is the idempotency key: the same command again is answered, a different one refused.
				const same = existing.packageIds.length === ids.length && existing.packageIds.every((id, i) => id === ids[i]);
				return same
					? json(200, { uuid })
					: furgonetkaErrors(409, [{ path: "uuid", message: "A different command exists with this uuid." }]);
			}
			state().addCommand(uuid, ids, sb.now());
			return json(201, { uuid });
		}),
	);

	router.get(
		"/order-commands/:uuid",
		sb.endpoint((req) => {
			const command = state().commands.get(req.params.uuid ?? "");
			if (!command) return commandNotExists();
			return json(200, {
				uuid: command.uuid,
				status: command.status,
				datetime_change: furgonetkaDateTime(command.changedAt),
				errors: command.errors,
				successfully_ordered_packages: command.ordered.map(Number),
			});
		}),
	);
}

function label(pkg: StoredPackage): SandboxResponse {
	const receiver = (pkg.body.receiver ?? {}) as Record<string, unknown>;
	const pdf = labelPdf([
		`${pkg.service.name} - Furgonetka sandbox`,
		`Package ${pkg.package_id}`,
		`Waybill ${pkg.waybills?.join(", ") ?? ""}`,
		`To: ${String(receiver.name ?? "")}`,
		`${String(receiver.street ?? "")}`,
		`${String(receiver.postcode ?? "")} ${String(receiver.city ?? "")}`,
		`Ref: ${String(pkg.body.user_reference_number ?? "")}`,
	]);
	return {
		status: 200,
		bytes: pdf,
		headers: {
			"content-type": "application/pdf",
			"content-disposition": `inline; filename="label-${pkg.package_id}.pdf"`,
		},
	};
}

/** What Furgonetka's `query` searches, lower-cased: reference, ids, waybills, receiver name and e-mail. */
function searchText(pkg: StoredPackage): string {
	const receiver = (pkg.body.receiver ?? {}) as Record<string, unknown>;
	return [pkg.body.user_reference_number, pkg.package_id, ...(pkg.waybills ?? []), receiver.name, receiver.email]
		.filter((value) => typeof value === "string" || typeof value === "number")
		.join("\n")
		.toLowerCase();
}

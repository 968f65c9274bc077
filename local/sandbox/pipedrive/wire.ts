/**
 * Records to Pipedrive API v2 JSON: RFC 3339 times without fractions (`2026-11-02T09:00:00Z`), the
 * properties the spec declares in its order, nulls where Pipedrive leaves a value unset.
 */
import type { DealFieldRecord, DealRecord, PersonRecord, PipelineRecord, StageRecord } from "./types.js";

export function rfc3339(seconds: number): string {
	return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function time(seconds: number | null): string | null {
	return seconds === null ? null : rfc3339(seconds);
}

/** `customKeys` narrows custom_fields to the keys asked for with `custom_fields=`. */
export function dealWire(deal: DealRecord, customKeys?: readonly string[]): Record<string, unknown> {
	const custom = customKeys
		? Object.fromEntries(
				customKeys.filter((key) => key in deal.custom_fields).map((key) => [key, deal.custom_fields[key]]),
			)
		: { ...deal.custom_fields };
	return {
		id: deal.id,
		title: deal.title,
		owner_id: deal.owner_id,
		person_id: deal.person_id,
		org_id: deal.org_id,
		pipeline_id: deal.pipeline_id,
		stage_id: deal.stage_id,
		value: deal.value,
		currency: deal.currency,
		add_time: rfc3339(deal.add_time),
		update_time: rfc3339(deal.update_time),
		stage_change_time: time(deal.stage_change_time),
		is_deleted: deal.is_deleted,
		is_archived: deal.is_archived,
		status: deal.status,
		probability: deal.probability,
		lost_reason: deal.lost_reason,
		visible_to: deal.visible_to,
		close_time: time(deal.close_time),
		won_time: time(deal.won_time),
		lost_time: time(deal.lost_time),
		expected_close_date: deal.expected_close_date,
		label_ids: [...deal.label_ids],
		origin: deal.origin,
		origin_id: deal.origin_id,
		channel: deal.channel,
		channel_id: deal.channel_id,
		arr: null,
		mrr: null,
		acv: null,
		custom_fields: custom,
	};
}

export function personWire(person: PersonRecord): Record<string, unknown> {
	return {
		id: person.id,
		name: person.name,
		first_name: person.first_name,
		last_name: person.last_name,
		owner_id: person.owner_id,
		org_id: person.org_id,
		add_time: rfc3339(person.add_time),
		update_time: rfc3339(person.update_time),
		emails: person.emails.map((email) => ({ ...email })),
		phones: person.phones.map((phone) => ({ ...phone })),
		is_deleted: person.is_deleted,
		visible_to: person.visible_to,
		label_ids: [...person.label_ids],
		picture_id: null,
		postal_address: null,
		notes: person.notes,
		im: [],
		birthday: null,
		job_title: person.job_title,
		custom_fields: { ...person.custom_fields },
	};
}

export function stageWire(stage: StageRecord): Record<string, unknown> {
	return {
		id: stage.id,
		order_nr: stage.order_nr,
		name: stage.name,
		is_deleted: stage.is_deleted,
		deal_probability: stage.deal_probability,
		pipeline_id: stage.pipeline_id,
		is_deal_rot_enabled: stage.is_deal_rot_enabled,
		days_to_rotten: stage.days_to_rotten,
		add_time: rfc3339(stage.add_time),
		update_time: rfc3339(stage.update_time),
	};
}

export function pipelineWire(pipeline: PipelineRecord): Record<string, unknown> {
	return {
		id: pipeline.id,
		name: pipeline.name,
		order_nr: pipeline.order_nr,
		is_deleted: pipeline.is_deleted,
		is_deal_probability_enabled: pipeline.is_deal_probability_enabled,
		add_time: rfc3339(pipeline.add_time),
		update_time: rfc3339(pipeline.update_time),
	};
}

/**
 * A deal field without the optional response fields (`ui_visibility`, `important_fields`,
 * `required_fields`), which Pipedrive adds only when `include_fields` asks for them.
 */
export function dealFieldWire(field: DealFieldRecord): Record<string, unknown> {
	return {
		field_name: field.field_name,
		field_code: field.field_code,
		description: field.description,
		field_type: field.field_type,
		options: null,
		subfields: null,
		is_custom_field: field.is_custom_field,
		is_optional_response_field: false,
	};
}

/** A deal as `/deals/search` lists it: `custom_fields` holds the values of the custom fields that matched. */
export function dealSearchItem(
	deal: DealRecord,
	stageName: string,
	person: { id: number; name: string } | null,
	matchedCustom: string[],
	score: number,
): Record<string, unknown> {
	return {
		result_score: score,
		item: {
			id: deal.id,
			type: "deal",
			title: deal.title,
			value: deal.value,
			currency: deal.currency,
			status: deal.status,
			visible_to: deal.visible_to,
			owner: { id: deal.owner_id },
			stage: { id: deal.stage_id, name: stageName },
			person,
			organization: null,
			custom_fields: matchedCustom,
			notes: [],
			is_archived: deal.is_archived,
		},
	};
}

export function personSearchItem(
	person: PersonRecord,
	score: number,
	matchedCustom: string[] = [],
): Record<string, unknown> {
	return {
		result_score: score,
		item: {
			id: person.id,
			type: "person",
			name: person.name,
			phones: person.phones.map((phone) => phone.value),
			emails: person.emails.map((email) => email.value),
			visible_to: person.visible_to,
			owner: { id: person.owner_id },
			organization: null,
			custom_fields: matchedCustom,
			notes: [],
		},
	};
}

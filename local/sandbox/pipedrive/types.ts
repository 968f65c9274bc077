/**
 * The Pipedrive API v2 objects the sandbox keeps, in the spec's wire shapes (times are kept as
 * epoch seconds and written as RFC 3339 on the way out). Only the fields the spec declares for the
 * operations Hubsheet uses; values Pipedrive leaves unset are null, as Pipedrive sends them.
 */

export interface PipelineRecord {
	id: number;
	name: string;
	order_nr: number;
	is_deleted: boolean;
	is_deal_probability_enabled: boolean;
	add_time: number;
	update_time: number;
}

export interface StageRecord {
	id: number;
	order_nr: number;
	name: string;
	is_deleted: boolean;
	deal_probability: number;
	pipeline_id: number;
	is_deal_rot_enabled: boolean;
	days_to_rotten: number | null;
	add_time: number;
	update_time: number;
}

/** The deal field types a custom field may be created with (`POST /dealFields`). */
export const CREATABLE_FIELD_TYPES = [
	"varchar",
	"varchar_auto",
	"text",
	"double",
	"monetary",
	"date",
	"set",
	"enum",
	"user",
	"org",
	"people",
	"phone",
	"time",
	"timerange",
	"daterange",
	"address",
] as const;

/** Custom field types Pipedrive's search looks into (the `fields` parameter of `/deals/search`). */
export const SEARCHABLE_FIELD_TYPES = ["address", "varchar", "text", "varchar_auto", "double", "monetary", "phone"];

export interface DealFieldRecord {
	/** A 40-character hash for custom fields; the property name (`title`, `value`) for system fields. */
	field_code: string;
	field_name: string;
	field_type: string;
	description: string | null;
	is_custom_field: boolean;
	is_deleted: boolean;
	add_time: number;
}

export interface EmailRecord {
	value: string;
	primary: boolean;
	label: string;
}

export interface PersonRecord {
	id: number;
	name: string;
	first_name: string;
	last_name: string | null;
	owner_id: number;
	org_id: number | null;
	add_time: number;
	update_time: number;
	emails: EmailRecord[];
	phones: EmailRecord[];
	is_deleted: boolean;
	visible_to: number;
	label_ids: number[];
	notes: string | null;
	job_title: string | null;
	/** Values of the person custom fields, by field code. */
	custom_fields: Record<string, unknown>;
}

export type DealStatus = "open" | "won" | "lost";

export interface DealRecord {
	id: number;
	title: string;
	owner_id: number;
	person_id: number | null;
	org_id: number | null;
	pipeline_id: number;
	stage_id: number;
	value: number;
	currency: string;
	add_time: number;
	update_time: number;
	/** Null until the deal first changes stage. */
	stage_change_time: number | null;
	is_deleted: boolean;
	is_archived: boolean;
	status: DealStatus;
	probability: number | null;
	lost_reason: string | null;
	visible_to: number;
	close_time: number | null;
	won_time: number | null;
	lost_time: number | null;
	expected_close_date: string | null;
	label_ids: number[];
	origin: string;
	origin_id: string | null;
	channel: number | null;
	channel_id: string | null;
	/** Every custom field's key, null when unset (as v2 answers without `custom_fields=`). */
	custom_fields: Record<string, unknown>;
}

/** A version of an object as the search index knows it, searchable from `at` (sandbox seconds). */
export interface IndexedVersion<T> {
	at: number;
	doc: T;
}

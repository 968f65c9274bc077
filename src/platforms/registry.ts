/**
 * Every CRM and courier Hubsheet can connect, in the order the settings dialog offers them. The
 * secrets' property keys, the dialog's checks, the connection factory and the connection test are
 * generated from this list: a new platform is its folder (with a descriptor.ts) plus one line here.
 */
import { etsy } from "./etsy/descriptor.js";
import { furgonetka } from "./furgonetka/descriptor.js";
import type { ConnectorDescriptor, CourierDescriptor, CrmDescriptor } from "./http/descriptor.js";
import { hubspot } from "./hubspot/descriptor.js";
import { inpost } from "./inpost/descriptor.js";
import { pipedrive } from "./pipedrive/descriptor.js";
import { webhook } from "./webhook/descriptor.js";

/**
 * The marketplace whose orders the sheet is built around: its secrets' property keys, its part of the
 * settings dialog (fields, help, checks), its Settings rows, its sign-in and API client and its health
 * entry are generated from its descriptor.
 */
export const MARKETPLACE = etsy;

export const PLATFORMS: readonly ConnectorDescriptor[] = [pipedrive, hubspot, webhook, furgonetka, inpost];

export const CRMS = PLATFORMS.filter((d): d is CrmDescriptor => d.kind === "crm");
export const COURIERS = PLATFORMS.filter((d): d is CourierDescriptor => d.kind === "courier");

/** The descriptor of a platform by its name (any case) or property prefix; undefined for none. */
export function descriptorOf(name: string): ConnectorDescriptor | undefined {
	const wanted = name.trim().toLowerCase();
	return PLATFORMS.find((d) => d.name.toLowerCase() === wanted || d.id === wanted);
}

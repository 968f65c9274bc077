/**
 * The sandboxes `main.ts` can start, by platform name. A new sandbox adds one entry here and, if
 * it has a typed control client, one line in `spawn.ts`.
 */

import { EtsySandbox } from "./etsy/sandbox.js";
import { FurgonetkaSandbox } from "./furgonetka/sandbox.js";
import { HubSpotSandbox } from "./hubspot/sandbox.js";
import { InpostSandbox } from "./inpost/sandbox.js";
import type { SandboxPlatform } from "./kit/server.js";
import { PipedriveSandbox } from "./pipedrive/sandbox.js";
import { WebhookSandbox } from "./webhook/sandbox.js";

export interface SandboxFactoryOptions {
	seed?: number;
	/** Sandbox start time, epoch ms. */
	now?: number;
}

export const SANDBOXES: Record<string, (options: SandboxFactoryOptions) => SandboxPlatform> = {
	etsy: (options) => new EtsySandbox(options),
	furgonetka: (options) => new FurgonetkaSandbox(options),
	inpost: (options) => new InpostSandbox(options),
	hubspot: (options) => new HubSpotSandbox(options),
	pipedrive: (options) => new PipedriveSandbox(options),
	webhook: (options) => new WebhookSandbox(options),
};

export type SandboxName = keyof typeof SANDBOXES;

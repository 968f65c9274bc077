/**
 * The sandboxes `main.ts` can start, by platform name. A new sandbox adds one entry here and, if
 * it has a typed control client, one line in `spawn.ts`.
 */

import { EtsySandbox } from "./etsy/sandbox.js";
import type { SandboxPlatform } from "./kit/server.js";

export interface SandboxFactoryOptions {
	seed?: number;
	/** Sandbox start time, epoch ms. */
	now?: number;
}

export const SANDBOXES: Record<string, (options: SandboxFactoryOptions) => SandboxPlatform> = {
	etsy: (options) => new EtsySandbox(options),
};

export type SandboxName = keyof typeof SANDBOXES;

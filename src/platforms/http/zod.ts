/**
 * The one way into zod for src/: zod/mini (the functional API of the same zod 4 package) with its
 * English messages. Classic zod's method chains keep the whole library in dist/Code.js (~190 KiB
 * minified) because a method cannot be tree-shaken; mini's functions can, so only what is used is
 * bundled. Apps Script loads the whole file for every execution, each sidebar call and progress poll.
 *
 * Mini sets no locale on its own (every message would be "Invalid input"): English is configured
 * here, so any module that gets zod from this file has the same messages as classic zod — what
 * describeZodError shows the owner after the platform, endpoint and field. Biome refuses `zod` and
 * `zod/mini` anywhere else in src/; this file takes mini by its other published name, `zod/v4/mini`.
 */

import en from "zod/v4/locales/en.js";
import { config } from "zod/v4/mini";

config(en());

export * from "zod/v4/mini";

declare const __HUBSHEET_VERSION__: string;

/** Replaced by the build with package.json's version. */
export const HUBSHEET_VERSION: string = typeof __HUBSHEET_VERSION__ === "string" ? __HUBSHEET_VERSION__ : "dev";

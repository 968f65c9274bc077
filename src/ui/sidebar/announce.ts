/** The sidebar's one polite live region (#status): what just happened, in words. */
import { byId } from "./dom.js";

/** The one polite live region: what just happened, for sighted and screen-reader users alike. */
export function announce(text: string, tone: boolean | "ok" | "warning" | "error" = false): void {
	const status = byId("status");
	status.textContent = text;
	const level = tone === true ? "error" : tone === false ? "ok" : tone;
	status.classList.toggle("error", level === "error");
	status.classList.toggle("warning", level === "warning");
}

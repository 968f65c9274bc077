/**
 * Colours as Apps Script reports them: getBackground returns lower-case "#rrggbb" whatever was set
 * ("red", "#F00"), and "#ffffff" / "#000000" for a cell that never had one.
 */

export const DEFAULT_BACKGROUND = "#ffffff";
export const DEFAULT_FONT_COLOR = "#000000";

// The CSS names scripts commonly use; Apps Script accepts all CSS names (gas-fakes named-colors.md).
const NAMED: Record<string, string> = {
	black: "#000000",
	white: "#ffffff",
	red: "#ff0000",
	green: "#008000",
	lime: "#00ff00",
	blue: "#0000ff",
	yellow: "#ffff00",
	orange: "#ffa500",
	purple: "#800080",
	gray: "#808080",
	grey: "#808080",
	silver: "#c0c0c0",
	maroon: "#800000",
	navy: "#000080",
	teal: "#008080",
	olive: "#808000",
	aqua: "#00ffff",
	cyan: "#00ffff",
	fuchsia: "#ff00ff",
	magenta: "#ff00ff",
	pink: "#ffc0cb",
	brown: "#a52a2a",
	gold: "#ffd700",
	lightgray: "#d3d3d3",
	lightgrey: "#d3d3d3",
	darkgray: "#a9a9a9",
	darkgrey: "#a9a9a9",
	lightgreen: "#90ee90",
	lightblue: "#add8e6",
	lightyellow: "#ffffe0",
	darkred: "#8b0000",
	darkgreen: "#006400",
	darkblue: "#00008b",
	salmon: "#fa8072",
	coral: "#ff7f50",
	tomato: "#ff6347",
	khaki: "#f0e68c",
	beige: "#f5f5dc",
	ivory: "#fffff0",
	lavender: "#e6e6fa",
};

/**
 * Normalises a colour for storage; null means "reset to default". Unknown strings are kept as given:
 * Apps Script accepts invalid colours silently (gas-fakes oddities.md, issuetracker 428869869).
 */
export function normaliseColor(color: string | null | undefined): string | null {
	if (color === null || color === undefined || color === "") return null;
	const text = String(color).trim().toLowerCase();
	const named = NAMED[text];
	if (named) return named;
	const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(text);
	if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
	return text;
}

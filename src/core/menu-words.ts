/**
 * What the owner reads in the spreadsheet's Hubsheet menu and in the boxes its items open: the menu
 * captions (the words every "run Hubsheet > Set up sheets" message points to), the titles of its
 * alerts, toasts and dialogs, and how long a toast stays. The Apps Script shell (gas/menu.ts, main.ts)
 * only shows them.
 */

export const MENU_TITLE = "Hubsheet";

/** The menu's captions, by the entry point (gas/main.ts) each runs. */
export const MENU_CAPTIONS = {
	openSidebar: "Open Hubsheet",
	syncNowFromMenu: "Sync now",
	setupSheets: "Set up sheets",
	openSettings: "Settings",
	fullPassFromMenu: "Re-read all open orders",
	installTriggersFromMenu: "Install triggers",
	removeTriggersFromMenu: "Remove triggers",
} as const;

export type MenuEntry = keyof typeof MENU_CAPTIONS;

/** The menu in display order; null is a separator. */
export const MENU_ORDER: ReadonlyArray<MenuEntry | null> = [
	"openSidebar",
	"syncNowFromMenu",
	null,
	"setupSheets",
	"openSettings",
	"fullPassFromMenu",
	null,
	"installTriggersFromMenu",
	"removeTriggersFromMenu",
];

/** Titles of what the menu's items show. */
export const MENU_BOX_TITLES = {
	sidebar: "Hubsheet",
	settings: "Hubsheet settings",
	setup: "Hubsheet set-up",
	triggers: "Hubsheet triggers",
	sync: "Hubsheet sync",
	fullPass: "Hubsheet full pass",
} as const;

/** How long a sync's toast stays, in seconds. */
export const TOAST_SECONDS = 10;

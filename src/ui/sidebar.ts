/**
 * The sidebar's client code, bundled into dist/Sidebar.html: Sync now with its progress and
 * summary, the findings by order with their fixes, each connection's health, and the triggers.
 * Every server call goes through the typed `server` wrapper of google.script.run.
 */
import type { Finding, FixAction } from "../core/findings.js";
import { server } from "./server.js";
import { announce } from "./sidebar/announce.js";
import { byId, el, errorText, isBusy, replaceChildren, setBusy } from "./sidebar/dom.js";
import { renderFindings } from "./sidebar/findings-view.js";
import { plural } from "./sidebar/format.js";
import { renderHealth } from "./sidebar/health-view.js";
import { renderLastSync } from "./sidebar/last-sync-view.js";
import { renderStrip } from "./sidebar/strip-view.js";
import { triggerLines } from "./sidebar/triggers-view.js";
import type { LastSyncView, SidebarState, SyncInterval, TriggerView } from "./sidebar-api.js";

/** How often the sidebar asks how a running sync is getting on. */
const PROGRESS_POLL_MS = 1000;
/** How often an idle sidebar asks whether a sync (a trigger's) finished since it last looked. */
const IDLE_POLL_MS = 15_000;

let timeZone = "UTC";
/** When the sync the sidebar shows finished: a newer one means the findings changed. */
let shownSyncAt: string | undefined;
/** True while the sidebar itself runs a sync or a fix: it refreshes from their answers. */
let ownWork = false;

function showState(state: SidebarState): void {
	timeZone = state.timeZone;
	shownSyncAt = state.lastSync?.at;
	byId("subtitle").textContent = `${state.spreadsheetName} · version ${state.version}`;
	if (state.lastSync) renderLastSync(byId("sync-summary"), state.lastSync, timeZone);
	renderHealth(byId("health"), state.health, timeZone);
	byId("engine").textContent = `Syncs run on: ${state.engine.label}`;
	showTriggers(state.triggers);
	renderStrip(byId("strip"), state.strip);
}

function showFindings(findings: Finding[]): void {
	const orders = new Set(findings.map((finding) => finding.orderId)).size;
	byId("findings-count").textContent =
		findings.length === 0 ? "" : `${plural(findings.length, "finding")} on ${plural(orders, "order")}`;
	renderFindings(byId("findings"), findings, { selectOrder, applyFix });
}

async function refresh(): Promise<void> {
	const [state, findings] = await Promise.all([server.getSidebarState(), server.getFindings()]);
	showState(state);
	showFindings(findings);
}

function selectOrder(orderId: string): void {
	server
		.selectOrder(orderId)
		.then((result) => announce(result.message, !result.found))
		.catch((error: unknown) => announce(`Could not show order ${orderId}: ${errorText(error)}`, true));
}

async function applyFix(orderId: string, action: FixAction): Promise<void> {
	ownWork = true;
	try {
		const result = await server.applyFix(orderId, action);
		showFindings(result.findings);
		announce(result.message);
		// The group may be gone with its buttons: keep the keyboard user in the list.
		byId("findings-title").focus();
	} finally {
		ownWork = false;
	}
	// A fix that ran a sync changed the last sync: show it, and the health it left.
	await refresh().catch(() => undefined);
}

/**
 * Now and then, while the sidebar is open and idle, asks (one cheap call) whether a sync finished
 * since it last looked (a trigger's run, or one started from the menu) and refreshes if so. Never
 * while the sidebar's own sync or fix runs, and not while the owner is confirming a fix.
 */
function watchForRuns(): void {
	let asking = false;
	const check = () => {
		if (asking || ownWork || document.hidden || document.querySelector(".confirm")) return;
		asking = true;
		server
			.getSyncProgress()
			.then((progress) => {
				if (progress.lastSyncAt && progress.lastSyncAt !== shownSyncAt && !progress.running) return refresh();
				return undefined;
			})
			.catch(() => undefined)
			.finally(() => {
				asking = false;
			});
	};
	setInterval(check, IDLE_POLL_MS);
	// The owner coming back to the sidebar (a click into it, the tab shown again) looks at once.
	window.addEventListener("focus", check);
	document.addEventListener("visibilitychange", () => {
		if (!document.hidden) check();
	});
}

function syncButton(): HTMLButtonElement {
	return byId<HTMLButtonElement>("sync-now");
}

async function syncNow(): Promise<void> {
	const button = syncButton();
	if (isBusy(button)) return;
	setBusy(button, true);
	ownWork = true;
	const progress = byId("sync-progress");
	progress.textContent = "Starting the sync…";
	announce("Syncing…");
	let running = true;
	let polling = false;
	// One poll at a time: a slow answer must not pile calls up against google.script.run's limit of 10.
	const timer = setInterval(() => {
		if (polling) return;
		polling = true;
		server
			.getSyncProgress()
			.then((state) => {
				if (running && state.running && state.phase) progress.textContent = state.phase;
			})
			.catch(() => undefined)
			.finally(() => {
				polling = false;
			});
	}, PROGRESS_POLL_MS);
	try {
		const report = await server.syncNow();
		const last: LastSyncView = { at: new Date().toISOString(), status: report.status, message: report.message };
		if (report.summary) last.summary = report.summary;
		renderLastSync(byId("sync-summary"), last, timeZone);
		const tone = report.summary?.tone ?? (report.status === "failed" ? "error" : "ok");
		announce(`Sync ${report.status === "completed" ? "finished" : report.status}: ${report.message}`, tone);
	} catch (error) {
		announce(`The sync failed: ${errorText(error)}`, true);
	} finally {
		running = false;
		ownWork = false;
		clearInterval(timer);
		progress.textContent = "";
		setBusy(button, false);
	}
	await refresh().catch((error: unknown) => announce(`Could not refresh: ${errorText(error)}`, true));
}

function showTriggers(view: TriggerView): void {
	replaceChildren(
		byId("triggers"),
		triggerLines(view, timeZone).map((line) => el("p", { text: line })),
	);
	const select = byId<HTMLSelectElement>("interval");
	if (select.options.length !== view.intervals.length) {
		replaceChildren(
			select,
			view.intervals.map((minutes) =>
				el("option", { text: `${minutes} minutes`, attributes: { value: String(minutes) } }),
			),
		);
	}
	select.value = String(view.intervalMinutes);
	byId("install-triggers").textContent = view.installed ? "Update" : "Install";
	byId("remove-triggers").hidden = !view.installed;
}

async function changeTriggers(
	button: HTMLButtonElement,
	call: () => Promise<TriggerView>,
	done: string,
): Promise<void> {
	if (isBusy(button)) return;
	setBusy(button, true);
	try {
		const view = await call();
		showTriggers(view);
		announce(done);
		// Remove hides itself; hand the focus to something that stays.
		if (button.hidden) byId("install-triggers").focus();
	} catch (error) {
		announce(errorText(error), true);
	} finally {
		setBusy(button, false);
	}
}

function wire(): void {
	syncButton().addEventListener("click", () => void syncNow());
	const install = byId<HTMLButtonElement>("install-triggers");
	install.addEventListener("click", () => {
		const minutes = Number(byId<HTMLSelectElement>("interval").value) as SyncInterval;
		void changeTriggers(
			install,
			() => server.installTriggers(minutes),
			`Triggers installed: a sync every ${minutes} minutes.`,
		);
	});
	const folder = byId<HTMLButtonElement>("make-design-folder");
	folder.addEventListener("click", () => {
		if (isBusy(folder)) return;
		setBusy(folder, true);
		server
			.makeDesignFolder()
			.then((result) => announce(result.message, result.made ? "ok" : "warning"))
			.catch((error: unknown) => announce(`Could not make the Design folder: ${errorText(error)}`, true))
			.finally(() => setBusy(folder, false));
	});
	const remove = byId<HTMLButtonElement>("remove-triggers");
	remove.addEventListener("click", () => {
		void changeTriggers(remove, () => server.removeTriggers(), "Triggers removed: syncs run only when you ask.");
	});
}

async function load(): Promise<void> {
	wire();
	watchForRuns();
	try {
		await refresh();
		announce("");
	} catch (error) {
		announce(`Could not reach the spreadsheet: ${errorText(error)}`, true);
	}
}

void load();

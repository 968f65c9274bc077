/** The sidebar's client code, bundled into dist/Sidebar.html. */
import { server } from "./server.js";

function setStatus(text: string, isError = false): void {
	const status = document.getElementById("status");
	if (!status) return;
	// textContent, never innerHTML: names and notes from platforms must not become markup.
	status.textContent = text;
	status.classList.toggle("error", isError);
}

async function load(): Promise<void> {
	try {
		const state = await server.getSidebarState();
		setStatus(`${state.spreadsheetName} · Hubsheet ${state.version}`);
	} catch (error) {
		setStatus(`Could not reach the spreadsheet: ${(error as Error).message}`, true);
	}
}

void load();

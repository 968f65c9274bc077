/**
 * What the playground's server answers at all. It runs the developer's bundle with the developer's
 * rights, so a web page on another origin must not reach it: not by a "simple" cross-origin POST
 * (text/plain needs no CORS preflight), not by DNS rebinding (a hostile name resolving to
 * 127.0.0.1 sends its own Host), and not by naming code to run. Pure, so it is tested without a server.
 */

/** The Host values the server answers to: its loopback names on its own port. */
export function ownHosts(port: number, host = "127.0.0.1"): Set<string> {
	return new Set([host, "127.0.0.1", "localhost", "[::1]"].map((name) => `${name}:${port}`));
}

export interface GuardedRequest {
	method: string;
	headers: Record<string, string | string[] | undefined>;
}

function header(request: GuardedRequest, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** Why the request is refused (HTTP status and a sentence), or undefined when it may be answered. */
export function refusal(request: GuardedRequest, hosts: Set<string>): { status: number; reason: string } | undefined {
	const host = header(request, "host") ?? "";
	if (!hosts.has(host.toLowerCase())) return { status: 421, reason: `Wrong Host "${host}".` };
	// A cross-site GET can neither change anything nor read the answer (no CORS headers are sent).
	if (request.method === "GET" || request.method === "HEAD") return undefined;
	const fetchSite = header(request, "sec-fetch-site");
	if (fetchSite && fetchSite !== "same-origin") return { status: 403, reason: `Cross-site request (${fetchSite}).` };
	// Browsers send Origin with every POST, same-origin ones included; a request without one is not the page's.
	const origin = header(request, "origin");
	if (origin !== `http://${host}`) return { status: 403, reason: `Foreign origin "${origin ?? "(none)"}".` };
	const type = (header(request, "content-type") ?? "").split(";")[0]?.trim().toLowerCase();
	if (type !== "application/json") return { status: 415, reason: "Only application/json is accepted." };
	return undefined;
}

/**
 * The bundle's entry points, read from the footer scripts/build.ts writes (one `function name(...args)
 * { return <global>.name(...args); }` per export of src/gas/main.ts). Nothing else may be run by name.
 */
export function bundleEntryPoints(code: string): Set<string> {
	const names = new Set<string>();
	for (const match of code.matchAll(
		/^function ([A-Za-z_$][\w$]*)\(\.\.\.args\) \{ return [\w$]+\.\1\(\.\.\.args\); \}$/gm,
	))
		if (match[1]) names.add(match[1]);
	return names;
}

/** Whether google.script.run may call `name`: an entry point, never a private one (ending in _). */
export function isCallable(name: string, entryPoints: Set<string>): boolean {
	return entryPoints.has(name) && !name.endsWith("_");
}

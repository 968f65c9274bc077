/**
 * A tiny router: `GET /v3/application/shops/:shop_id/receipts` style patterns, `*` matching the
 * rest of a path. Enough for a handful of vendor endpoints; no framework needed.
 */

export interface RouteMatch<H> {
	handler: H;
	params: Record<string, string>;
	pattern: string;
}

interface Route<H> {
	method: string;
	pattern: string;
	segments: string[];
	handler: H;
}

export function splitPath(path: string): string[] {
	return path.split("/").filter((segment) => segment !== "");
}

/** Matches `path` against `pattern`; returns the params, or undefined. */
export function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
	return matchSegments(splitPath(pattern), splitPath(path));
}

function matchSegments(patternSegments: string[], pathSegments: string[]): Record<string, string> | undefined {
	const params: Record<string, string> = {};
	for (let i = 0; i < patternSegments.length; i++) {
		const expected = patternSegments[i] as string;
		if (expected === "*") {
			params["*"] = pathSegments.slice(i).join("/");
			return params;
		}
		const actual = pathSegments[i];
		if (actual === undefined) return undefined;
		if (expected.startsWith(":")) params[expected.slice(1)] = actual;
		else if (expected !== actual) return undefined;
	}
	return patternSegments.length === pathSegments.length ? params : undefined;
}

export class Router<H> {
	private readonly routes: Array<Route<H>> = [];

	add(method: string, pattern: string, handler: H): this {
		this.routes.push({ method: method.toUpperCase(), pattern, segments: splitPath(pattern), handler });
		return this;
	}

	get(pattern: string, handler: H): this {
		return this.add("GET", pattern, handler);
	}

	post(pattern: string, handler: H): this {
		return this.add("POST", pattern, handler);
	}

	delete(pattern: string, handler: H): this {
		return this.add("DELETE", pattern, handler);
	}

	patch(pattern: string, handler: H): this {
		return this.add("PATCH", pattern, handler);
	}

	/** The first route whose method and pattern match; `methodMismatch` when only the path did. */
	match(method: string, path: string): RouteMatch<H> | { methodMismatch: true } | undefined {
		const pathSegments = splitPath(path);
		let pathMatched = false;
		for (const route of this.routes) {
			const params = matchSegments(route.segments, pathSegments);
			if (!params) continue;
			if (route.method === method.toUpperCase()) return { handler: route.handler, params, pattern: route.pattern };
			pathMatched = true;
		}
		return pathMatched ? { methodMismatch: true } : undefined;
	}
}

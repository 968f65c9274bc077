/**
 * Validates requests and responses against an OpenAPI 3.0 document with ajv. Reused for every
 * vendor with a published spec (Etsy JSON, Pipedrive YAML): sandboxes' responses must match what
 * the vendor declares, and the connector's requests must match what the vendor accepts.
 *
 * OpenAPI 3.0 is not JSON Schema: `nullable`, boolean `exclusiveMinimum` and `#/components` refs
 * are translated here before ajv sees a schema.
 */
import { readFileSync } from "node:fs";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse as parseYaml } from "yaml";
import type { LoggedRequest } from "../../local/sandbox/kit/request-log.js";

type Json = Record<string, unknown>;

export interface OpenApiSpec {
	openapi: string;
	paths: Record<string, Json>;
	components?: Json & { schemas?: Record<string, Json> };
	security?: Array<Record<string, string[]>>;
}

export interface ValidationResult {
	valid: boolean;
	/** False when the spec declares nothing to check against (e.g. an undeclared status). */
	checked: boolean;
	errors: string[];
}

export interface ResponseOptions {
	/**
	 * Every declared property must be present and no undeclared one may appear. Vendor specs rarely
	 * mark anything required, so without this a sandbox could omit half a receipt and still pass.
	 * Schemas composed from several allOf parts stay loose (their parts cannot close themselves).
	 */
	strict?: boolean;
}

export interface RequestInput {
	/** Path parameter values; taken from `path` when a concrete path is given instead. */
	params?: Record<string, string>;
	query?: Record<string, string | string[]>;
	headers?: Record<string, string>;
	body?: unknown;
	contentType?: string;
}

export interface RequestOptions {
	/** Query parameters the operation does not declare are errors unless this is set. */
	allowUnknownQuery?: boolean;
}

const SPEC_ID = "openapi-spec";

export function loadSpec(path: string): OpenApiSpec {
	const text = readFileSync(path, "utf8");
	return (/\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text)) as OpenApiSpec;
}

// --- operations ---

export interface OperationMatch {
	pathTemplate: string;
	params: Record<string, string>;
	operation: Json;
	pathItem: Json;
}

/** The operation serving a concrete path such as `/v3/application/shops/1/receipts`. */
export function findOperation(spec: OpenApiSpec, method: string, path: string): OperationMatch | undefined {
	const segments = path.split("/").filter(Boolean);
	let best: OperationMatch | undefined;
	let bestLiteral = -1;
	for (const [template, pathItem] of Object.entries(spec.paths)) {
		const operation = pathItem[method.toLowerCase()] as Json | undefined;
		if (!operation) continue;
		const parts = template.split("/").filter(Boolean);
		if (parts.length !== segments.length) continue;
		const params: Record<string, string> = {};
		let literal = 0;
		const ok = parts.every((part, i) => {
			const actual = segments[i] as string;
			const param = /^\{(.+)\}$/.exec(part);
			if (param?.[1]) {
				params[param[1]] = decodeURIComponent(actual);
				return true;
			}
			literal++;
			return part === actual;
		});
		// Literal segments win over templated ones: /users/me before /users/{user_id}.
		if (ok && literal > bestLiteral) {
			best = { pathTemplate: template, params, operation, pathItem };
			bestLiteral = literal;
		}
	}
	return best;
}

function operationOf(spec: OpenApiSpec, method: string, pathTemplate: string): { operation: Json; pathItem: Json } {
	const pathItem = spec.paths[pathTemplate];
	const operation = pathItem?.[method.toLowerCase()] as Json | undefined;
	if (!pathItem || !operation) throw new Error(`the spec has no operation ${method.toUpperCase()} ${pathTemplate}`);
	return { operation, pathItem };
}

function resolveRef<T>(spec: OpenApiSpec, value: T): T {
	let current: unknown = value;
	for (let depth = 0; depth < 20; depth++) {
		const ref = (current as Json | undefined)?.$ref;
		if (typeof ref !== "string") return current as T;
		current = pointer(spec, ref);
	}
	throw new Error("$ref chain too deep");
}

function pointer(spec: OpenApiSpec, ref: string): unknown {
	if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
	let node: unknown = spec;
	for (const raw of ref.slice(2).split("/")) {
		const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
		node = (node as Json | undefined)?.[key];
	}
	if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
	return node;
}

// --- schema translation and compilation ---

interface Compiler {
	ajv: Ajv;
	cache: WeakMap<object, ValidateFunction>;
}

const compilers = new WeakMap<OpenApiSpec, { loose?: Compiler; strict?: Compiler; composed?: Set<string> }>();

function compilerFor(spec: OpenApiSpec, strict: boolean): Compiler {
	let entry = compilers.get(spec);
	if (!entry) {
		entry = {};
		compilers.set(spec, entry);
	}
	const key = strict ? "strict" : "loose";
	const existing = entry[key];
	if (existing) return existing;
	entry.composed ??= composedComponents(spec);

	const ajv = new Ajv({
		strict: false,
		allErrors: true,
		validateFormats: true,
		// Vendor specs use formats of their own; unknown ones are ignored quietly rather than logged per schema.
		logger: { log() {}, warn() {}, error: console.error },
	});
	addFormats(ajv);
	ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
	ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
	ajv.addFormat("float", { type: "number", validate: () => true });
	ajv.addFormat("double", { type: "number", validate: () => true });
	ajv.addFormat("ISO 3166-1 alpha-2", /^[A-Za-z]{2}$/);

	const schemas: Record<string, unknown> = {};
	for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) {
		schemas[name] = translate(schema, { strict, composed: entry.composed.has(name) }, entry.composed);
	}
	ajv.addSchema({ $id: SPEC_ID, components: { schemas } });
	const compiler = { ajv, cache: new WeakMap<object, ValidateFunction>() };
	entry[key] = compiler;
	return compiler;
}

function compile(spec: OpenApiSpec, schema: Json, strict: boolean): ValidateFunction {
	const compiler = compilerFor(spec, strict);
	let validate = compiler.cache.get(schema);
	if (!validate) {
		const composed = compilers.get(spec)?.composed ?? new Set<string>();
		validate = compiler.ajv.compile(translate(schema, { strict, composed: false }, composed) as Json);
		compiler.cache.set(schema, validate);
	}
	return validate;
}

/** Names of component schemas used as one part of a multi-part allOf. */
function composedComponents(spec: OpenApiSpec): Set<string> {
	const names = new Set<string>();
	const visit = (node: unknown) => {
		if (Array.isArray(node)) {
			for (const item of node) visit(item);
			return;
		}
		if (!node || typeof node !== "object") return;
		const allOf = (node as Json).allOf;
		if (Array.isArray(allOf) && allOf.length > 1) {
			for (const part of allOf) {
				const ref = (part as Json).$ref;
				if (typeof ref === "string" && ref.startsWith("#/components/schemas/"))
					names.add(ref.split("/").pop() as string);
			}
		}
		for (const value of Object.values(node)) visit(value);
	};
	visit(spec);
	return names;
}

/** OpenAPI 3.0 schema -> JSON Schema draft-07 as ajv expects it. */
function translate(schema: unknown, ctx: { strict: boolean; composed: boolean }, composed: Set<string>): unknown {
	if (!schema || typeof schema !== "object" || Array.isArray(schema)) return schema;
	const source = schema as Json;
	const out: Json = {};
	for (const [key, value] of Object.entries(source)) {
		switch (key) {
			case "$ref":
				out.$ref = typeof value === "string" && value.startsWith("#/") ? `${SPEC_ID}${value}` : value;
				break;
			case "properties":
			case "patternProperties":
				out[key] = Object.fromEntries(
					Object.entries(value as Json).map(([name, sub]) => [
						name,
						translate(sub, { ...ctx, composed: false }, composed),
					]),
				);
				break;
			case "items":
			case "additionalProperties":
			case "not":
				out[key] = translate(value, { ...ctx, composed: false }, composed);
				break;
			case "allOf":
			case "anyOf":
			case "oneOf": {
				const parts = value as unknown[];
				const partComposed = key === "allOf" && parts.length > 1;
				out[key] = parts.map((part) => translate(part, { ...ctx, composed: partComposed }, composed));
				break;
			}
			case "nullable":
			case "discriminator":
			case "example":
			case "xml":
			case "externalDocs":
				break;
			default:
				out[key] = value;
		}
	}
	// OpenAPI 3.0 uses booleans for exclusive bounds; draft-07 uses numbers.
	for (const [exclusive, bound] of [
		["exclusiveMinimum", "minimum"],
		["exclusiveMaximum", "maximum"],
	] as const) {
		if (out[exclusive] === true) {
			out[exclusive] = out[bound];
			delete out[bound];
		} else if (out[exclusive] === false) delete out[exclusive];
	}
	const hasProperties = out.properties && typeof out.properties === "object";
	if (ctx.strict && !ctx.composed && hasProperties && out.additionalProperties === undefined && !out.allOf) {
		out.additionalProperties = false;
		out.required = [
			...new Set([...((out.required as string[] | undefined) ?? []), ...Object.keys(out.properties as Json)]),
		];
	}
	if (source.nullable === true) {
		if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
		if (typeof out.type === "string") return { ...out, type: [out.type, "null"] };
		return { anyOf: [out, { type: "null" }] };
	}
	return out;
}

function formatErrors(errors: ErrorObject[] | null | undefined, where: string): string[] {
	return (errors ?? []).map((error) => {
		const at = `${where}${error.instancePath}`;
		const extra =
			error.keyword === "additionalProperties"
				? ` '${(error.params as { additionalProperty: string }).additionalProperty}'`
				: error.keyword === "enum"
					? ` ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}`
					: "";
		return `${at} ${error.message ?? error.keyword}${extra}`;
	});
}

// --- responses ---

export function validateResponse(
	spec: OpenApiSpec,
	method: string,
	pathTemplate: string,
	status: number,
	body: unknown,
	options: ResponseOptions = {},
): ValidationResult {
	const { operation } = operationOf(spec, method, pathTemplate);
	const responses = (operation.responses ?? {}) as Json;
	const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
	if (!declared) return { valid: true, checked: false, errors: [] };
	const response = resolveRef(spec, declared as Json);
	const content = response.content as Record<string, Json> | undefined;
	if (!content || Object.keys(content).length === 0) {
		const empty = body === undefined || body === "" || body === null;
		return { valid: empty, checked: true, errors: empty ? [] : [`status ${status} declares no body, got one`] };
	}
	const media = content["application/json"] ?? Object.entries(content).find(([type]) => type.includes("json"))?.[1];
	if (!media?.schema) return { valid: true, checked: false, errors: [] };
	let value = body;
	if (typeof body === "string") {
		try {
			value = JSON.parse(body);
		} catch {
			return { valid: false, checked: true, errors: [`status ${status} body is not valid JSON`] };
		}
	}
	const validate = compile(spec, media.schema as Json, options.strict === true);
	const valid = validate(value) as boolean;
	return { valid, checked: true, errors: valid ? [] : formatErrors(validate.errors, "response") };
}

// --- requests ---

interface Parameter {
	name: string;
	in: "query" | "path" | "header" | "cookie";
	required?: boolean;
	schema?: Json;
	style?: string;
	explode?: boolean;
}

/** Turns the strings of a URL into the types the parameter's schema declares, so ajv can check them. */
function coerce(spec: OpenApiSpec, schema: Json | undefined, raw: string | string[], param: Parameter): unknown {
	const resolved = schema ? resolveRef(spec, schema) : undefined;
	const type = resolved?.type;
	if (type === "array") {
		const values = Array.isArray(raw) ? raw : param.explode === false ? raw.split(",") : [raw];
		return values.map((item) => coerce(spec, resolved?.items as Json | undefined, item, param));
	}
	// A repeated scalar parameter stays an array, which the scalar schema then rejects.
	if (Array.isArray(raw)) return raw;
	const value = raw;
	if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value)) return Number(value);
	if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
	return value;
}

function parametersOf(spec: OpenApiSpec, operation: Json, pathItem: Json): Parameter[] {
	const byKey = new Map<string, Parameter>();
	for (const list of [pathItem.parameters, operation.parameters]) {
		for (const raw of (list as Json[] | undefined) ?? []) {
			const param = resolveRef(spec, raw) as unknown as Parameter;
			byKey.set(`${param.in}:${param.name}`, param);
		}
	}
	return [...byKey.values()];
}

function checkSecurity(spec: OpenApiSpec, operation: Json, headers: Record<string, string>, query: Json): string[] {
	const requirements = (operation.security ?? spec.security ?? []) as Array<Record<string, string[]>>;
	if (requirements.length === 0) return [];
	const schemes = (spec.components?.securitySchemes ?? {}) as Record<string, Json>;
	const failures: string[][] = requirements.map((requirement) =>
		Object.keys(requirement).flatMap((name) => {
			const scheme = schemes[name];
			if (!scheme) return [`unknown security scheme ${name}`];
			if (scheme.type === "apiKey") {
				const key = String(scheme.name);
				const present =
					scheme.in === "header" ? headers[key.toLowerCase()] : scheme.in === "query" ? query[key] : undefined;
				return present ? [] : [`missing ${scheme.in} ${key} (security ${name})`];
			}
			if (scheme.type === "oauth2" || (scheme.type === "http" && scheme.scheme === "bearer")) {
				return /^Bearer\s+\S+/i.test(headers.authorization ?? "")
					? []
					: [`missing Authorization: Bearer (security ${name})`];
			}
			if (scheme.type === "http" && scheme.scheme === "basic") {
				return /^Basic\s+\S+/i.test(headers.authorization ?? "")
					? []
					: [`missing Authorization: Basic (security ${name})`];
			}
			return [];
		}),
	);
	// Alternatives are OR-ed: one fully satisfied requirement is enough.
	return failures.some((list) => list.length === 0) ? [] : (failures[0] ?? []);
}

export function validateRequest(
	spec: OpenApiSpec,
	method: string,
	pathTemplate: string,
	input: RequestInput,
	options: RequestOptions = {},
): ValidationResult {
	const { operation, pathItem } = operationOf(spec, method, pathTemplate);
	const errors: string[] = [];
	const query = input.query ?? {};
	const headers = Object.fromEntries(Object.entries(input.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
	const params = parametersOf(spec, operation, pathItem);

	for (const param of params) {
		const raw =
			param.in === "query"
				? query[param.name]
				: param.in === "path"
					? input.params?.[param.name]
					: param.in === "header"
						? headers[param.name.toLowerCase()]
						: undefined;
		if (raw === undefined) {
			if (param.required || param.in === "path") errors.push(`${param.in} parameter ${param.name} is required`);
			continue;
		}
		if (!param.schema) continue;
		const validate = compile(spec, param.schema, false);
		if (!validate(coerce(spec, param.schema, raw, param))) {
			errors.push(...formatErrors(validate.errors, `${param.in} parameter ${param.name}`));
		}
	}
	if (!options.allowUnknownQuery) {
		const known = new Set(params.filter((p) => p.in === "query").map((p) => p.name));
		for (const name of Object.keys(query)) if (!known.has(name)) errors.push(`query parameter ${name} is not declared`);
	}
	errors.push(...checkSecurity(spec, operation, headers, query));

	const requestBody = operation.requestBody ? resolveRef(spec, operation.requestBody as Json) : undefined;
	const hasBody = input.body !== undefined && input.body !== "";
	if (!requestBody) {
		if (hasBody) errors.push("the operation declares no request body");
	} else if (!hasBody) {
		if (requestBody.required) errors.push("a request body is required");
	} else {
		const contentType = (input.contentType ?? headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
		const content = (requestBody.content ?? {}) as Record<string, Json>;
		const media = content[contentType];
		if (!media) {
			errors.push(`content type '${contentType}' is not one of ${Object.keys(content).join(", ")}`);
		} else if (media.schema) {
			let value = input.body;
			if (contentType === "application/x-www-form-urlencoded") {
				const fields = typeof value === "string" ? Object.fromEntries(new URLSearchParams(value)) : (value as Json);
				const schema = resolveRef(spec, media.schema as Json);
				const properties = (schema.properties ?? {}) as Record<string, Json>;
				value = Object.fromEntries(
					Object.entries(fields).map(([name, field]) => [
						name,
						typeof field === "string" ? coerce(spec, properties[name], field, { name, in: "query" }) : field,
					]),
				);
			} else if (typeof value === "string") {
				try {
					value = JSON.parse(value);
				} catch {
					errors.push("request body is not valid JSON");
				}
			}
			const validate = compile(spec, media.schema as Json, false);
			if (!validate(value)) errors.push(...formatErrors(validate.errors, "body"));
		}
	}
	return { valid: errors.length === 0, checked: true, errors };
}

/**
 * Checks one exchange from a sandbox's request log: the request against what the operation
 * accepts, the response against what it declares. Secrets in the log are masked, which keeps
 * header presence checks meaningful.
 */
export function validateExchange(
	spec: OpenApiSpec,
	entry: LoggedRequest,
	options: ResponseOptions & RequestOptions = {},
): { operation: string | undefined; request: ValidationResult; response: ValidationResult } {
	const match = findOperation(spec, entry.method, entry.path);
	if (!match) {
		const missing = { valid: false, checked: false, errors: [`no operation for ${entry.method} ${entry.path}`] };
		return { operation: undefined, request: missing, response: missing };
	}
	const request = validateRequest(
		spec,
		entry.method,
		match.pathTemplate,
		{
			params: match.params,
			query: entry.query,
			headers: entry.headers,
			body: entry.body,
			...(entry.headers["content-type"] ? { contentType: entry.headers["content-type"] } : {}),
		},
		options,
	);
	const response = validateResponse(spec, entry.method, match.pathTemplate, entry.status, entry.responseBody, {
		strict: options.strict === true && entry.status < 300,
	});
	return { operation: match.operation.operationId as string | undefined, request, response };
}

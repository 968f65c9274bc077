/** Furgonetka's refusal of a package (its dry run or the create), as problems for the owner's row. */
import type { ValidationProblem } from "../../core/connector-contracts.js";
import type { HttpResponse } from "../../ports.js";
import { foreignText } from "../http/redaction.js";
import type { FurgonetkaApi } from "./client.js";
import { FURGONETKA_SECRET_PATTERNS } from "./oauth-token.js";
import { errorsBodySchema } from "./schemas.js";

/** Furgonetka's field errors as problems; its whole text as one problem when it lists none. */
export function validationProblems(api: FurgonetkaApi, response: HttpResponse): ValidationProblem[] {
	const safe = (text: string) => foreignText(text, api.secrets(), FURGONETKA_SECRET_PATTERNS);
	let parsed: unknown;
	try {
		parsed = JSON.parse(response.body);
	} catch {
		parsed = undefined;
	}
	const errors = errorsBodySchema.safeParse(parsed);
	if (errors.success && errors.data.errors.length > 0) {
		return errors.data.errors.map((error) => ({
			field: safe(error.path ?? error.field ?? "package"),
			message: safe(error.message),
		}));
	}
	const text = api.errorText(response);
	return [{ field: "package", message: text || `Furgonetka refused the package (HTTP ${response.status})` }];
}

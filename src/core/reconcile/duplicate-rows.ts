/**
 * One order on several rows (a copied row, a paste gone wrong). Hubsheet keeps only the first up to
 * date, so the others go stale and invite edits that are never synced. Which row holds the owner's
 * notes is theirs to judge, hence no fix.
 */
import type { Rule } from "./order-snapshot.js";
import { listInWords } from "./wording.js";

export const duplicateRows: Rule = (snapshot) => {
	if (snapshot.rows.length < 2) return [];
	const numbers = snapshot.rows.map((row) => row.rowNumber);
	const [kept, ...others] = numbers;
	return [
		{
			orderId: snapshot.orderId,
			kind: "duplicate-rows",
			severity: "warning",
			message: `Order ${snapshot.orderId} is on rows ${listInWords(numbers)}. Hubsheet keeps only row ${kept} up to date: copy anything you need from row${others.length === 1 ? "" : "s"} ${listInWords(others)}, then delete ${others.length === 1 ? "it" : "them"}.`,
			summary: `duplicate rows ${numbers.join(", ")}`,
			values: { Sheet: `rows ${numbers.join(", ")}` },
		},
	];
};

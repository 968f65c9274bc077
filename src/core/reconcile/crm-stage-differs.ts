/**
 * The CRM deal should sit in the stage the Settings mapping gives for the row's Status. When it does
 * not, someone moved the deal by hand; either side may be right, so both fixes are offered and the
 * owner chooses. A failed push is push-failed's to report.
 */
import type { Finding, Fix } from "../findings.js";
import { canonicalStatus, comparable, lookup, type Rule, sameText, sheetStatus } from "./order-snapshot.js";
import { clip } from "./wording.js";

/** The one Status whose mapped stage is `stage`; null when none or several map to it (no safe choice). */
export function statusForStage(stage: string, statusToStage: Readonly<Record<string, string>>): string | null {
	const statuses = Object.entries(statusToStage)
		.filter(([, mapped]) => sameText(mapped, stage))
		.map(([status]) => canonicalStatus(status));
	const distinct = [...new Set(statuses.map(comparable))];
	return distinct.length === 1 ? (statuses[0] ?? null) : null;
}

export const crmStageDiffers: Rule = (snapshot, context) => {
	const { deal } = snapshot;
	const crm = context.crm;
	if (!deal || !crm) return [];
	// The last push to the CRM failed: push-failed says so, and neither fix could work now (moving the
	// deal fails the same way; taking the CRM's stage would undo the owner's own change of Status).
	if (snapshot.books.pushErrors.some((error) => error.platform === crm)) return [];
	const status = sheetStatus(snapshot);
	const wanted = status === "" ? undefined : lookup(context.mapping.statusToStage, status)?.trim();
	// Without a mapped stage there is nothing the deal should match; Settings reports unmapped statuses.
	if (!wanted || sameText(wanted, deal.stageName)) return [];
	const stage = deal.stageName.trim() === "" ? "an unnamed stage" : deal.stageName.trim();
	const mapsTo = sameText(wanted, status) ? "" : ` (stage ${wanted} in Settings)`;
	const fix: Fix = {
		action: "push-status-to-crm",
		label: `Move the deal to ${wanted}`,
		confirm: `Move the ${crm} deal from ${stage} to ${wanted}, to follow Status ${status}?`,
		value: wanted,
	};
	const alternatives: Fix[] = [];
	// Only a stage someone set in the CRM can be taken; the one Hubsheet pushed last is older than the Status.
	const movedInCrm = snapshot.books.stagePushed == null || !sameText(snapshot.books.stagePushed, deal.stageName);
	const taken = movedInCrm ? statusForStage(stage, context.mapping.statusToStage) : null;
	if (taken) {
		const consequence =
			taken === "Ready to ship"
				? " Hubsheet then creates the courier shipment, as it does for any order you set to Ready to ship."
				: "";
		alternatives.push({
			action: "take-crm-stage",
			label: `Set Status to ${taken}`,
			confirm: `Set Status to ${taken}, as the ${crm} stage ${stage} says?${consequence}`,
			value: taken,
		});
	}
	const finding: Finding = {
		orderId: snapshot.orderId,
		kind: "crm-stage-differs",
		severity: "warning",
		message: `${crm} shows the deal in ${stage}; the sheet says ${status}${mapsTo}.`,
		summary: `${crm} stage ${clip(stage, 30)} ≠ ${clip(status, 30)}`,
		values: { Sheet: status, [crm]: deal.stageName },
		fix,
	};
	if (alternatives.length > 0) finding.alternatives = alternatives;
	return [finding];
};

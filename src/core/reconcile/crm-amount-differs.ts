/**
 * The deal's amount should be the Etsy grand total, in the same currency. It only affects the
 * owner's CRM reports, so it is info, and there is no fix: the connectors never update amounts.
 */
import { comparable, etsyTotal, type Rule } from "./order-snapshot.js";
import { formatMoney } from "./wording.js";

/** Half a cent: CRMs store amounts as binary floats or round them to cents. */
const TOLERANCE = 0.005;

export const crmAmountDiffers: Rule = (snapshot, context) => {
	const { deal } = snapshot;
	const crm = context.crm;
	const total = etsyTotal(snapshot);
	if (!deal || !crm || !total) return [];
	const sameAmount = Math.abs(deal.value - total.amount) < TOLERANCE;
	// A currency one side leaves empty is not a disagreement: some CRMs only store the company's currency.
	const sameCurrency =
		deal.currency.trim() === "" || total.currency === "" || comparable(deal.currency) === comparable(total.currency);
	if (sameAmount && sameCurrency) return [];
	const inCrm = formatMoney(deal.value, deal.currency);
	const onEtsy = formatMoney(total.amount, total.currency);
	return [
		{
			orderId: snapshot.orderId,
			kind: "crm-amount-differs",
			severity: "info",
			message: `The ${crm} deal is worth ${inCrm}; Etsy's total is ${onEtsy}. Correct the amount in ${crm} if your reports use it.`,
			summary: `${crm} amount ${inCrm} ≠ ${onEtsy}`,
			values: { Etsy: onEtsy, [crm]: inCrm },
		},
	];
};

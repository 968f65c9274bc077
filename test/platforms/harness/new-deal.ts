/** The deal the CRM tests create: Anna Kowalska's order in złoty. Each test states only what it changes. */
import type { NewDeal } from "../../../src/core/connector-contracts.js";

export function newDeal(orderId = "3100000001", changes: Partial<NewDeal> = {}): NewDeal {
	return {
		orderId,
		title: `Etsy ${orderId} · Anna Kowalska`,
		value: 1499.5,
		currency: "PLN",
		stageName: "New",
		person: { name: "Anna Kowalska", email: `anna.${orderId}@example.com` },
		...changes,
	};
}

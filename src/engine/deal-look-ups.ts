/**
 * Before a group of new deals is created, the CRM looks up what each needs (the buyer's person or
 * contact) for all of them together, in batches sized to its published rate limits
 * (`CrmConnector.lookUpBatchSize`), with the run's time budget checked before each batch. Nothing is
 * created here and no intent is recorded yet: a look-up that fails fails only its order, and a stop
 * for time leaves the rest of the group as it was, for the continuation.
 */
import { type CrmConnector, type NewDeal, PlatformError } from "../core/connector-contracts.js";
import { lookUpBatches } from "../core/look-up-batches.js";

export interface LookedUp {
	/** The deals whose look-ups went well (or that need none), in order: they may be created now. */
	ready: NewDeal[];
	/** Orders whose look-up failed, each with its error. */
	failed: Map<string, Error>;
}

export function lookUpInBatches(crm: CrmConnector, deals: readonly NewDeal[], outOfTime: () => boolean): LookedUp {
	if (!crm.prepareDeals) return { ready: [...deals], failed: new Map() };
	const ready: NewDeal[] = [];
	const failed = new Map<string, Error>();
	for (const batch of lookUpBatches(deals, crm.lookUpBatchSize ?? deals.length)) {
		if (outOfTime()) break;
		let failures: Map<string, PlatformError>;
		try {
			failures = crm.prepareDeals(batch);
		} catch (error) {
			// A failure the connector could not pin on one order (its sign-in refused) is each order's.
			if (!(error instanceof PlatformError)) throw error;
			for (const deal of batch) failed.set(deal.orderId, error);
			continue;
		}
		for (const deal of batch) {
			const failure = failures.get(deal.orderId);
			if (failure) failed.set(deal.orderId, failure);
			else ready.push(deal);
		}
	}
	return { ready, failed };
}

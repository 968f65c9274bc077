/**
 * The CRM's part of a push: new deals in groups (their buyers looked up first, each create's intent
 * saved before it is sent, a deal an earlier run may have made looked for first), then the stage
 * moves the plan asks for, in one call.
 */

import type { CrmConnector, CrmDeal, NewDeal } from "../core/connector-contracts.js";
import { neutralText } from "../core/neutral-text.js";
import type { PushPlan } from "../core/push-plan.js";
import { MARKETPLACE } from "../platforms/registry.js";
import { lookUpInBatches } from "./deal-look-ups.js";
import type { PushRun } from "./push-run.js";

export function createDeals(run: PushRun, crm: CrmConnector, deals: PushPlan["createDeals"]): void {
	const { deps, books, orders, outcome, book, failed, succeeded, recovering } = run;
	const { intend, waitingFor, settle, allowed, outOfTime, inGroups } = run;
	/** The deal the CRM gets for an order: buyer text goes on inert (core/neutral-text.ts). */
	const newDealOf = ({ orderId, stageName }: { orderId: string; stageName: string }): NewDeal => {
		const order = orders.get(orderId);
		return {
			orderId,
			title: neutralText(`${MARKETPLACE.name} ${orderId} · ${order?.buyer ?? ""}`.trim()),
			value: order?.total ?? 0,
			currency: order?.currency ?? "",
			stageName,
			person: { name: neutralText(order?.buyer ?? ""), email: order?.email ?? "", buyerId: order?.buyerId ?? "" },
		};
	};

	inGroups(deals, (group) => {
		// The buyers' look-ups go first, together (deal-look-ups.ts), before any intent: a failed one
		// fails only its order. An order with an intent from an earlier run looks for its deal first.
		// Only what the CRM's daily allowance pays for goes on; the rest waits for its renewal.
		const affordable = allowed(
			crm.platform,
			"create",
			group.map((deal) => deal.orderId),
		);
		const open = group.filter(({ orderId }) => affordable.has(orderId) && !waitingFor(orderId, "deal", crm.platform));
		const fresh = open.filter(({ orderId }) => !books.get(orderId)?.intents?.deal);
		const looked = lookUpInBatches(crm, fresh.map(newDealOf), outOfTime);
		for (const [orderId, error] of looked.failed) failed(orderId, crm.platform, "create deal", error);
		const ready = new Set(looked.ready.map((deal) => deal.orderId));
		// Out of time during the look-ups: only what was looked up goes on, the rest is the continuation's.
		const dealsToCreate = open.filter(
			({ orderId }) => ready.has(orderId) || (!fresh.some((deal) => deal.orderId === orderId) && !outcome.outOfTime),
		);
		for (const { orderId } of dealsToCreate) intend(orderId, "deal", crm.platform);
		const done = [...looked.failed.keys(), ...dealsToCreate.map((deal) => deal.orderId)];
		if (dealsToCreate.length === 0) return done;
		deps.saveBookkeeping(dealsToCreate.map((deal) => deal.orderId));
		for (const { orderId, stageName } of dealsToCreate) {
			try {
				let deal: CrmDeal | null = recovering.get(`${orderId}:deal`) ? crm.findDeal(orderId) : null;
				const found = deal !== null;
				deal ??= crm.createDeal(newDealOf({ orderId, stageName }));
				book(orderId).deal = { id: deal.dealId, url: deal.url, stagePushed: stageName };
				settle(orderId, "deal");
				succeeded(
					orderId,
					crm.platform,
					found ? "found deal" : "created deal",
					deal.note ? `${deal.dealId} (${deal.note})` : deal.dealId,
				);
			} catch (error) {
				failed(orderId, crm.platform, "create deal", error);
			}
		}
		return done;
	});
}

export function moveDeals(run: PushRun, crm: CrmConnector, stageMoves: PushPlan["moveStages"]): void {
	const { books, book, failed, succeeded, allowed, outOfTime } = run;
	const affordableMoves = allowed(
		crm.platform,
		"move",
		stageMoves.map((move) => move.orderId),
	);
	const movesNow = stageMoves.filter((move) => affordableMoves.has(move.orderId));
	if (movesNow.length > 0 && !outOfTime()) {
		// Numbered per order: a retry of a change keeps its number, the next change gets a new one.
		const moves = movesNow.map((move) => ({
			...move,
			change: (books.get(move.orderId)?.deal?.changes ?? 0) + 1,
		}));
		try {
			const results = crm.moveStages(moves);
			results.forEach((result, index) => {
				const move = moves[index];
				if (!move) return;
				const deal = book(move.orderId).deal;
				if (result.ok && deal) {
					deal.stagePushed = move.stageName;
					deal.changes = move.change;
					succeeded(move.orderId, crm.platform, "moved deal", move.stageName);
				} else if (!result.ok) failed(move.orderId, crm.platform, "move deal", result.error);
			});
		} catch (error) {
			for (const move of movesNow) failed(move.orderId, crm.platform, "move deal", error);
		}
	}
}

import { describe, expect, it } from "vitest";
import { lifeDates, noteStatus } from "../../src/core/bookkeeping.js";

const DAY = 86_400_000;

describe("noteStatus: the dates of an order's life", () => {
	it("records when a new order arrived and when it first reached each later status", () => {
		let books = noteStatus({}, "New", 1 * DAY);
		books = noteStatus(books, "Design", 2 * DAY);
		books = noteStatus(books, "Design", 3 * DAY);
		books = noteStatus(books, "Shipped", 4 * DAY);
		expect(books.reached).toEqual({ New: 1 * DAY, Design: 2 * DAY, Shipped: 4 * DAY });
		expect(lifeDates(books)).toEqual({ shippedOn: 4 * DAY, deliveredOn: null });
	});

	it("keeps the first time a status was reached when the order comes back to it", () => {
		let books = noteStatus({}, "New", 0);
		books = noteStatus(books, "Ready to ship", 1 * DAY);
		books = noteStatus(books, "Production", 2 * DAY);
		books = noteStatus(books, "Ready to ship", 3 * DAY);
		expect(books.reached?.["Ready to ship"]).toBe(1 * DAY);
		expect(books.statusSince).toBe(3 * DAY);
	});

	it("gives no date to a status the order was already in when first seen (a shipped order imported later)", () => {
		const books = noteStatus({}, "Shipped", 5 * DAY);
		expect(books.reached).toBeUndefined();
		expect(lifeDates(books)).toEqual({ shippedOn: null, deliveredOn: null });
		expect(lifeDates(noteStatus(books, "Delivered", 6 * DAY))).toEqual({ shippedOn: null, deliveredOn: 6 * DAY });
	});

	it("counts an order delivered straight from Ready to ship as shipped then too", () => {
		let books = noteStatus({}, "New", 0);
		books = noteStatus(books, "Ready to ship", 1 * DAY);
		books = noteStatus(books, "Delivered", 3 * DAY);
		expect(lifeDates(books)).toEqual({ shippedOn: 3 * DAY, deliveredOn: 3 * DAY });
	});

	it("starts recording on bookkeeping kept before dates existed", () => {
		const books = noteStatus({ status: "Production", statusSince: 0 }, "Shipped", 2 * DAY);
		expect(books.reached).toEqual({ Shipped: 2 * DAY });
	});

	it("returns the same object when nothing changed", () => {
		const books = noteStatus({}, "New", 0);
		expect(noteStatus(books, "New", DAY)).toBe(books);
	});
});

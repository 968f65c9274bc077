import { describe, expect, it } from "vitest";
import { isTrustedLink, MAIL_ORIGINS } from "../../src/core/link-policy.js";
import { MAIL_SEARCH_BASE, mailSearchUrl, orderFolderName, plainName } from "../../src/core/order-links.js";

describe("order links", () => {
	it("names a folder by order number and buyer, with the buyer's text made plain", () => {
		expect(orderFolderName("3100000001", "Anna Kowalska")).toBe("Order 3100000001 - Anna Kowalska");
		expect(orderFolderName("3100000001", "Zoë Łukasiewicz-Żak")).toBe("Order 3100000001 - Zoë Łukasiewicz-Żak");
		// Path tricks, formulas, markup and control characters leave nothing of themselves.
		expect(orderFolderName("3100000001", "../../etc/passwd")).toBe("Order 3100000001 - etc passwd");
		expect(orderFolderName("3100000001", '=HYPERLINK("https://evil.example","x")')).toBe(
			"Order 3100000001 - HYPERLINK https evil.example x",
		);
		expect(orderFolderName("3100000001", "<img src=x onerror=alert(1)>\u0000\u202e")).toBe(
			"Order 3100000001 - img src x onerror alert 1",
		);
		expect(orderFolderName("31/../2", "")).toBe("Order 312");
		expect(orderFolderName("1", "...")).toBe("Order 1");
		expect(plainName("x".repeat(200))).toHaveLength(60);
	});

	it("links the mailbox search for the order number or the buyer, encoded so the name cannot leave the query", () => {
		expect(mailSearchUrl("3100000001", "Anna Kowalska")).toBe(
			`${MAIL_SEARCH_BASE}3100000001%20OR%20%22Anna%20Kowalska%22`,
		);
		expect(mailSearchUrl("3100000001", "")).toBe(`${MAIL_SEARCH_BASE}3100000001`);
		const hostile = mailSearchUrl("3100000001", '" OR from:me #x/../?q=1 javascript:alert(1) =1+1');
		const query = decodeURIComponent(hostile.slice(MAIL_SEARCH_BASE.length));
		// One quoted phrase: no quote of the buyer's own closes it early.
		expect(query).toBe('3100000001 OR "OR from me x .. q 1 javascript alert 1 1 1"');
		expect(hostile.slice(MAIL_SEARCH_BASE.length)).not.toMatch(/[#?/"\s]/);
		expect(isTrustedLink(hostile, MAIL_ORIGINS)).toBe(true);
		expect(isTrustedLink("https://mail.google.com.evil.example/", MAIL_ORIGINS)).toBe(false);
	});
});

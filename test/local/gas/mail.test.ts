import { describe, expect, it } from "vitest";
import { createMailApp } from "../../../local/gas/mail.js";
import { createTestHost, newLocalState } from "./test-host.js";

describe("MailApp", () => {
	it("records a message sent with recipient, subject and body", () => {
		const host = createTestHost();
		createMailApp(host).sendEmail("buyer@example.com", "Your order", "It shipped.");
		expect(host.state.mail).toEqual([
			{ to: "buyer@example.com", subject: "Your order", body: "It shipped.", sentAt: host.now() },
		]);
		expect(host.dirty.has("mail")).toBe(true);
		expect(host.calls).toEqual([{ service: "MailApp", method: "sendEmail" }]);
	});

	it("accepts a message object and options with an HTML body", () => {
		const host = createTestHost();
		const mail = createMailApp(host);
		mail.sendEmail({ to: "a@example.com", subject: "S", body: "text", htmlBody: "<b>html</b>" });
		mail.sendEmail("b@example.com", "S2", "plain", { htmlBody: "<i>x</i>", cc: "c@example.com" });
		expect(host.state.mail.map((m) => [m.to, m.htmlBody])).toEqual([
			["a@example.com", "<b>html</b>"],
			["b@example.com", "<i>x</i>"],
		]);
	});

	it("accepts the (to, replyTo, subject, body) form", () => {
		const host = createTestHost();
		createMailApp(host).sendEmail("a@example.com", "reply@example.com", "Subject", "Body");
		expect(host.state.mail[0]).toMatchObject({ to: "a@example.com", subject: "Subject", body: "Body" });
	});

	it("rejects a message without recipient or with a malformed address", () => {
		const mail = createMailApp(createTestHost());
		expect(() => mail.sendEmail({ subject: "S", body: "B" })).toThrow("Failed to send email: no recipient");
		expect(() => mail.sendEmail("not-an-address", "S", "B")).toThrow("Invalid email: not-an-address");
	});

	it("counts recipients against 100 a day", () => {
		const host = createTestHost();
		const mail = createMailApp(host);
		expect(mail.getRemainingDailyQuota()).toBe(100);
		mail.sendEmail({ to: "a@example.com,b@example.com", cc: "c@example.com", subject: "S", body: "B" });
		expect(mail.getRemainingDailyQuota()).toBe(97);
		expect(host.state.quota.mail).toBe(3);
	});

	it("throws Google's text past the daily quota, and resets on a new day", () => {
		const host = createTestHost({}, newLocalState({ quota: { day: "2026-11-22", urlFetch: 0, mail: 100 } }));
		expect(() => createMailApp(host).sendEmail("a@example.com", "S", "B")).toThrow(
			"Service invoked too many times for one day: email.",
		);
		const tomorrow = createTestHost({}, newLocalState({ quota: { day: "2026-11-21", urlFetch: 0, mail: 100 } }));
		expect(createMailApp(tomorrow).getRemainingDailyQuota()).toBe(100);
	});
});

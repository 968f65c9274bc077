/**
 * MailApp: nothing is sent; messages are appended to `host.state.mail` so tests and the playground
 * can read them. Recipients count against the consumer quota of 100 per day, as in Apps Script.
 */
import { consumeDailyQuota, usedDailyQuota } from "./daily-quota.js";
import type { ExecutionHost } from "./host.js";

export const MAIL_DAILY_QUOTA = 100;
const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

type Message = GoogleAppsScript.Mail.MailAdvancedParameters;

export function createMailApp(host: ExecutionHost): GoogleAppsScript.Mail.MailApp {
	/** Google's texts for a missing and a malformed address. */
	const recipients = (list: string | undefined): string[] => {
		const addresses = String(list ?? "")
			.split(",")
			.map((a) => a.trim())
			.filter(Boolean);
		for (const address of addresses) {
			if (!EMAIL.test(address)) throw host.realm.exception(`Invalid email: ${address}`);
		}
		return addresses;
	};
	const send = (message: Message) => {
		const to = recipients(message.to);
		const all = [...to, ...recipients(message.cc), ...recipients(message.bcc)];
		if (all.length === 0) throw host.realm.exception("Failed to send email: no recipient");
		consumeDailyQuota(host, "mail", MAIL_DAILY_QUOTA, all.length);
		// cc, bcc, replyTo, name and attachments are validated but not stored: the state keeps what tests read.
		host.state.mail.push({
			to: to.join(","),
			subject: String(message.subject ?? ""),
			body: String(message.body ?? ""),
			...(message.htmlBody === undefined ? {} : { htmlBody: String(message.htmlBody) }),
			sentAt: host.now(),
		});
		host.markDirty("mail");
	};
	const app = {
		sendEmail(...args: unknown[]): void {
			host.touch("MailApp", "sendEmail");
			const [first, second, third, fourth] = args;
			if (typeof first === "object" && first !== null) send(first as Message);
			else if (typeof fourth === "string") {
				send({ to: String(first), replyTo: String(second), subject: String(third), body: fourth });
			} else
				send({
					...((fourth as Message | undefined) ?? {}),
					to: String(first),
					subject: String(second),
					body: String(third),
				});
		},
		getRemainingDailyQuota(): number {
			host.touch("MailApp", "getRemainingDailyQuota");
			return MAIL_DAILY_QUOTA - usedDailyQuota(host, "mail");
		},
	};
	return app as unknown as GoogleAppsScript.Mail.MailApp;
}

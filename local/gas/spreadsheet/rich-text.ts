/**
 * RichTextValue and its builder, for links on part or all of a cell's text (Hubsheet links order ids
 * to platform pages this way rather than with HYPERLINK formulas). Only links are modelled; offsets
 * are 0-based with an exclusive end, as in Apps Script. Builders and values never touch the document,
 * so none of these methods is counted.
 */

import { emulatesClass } from "../not-emulated.js";
import type { LinkRun } from "./workbook-state.js";

/** Sorts runs, drops empty ones, and merges neighbours with the same URL, so equal text compares equal. */
export function normaliseLinks(links: readonly LinkRun[], textLength: number): LinkRun[] {
	const sorted = links
		.map((link) => ({ start: Math.max(0, link.start), end: Math.min(textLength, link.end), url: link.url }))
		.filter((link) => link.end > link.start)
		.sort((a, b) => a.start - b.start);
	const out: LinkRun[] = [];
	for (const link of sorted) {
		const last = out[out.length - 1];
		if (last && last.url === link.url && last.end >= link.start) last.end = Math.max(last.end, link.end);
		else out.push({ ...link });
	}
	return out;
}

/** Writes `url` (or no link, for null) over [start, end), cutting the runs it overlaps. */
function applyLink(links: readonly LinkRun[], start: number, end: number, url: string | null): LinkRun[] {
	const out: LinkRun[] = [];
	for (const link of links) {
		if (link.end <= start || link.start >= end) {
			out.push(link);
			continue;
		}
		if (link.start < start) out.push({ start: link.start, end: start, url: link.url });
		if (link.end > end) out.push({ start: end, end: link.end, url: link.url });
	}
	if (url !== null && url !== "") out.push({ start, end, url });
	return out;
}

/** Throws an Apps Script exception in the script's realm. */
export type Fail = (message: string) => never;

/** Only for values built outside an execution (unit tests); executions pass the realm's exception. */
const plainFail: Fail = (message) => {
	throw Object.assign(new Error(message), { name: "Exception" });
};

export class RichTextValueImpl {
	private readonly links: LinkRun[];

	constructor(
		private readonly text: string,
		links: readonly LinkRun[],
		private readonly startIndex = 0,
		private readonly fail: Fail = plainFail,
	) {
		this.links = normaliseLinks(links, text.length);
	}

	/** Links as stored on a cell, relative to this value's own text. */
	get linkRuns(): LinkRun[] {
		return this.links.map((link) => ({ ...link }));
	}

	getText(): string {
		return this.text;
	}

	getStartIndex(): number {
		return this.startIndex;
	}

	getEndIndex(): number {
		return this.startIndex + this.text.length;
	}

	/**
	 * The one URL linked over the whole span, or null when none or more than one (a span partly
	 * linked and partly not counts as mixed: UNCONFIRMED).
	 */
	getLinkUrl(startOffset?: number, endOffset?: number): string | null {
		const start = startOffset ?? 0;
		const end = endOffset ?? this.text.length;
		if (end <= start) return null;
		let url: string | null = null;
		let covered = start;
		for (const link of this.links) {
			if (link.end <= start || link.start >= end) continue;
			if (link.start > covered) return null;
			if (url !== null && url !== link.url) return null;
			url = link.url;
			covered = link.end;
		}
		return covered >= end ? url : null;
	}

	/** The longest stretches with one style (here: one link or none), as values of their own. */
	getRuns(): RichTextValueImpl[] {
		if (this.text === "") return [];
		const bounds = new Set<number>([0, this.text.length]);
		for (const link of this.links) {
			bounds.add(link.start);
			bounds.add(link.end);
		}
		const points = [...bounds].sort((a, b) => a - b);
		const runs: RichTextValueImpl[] = [];
		for (let i = 0; i + 1 < points.length; i++) {
			const start = points[i] as number;
			const end = points[i + 1] as number;
			const link = this.links.find((candidate) => candidate.start <= start && candidate.end >= end);
			runs.push(
				new RichTextValueImpl(
					this.text.slice(start, end),
					link ? [{ start: 0, end: end - start, url: link.url }] : [],
					this.startIndex + start,
					this.fail,
				),
			);
		}
		return runs;
	}

	copy(): RichTextValueBuilderImpl {
		return new RichTextValueBuilderImpl(this.fail, this.text, this.links);
	}

	toString(): string {
		return "RichTextValue";
	}
}

export class RichTextValueBuilderImpl {
	constructor(
		private readonly fail: Fail = plainFail,
		private text = "",
		private links: LinkRun[] = [],
	) {}

	/** Replaces the text and clears every style, as documented. */
	setText(text: string): RichTextValueBuilderImpl {
		this.text = String(text);
		this.links = [];
		return this;
	}

	setLinkUrl(...args: [string | null] | [number, number, string | null]): RichTextValueBuilderImpl {
		if (args.length === 1) {
			this.links = applyLink(this.links, 0, this.text.length, args[0]);
		} else {
			const [start, end, url] = args;
			if (!(Number.isInteger(start) && Number.isInteger(end)) || start < 0 || end > this.text.length || start > end) {
				// Apps Script rejects offsets outside the text; its exact message is UNCONFIRMED.
				this.fail(`Invalid argument: offsets ${start}..${end} for text of length ${this.text.length}`);
			}
			this.links = applyLink(this.links, start, end, url);
		}
		return this;
	}

	build(): RichTextValueImpl {
		return new RichTextValueImpl(this.text, this.links, 0, this.fail);
	}

	toString(): string {
		return "RichTextValueBuilder";
	}
}

emulatesClass(RichTextValueImpl, "RichTextValue");
emulatesClass(RichTextValueBuilderImpl, "RichTextValueBuilder");

/**
 * Protections, stored and reported but not enforced: Hubsheet only uses warning-only protections,
 * which never stop a script. A Protection is a handle (sheet id + protection id); every method reads
 * the document, so every method is counted.
 */

import { emulatesClass } from "../not-emulated.js";
import type { AppContext } from "./app-context.js";
import { type EnumMember, ProtectionType } from "./enums.js";
import { MESSAGES } from "./errors.js";
import { RangeImpl } from "./range.js";
import type { ProtectionState } from "./workbook-state.js";

interface UserLike {
	getEmail(): string;
	toString(): string;
}

function user(email: string): UserLike {
	return { getEmail: () => email, toString: () => "User" };
}

function emailOf(value: unknown): string {
	if (value !== null && typeof value === "object" && typeof (value as UserLike).getEmail === "function") {
		return (value as UserLike).getEmail();
	}
	return String(value);
}

export class ProtectionImpl {
	constructor(
		private readonly ctx: AppContext,
		private readonly sheetId: number,
		private readonly protectionId: number,
	) {}

	private state(method: string): ProtectionState {
		this.ctx.touch("Protection", method);
		const sheet = this.ctx.sheetState(this.sheetId);
		return sheet.protections.find((p) => p.id === this.protectionId) ?? this.ctx.fail(MESSAGES.protectionRemoved);
	}

	private change(method: string, apply: (state: ProtectionState) => void): ProtectionImpl {
		apply(this.state(method));
		this.ctx.dirty();
		return this;
	}

	getDescription(): string {
		return this.state("getDescription").description;
	}

	setDescription(description: string): ProtectionImpl {
		return this.change("setDescription", (state) => {
			state.description = String(description);
		});
	}

	isWarningOnly(): boolean {
		return this.state("isWarningOnly").warningOnly;
	}

	setWarningOnly(warningOnly: boolean): ProtectionImpl {
		return this.change("setWarningOnly", (state) => {
			state.warningOnly = Boolean(warningOnly);
		});
	}

	getProtectionType(): EnumMember {
		return ProtectionType[this.state("getProtectionType").type];
	}

	getRange(): RangeImpl {
		const state = this.state("getRange");
		const sheet = this.ctx.sheetState(this.sheetId);
		const grid = state.range ?? { row: 1, column: 1, numRows: sheet.maxRows, numColumns: sheet.maxColumns };
		return new RangeImpl(this.ctx, this.sheetId, { ...grid });
	}

	setRange(range: RangeImpl): ProtectionImpl {
		return this.change("setRange", (state) => {
			if (state.type === "RANGE" && range instanceof RangeImpl) state.range = { ...range.grid };
		});
	}

	getRangeName(): string | null {
		this.state("getRangeName");
		return null;
	}

	getUnprotectedRanges(): RangeImpl[] {
		const state = this.state("getUnprotectedRanges");
		return this.ctx.array(state.unprotected.map((grid) => new RangeImpl(this.ctx, this.sheetId, { ...grid })));
	}

	setUnprotectedRanges(ranges: RangeImpl[]): ProtectionImpl {
		return this.change("setUnprotectedRanges", (state) => {
			if (state.type !== "SHEET") return;
			state.unprotected = [...ranges].filter((r) => r instanceof RangeImpl).map((r) => ({ ...r.grid }));
		});
	}

	/** The owner can always edit; enforcement is not emulated. */
	canEdit(): boolean {
		this.state("canEdit");
		return true;
	}

	canDomainEdit(): boolean {
		return this.state("canDomainEdit").domainEdit;
	}

	setDomainEdit(editable: boolean): ProtectionImpl {
		return this.change("setDomainEdit", (state) => {
			state.domainEdit = Boolean(editable);
		});
	}

	/** The owner is not listed among editors of a new protection (gas-fakes oddities.md). */
	getEditors(): UserLike[] {
		return this.ctx.array(this.state("getEditors").editors.map(user));
	}

	addEditor(emailOrUser: unknown): ProtectionImpl {
		return this.change("addEditor", (state) => {
			const email = emailOf(emailOrUser);
			if (!state.editors.includes(email)) state.editors.push(email);
		});
	}

	addEditors(emails: unknown[]): ProtectionImpl {
		return this.change("addEditors", (state) => {
			for (const email of [...emails].map(emailOf)) if (!state.editors.includes(email)) state.editors.push(email);
		});
	}

	removeEditor(emailOrUser: unknown): ProtectionImpl {
		return this.change("removeEditor", (state) => {
			const email = emailOf(emailOrUser);
			state.editors = state.editors.filter((editor) => editor !== email);
		});
	}

	removeEditors(emailsOrUsers: unknown[]): ProtectionImpl {
		return this.change("removeEditors", (state) => {
			const removed = new Set([...emailsOrUsers].map(emailOf));
			state.editors = state.editors.filter((editor) => !removed.has(editor));
		});
	}

	remove(): void {
		this.state("remove");
		const sheet = this.ctx.sheetState(this.sheetId);
		sheet.protections = sheet.protections.filter((p) => p.id !== this.protectionId);
		this.ctx.dirty();
	}

	toString(): string {
		return "Protection";
	}
}

/** Adds a protection to a sheet's state and returns its id. */
export function addProtection(ctx: AppContext, sheetId: number, init: Pick<ProtectionState, "type" | "range">): number {
	const sheet = ctx.sheetState(sheetId);
	const taken = (id: number) => ctx.workbook.sheets.some((s) => s.protections.some((p) => p.id === id));
	const id = ctx.nextId(taken);
	sheet.protections.push({
		id,
		type: init.type,
		range: init.range,
		description: "",
		warningOnly: false,
		editors: [],
		domainEdit: true,
		unprotected: [],
	});
	ctx.dirty();
	return id;
}

emulatesClass(ProtectionImpl, "Protection");

/**
 * DriveApp: files and folders of one user's Drive, kept in `host.state.drive`. Content is kept as
 * bytes (base64 in the state), so a PDF written from a Blob reads back byte for byte. Folders nest;
 * an item may be trashed (it stays reachable by id, as on Drive, but no listing shows it).
 *
 * Scopes, as the pushed manifest declares them (`oauthScopes`): `drive` sees everything;
 * `drive.file` sees only what this script created (Drive's per-file access); `drive.readonly` may
 * not write; a manifest that lists scopes without any Drive scope gets a permission error on every
 * call. Without `oauthScopes` Apps Script infers the scopes from the code: full access.
 * UNCONFIRMED: Google's reference lists only `drive` / `drive.readonly` for DriveApp methods, while
 * add-ons run DriveApp under `drive.file`; here `drive.file` is honoured as per-file access.
 */
import { randomBytes } from "node:crypto";
import { blobBytesOf, isBlobSource, LocalBlob } from "./blob.js";
import type { ExecutionHost } from "./host.js";
import { emulatesClass } from "./not-emulated.js";
import type { DriveItemState } from "./state.js";

export const ROOT_FOLDER_ID = "local-root-folder";
export const FOLDER_MIME_TYPE = "application/vnd.google-apps.folder";
/** UNCONFIRMED: the current wording of Drive's "not found" error. */
const NOT_FOUND = "No item with the given ID could be found, or you do not have permission to access it.";
const ITERATOR_END = "Cannot retrieve the next object: iterator has reached the end.";
const DRIVE_SCOPE = "https://www.googleapis.com/auth/drive";
const DRIVE_FILE_SCOPE = "https://www.googleapis.com/auth/drive.file";
const DRIVE_READONLY_SCOPE = "https://www.googleapis.com/auth/drive.readonly";

type Access = "full" | "file" | "readonly" | "none";

/** What the manifest lets DriveApp do (see the file comment). */
export function driveAccess(host: Pick<ExecutionHost, "readPushFile">): Access {
	let scopes: unknown;
	try {
		scopes = (JSON.parse(host.readPushFile("appsscript.json") ?? "{}") as { oauthScopes?: unknown }).oauthScopes;
	} catch {
		return "full";
	}
	if (!Array.isArray(scopes)) return "full";
	if (scopes.includes(DRIVE_SCOPE)) return "full";
	if (scopes.includes(DRIVE_FILE_SCOPE)) return "file";
	if (scopes.includes(DRIVE_READONLY_SCOPE)) return "readonly";
	return "none";
}

/** The bytes of a stored item: base64 `data`, or the text `content` of states saved before bytes were kept. */
export function driveItemBytes(item: DriveItemState): Uint8Array {
	if (item.data !== undefined) return new Uint8Array(Buffer.from(item.data, "base64"));
	return new TextEncoder().encode(item.content ?? "");
}

export function driveFileUrl(id: string): string {
	return `https://drive.google.com/file/d/${id}/view?usp=drivesdk`;
}

export function driveFolderUrl(id: string): string {
	return `https://drive.google.com/drive/folders/${id}`;
}

const isFolder = (item: DriveItemState) => item.mimeType === FOLDER_MIME_TYPE;
const parentsOf = (item: DriveItemState) => item.parents ?? [ROOT_FOLDER_ID];

class DriveContext {
	readonly access: Access;
	constructor(readonly host: ExecutionHost) {
		this.access = driveAccess(host);
	}
	/** Counts the call and enforces the manifest's scopes. */
	touch(service: string, method: string, writes = false): void {
		this.host.touch(service, method);
		if (this.access === "none" || (writes && this.access === "readonly")) {
			throw this.host.realm.exception(
				`You do not have permission to call ${service}.${method}. Required permissions: ${writes ? DRIVE_SCOPE : `${DRIVE_READONLY_SCOPE} || ${DRIVE_SCOPE}`}`,
			);
		}
	}
	visible(item: DriveItemState): boolean {
		return this.access !== "file" || item.byScript === true;
	}
	find(id: string): DriveItemState {
		const item = this.host.state.drive.find((candidate) => candidate.id === String(id));
		if (!item || !this.visible(item)) throw this.host.realm.exception(NOT_FOUND);
		return item;
	}
	/** Untrashed, visible items under `parentId` (or anywhere when null) matching `filter`. */
	list(parentId: string | null, filter: (item: DriveItemState) => boolean): DriveItemState[] {
		return this.host.state.drive.filter(
			(item) =>
				!item.trashed &&
				this.visible(item) &&
				(parentId === null || parentsOf(item).includes(parentId)) &&
				filter(item),
		);
	}
	create(parentId: string, fields: Pick<DriveItemState, "name" | "mimeType"> & { bytes?: Uint8Array }): DriveItemState {
		const now = this.host.now();
		const item: DriveItemState = {
			id: `1${randomBytes(24).toString("base64url")}`,
			name: fields.name,
			mimeType: fields.mimeType,
			parents: [parentId],
			createdAt: now,
			updatedAt: now,
			byScript: true,
			...(fields.bytes ? { data: Buffer.from(fields.bytes).toString("base64") } : {}),
		};
		this.host.state.drive.push(item);
		this.changed(item);
		return item;
	}
	changed(item: DriveItemState): void {
		item.updatedAt = this.host.now();
		this.host.markDirty("drive");
	}
	/** createFile(blob) or createFile(name, content[, mimeType]), as Apps Script overloads it. */
	createFile(parentId: string, nameOrBlob: unknown, content?: unknown, mimeType?: unknown): File {
		if (isBlobSource(nameOrBlob)) {
			const blob = nameOrBlob instanceof LocalBlob ? nameOrBlob : nameOrBlob.getBlob();
			const bytes = blobBytesOf(nameOrBlob) ?? new Uint8Array();
			const name = (blob instanceof LocalBlob ? blob.name : blob.getName()) ?? "Untitled";
			const type = (blob instanceof LocalBlob ? blob.contentType : blob.getContentType()) ?? "application/octet-stream";
			return new File(this, this.create(parentId, { name, mimeType: type, bytes }));
		}
		const bytes = new TextEncoder().encode(String(content ?? ""));
		const type = mimeType === undefined ? "text/plain" : String(mimeType);
		return new File(this, this.create(parentId, { name: String(nameOrBlob), mimeType: type, bytes }));
	}
	folder(item: DriveItemState | null): Folder {
		return new Folder(this, item);
	}
}

export function createDriveApp(host: ExecutionHost): GoogleAppsScript.Drive.DriveApp {
	const context = new DriveContext(host);
	const touch = (method: string, writes = false) => context.touch("DriveApp", method, writes);
	const files = (filter: (item: DriveItemState) => boolean) =>
		new ItemIterator(
			context,
			"FileIterator",
			context.list(null, (item) => !isFolder(item) && filter(item)),
		);
	const folders = (filter: (item: DriveItemState) => boolean) =>
		new ItemIterator(
			context,
			"FolderIterator",
			context.list(null, (item) => isFolder(item) && filter(item)),
		);

	const drive = {
		createFile(nameOrBlob: unknown, content?: string, mimeType?: string) {
			touch("createFile", true);
			return context.createFile(ROOT_FOLDER_ID, nameOrBlob, content, mimeType);
		},
		createFolder(name: string) {
			touch("createFolder", true);
			return context.folder(context.create(ROOT_FOLDER_ID, { name: String(name), mimeType: FOLDER_MIME_TYPE }));
		},
		getFileById(id: string) {
			touch("getFileById");
			const item = context.find(id);
			if (isFolder(item)) throw host.realm.exception(NOT_FOUND);
			return new File(context, item);
		},
		getFolderById(id: string) {
			touch("getFolderById");
			if (String(id) === ROOT_FOLDER_ID) return context.folder(null);
			const item = context.find(id);
			if (!isFolder(item)) throw host.realm.exception(NOT_FOUND);
			return context.folder(item);
		},
		getFiles() {
			touch("getFiles");
			return files(() => true);
		},
		getFilesByName(name: string) {
			touch("getFilesByName");
			return files((item) => item.name === String(name));
		},
		getFilesByType(mimeType: string) {
			touch("getFilesByType");
			return files((item) => item.mimeType === String(mimeType));
		},
		getFolders() {
			touch("getFolders");
			return folders(() => true);
		},
		getFoldersByName(name: string) {
			touch("getFoldersByName");
			return folders((item) => item.name === String(name));
		},
		getRootFolder() {
			touch("getRootFolder");
			return context.folder(null);
		},
	};
	return drive as unknown as GoogleAppsScript.Drive.DriveApp;
}

/** Iterates over a snapshot, like Drive's iterators over a query's result. */
class ItemIterator {
	readonly #context: DriveContext;
	readonly #service: "FileIterator" | "FolderIterator";
	readonly #items: DriveItemState[];
	#position = 0;
	constructor(context: DriveContext, service: "FileIterator" | "FolderIterator", items: DriveItemState[]) {
		this.#context = context;
		this.#service = service;
		this.#items = items;
	}
	hasNext(): boolean {
		this.#context.touch(this.#service, "hasNext");
		return this.#position < this.#items.length;
	}
	next(): File | Folder {
		this.#context.touch(this.#service, "next");
		const item = this.#items[this.#position++];
		if (!item) throw this.#context.host.realm.exception(ITERATOR_END);
		return this.#service === "FileIterator" ? new File(this.#context, item) : this.#context.folder(item);
	}
	getContinuationToken(): string {
		this.#context.touch(this.#service, "getContinuationToken");
		return String(this.#position);
	}
}

/** A folder; `null` is the root ("My Drive"), which has no stored record. */
class Folder {
	readonly #context: DriveContext;
	readonly #item: DriveItemState | null;
	constructor(context: DriveContext, item: DriveItemState | null) {
		this.#context = context;
		this.#item = item;
	}
	#touch(method: string, writes = false): void {
		this.#context.touch("Folder", method, writes);
	}
	get #id(): string {
		return this.#item?.id ?? ROOT_FOLDER_ID;
	}
	/** A folder's id without counting a call (moveTo reads its argument's id internally). */
	static idOf(folder: Folder): string {
		return folder.#id;
	}
	#children(folders: boolean, filter: (item: DriveItemState) => boolean) {
		const items = this.#context.list(this.#id, (item) => isFolder(item) === folders && filter(item));
		return new ItemIterator(this.#context, folders ? "FolderIterator" : "FileIterator", items);
	}
	getId(): string {
		this.#touch("getId");
		return this.#id;
	}
	getName(): string {
		this.#touch("getName");
		return this.#item?.name ?? "My Drive";
	}
	setName(name: string): this {
		this.#touch("setName", true);
		if (this.#item) {
			this.#item.name = String(name);
			this.#context.changed(this.#item);
		}
		return this;
	}
	getUrl(): string {
		this.#touch("getUrl");
		return this.#item ? driveFolderUrl(this.#item.id) : "https://drive.google.com/drive/my-drive";
	}
	getDateCreated(): Date {
		this.#touch("getDateCreated");
		return this.#context.host.realm.newDate(this.#item?.createdAt ?? 0);
	}
	getLastUpdated(): Date {
		this.#touch("getLastUpdated");
		return this.#context.host.realm.newDate(this.#item?.updatedAt ?? this.#item?.createdAt ?? 0);
	}
	getDescription(): string | null {
		this.#touch("getDescription");
		return this.#item?.description ?? null;
	}
	setDescription(description: string): this {
		this.#touch("setDescription", true);
		if (this.#item) {
			this.#item.description = String(description);
			this.#context.changed(this.#item);
		}
		return this;
	}
	getParents(): ItemIterator {
		this.#touch("getParents");
		const parents = this.#item ? parentsOf(this.#item) : [];
		const items = parents.flatMap((id) => this.#context.host.state.drive.filter((item) => item.id === id));
		return new ItemIterator(this.#context, "FolderIterator", items);
	}
	isTrashed(): boolean {
		this.#touch("isTrashed");
		return this.#item?.trashed === true;
	}
	setTrashed(trashed: boolean): this {
		this.#touch("setTrashed", true);
		if (this.#item) {
			this.#item.trashed = Boolean(trashed);
			this.#context.changed(this.#item);
		}
		return this;
	}
	createFile(nameOrBlob: unknown, content?: string, mimeType?: string): File {
		this.#touch("createFile", true);
		return this.#context.createFile(this.#id, nameOrBlob, content, mimeType);
	}
	createFolder(name: string): Folder {
		this.#touch("createFolder", true);
		return this.#context.folder(this.#context.create(this.#id, { name: String(name), mimeType: FOLDER_MIME_TYPE }));
	}
	getFiles(): ItemIterator {
		this.#touch("getFiles");
		return this.#children(false, () => true);
	}
	getFilesByName(name: string): ItemIterator {
		this.#touch("getFilesByName");
		return this.#children(false, (item) => item.name === String(name));
	}
	getFilesByType(mimeType: string): ItemIterator {
		this.#touch("getFilesByType");
		return this.#children(false, (item) => item.mimeType === String(mimeType));
	}
	getFolders(): ItemIterator {
		this.#touch("getFolders");
		return this.#children(true, () => true);
	}
	getFoldersByName(name: string): ItemIterator {
		this.#touch("getFoldersByName");
		return this.#children(true, (item) => item.name === String(name));
	}
}

class File {
	readonly #context: DriveContext;
	readonly #item: DriveItemState;

	constructor(context: DriveContext, item: DriveItemState) {
		this.#context = context;
		this.#item = item;
	}
	#touch(method: string, writes = false): void {
		this.#context.touch("File", method, writes);
	}
	getId(): string {
		this.#touch("getId");
		return this.#item.id;
	}
	getName(): string {
		this.#touch("getName");
		return this.#item.name;
	}
	setName(name: string): this {
		this.#touch("setName", true);
		this.#item.name = String(name);
		this.#context.changed(this.#item);
		return this;
	}
	getMimeType(): string {
		this.#touch("getMimeType");
		return this.#item.mimeType;
	}
	getSize(): number {
		this.#touch("getSize");
		return driveItemBytes(this.#item).length;
	}
	getDateCreated(): Date {
		this.#touch("getDateCreated");
		return this.#context.host.realm.newDate(this.#item.createdAt);
	}
	getLastUpdated(): Date {
		this.#touch("getLastUpdated");
		return this.#context.host.realm.newDate(this.#item.updatedAt ?? this.#item.createdAt);
	}
	getUrl(): string {
		this.#touch("getUrl");
		return driveFileUrl(this.#item.id);
	}
	getDownloadUrl(): string {
		this.#touch("getDownloadUrl");
		return `https://drive.google.com/uc?id=${this.#item.id}&export=download`;
	}
	getDescription(): string | null {
		this.#touch("getDescription");
		return this.#item.description ?? null;
	}
	setDescription(description: string): this {
		this.#touch("setDescription", true);
		this.#item.description = String(description);
		this.#context.changed(this.#item);
		return this;
	}
	getParents(): ItemIterator {
		this.#touch("getParents");
		const items = parentsOf(this.#item).flatMap((id) =>
			this.#context.host.state.drive.filter((item) => item.id === id),
		);
		return new ItemIterator(this.#context, "FolderIterator", items);
	}
	moveTo(destination: Folder): this {
		this.#touch("moveTo", true);
		this.#item.parents = [destination instanceof Folder ? Folder.idOf(destination) : ROOT_FOLDER_ID];
		this.#context.changed(this.#item);
		return this;
	}
	isTrashed(): boolean {
		this.#touch("isTrashed");
		return this.#item.trashed === true;
	}
	setTrashed(trashed: boolean): this {
		this.#touch("setTrashed", true);
		this.#item.trashed = Boolean(trashed);
		this.#context.changed(this.#item);
		return this;
	}
	getBlob(): LocalBlob {
		this.#touch("getBlob");
		return new LocalBlob(this.#context.host, driveItemBytes(this.#item), this.#item.mimeType, this.#item.name);
	}
	getAs(contentType: string): LocalBlob {
		return this.getBlob().getAs(contentType);
	}
	setContent(content: string): this {
		this.#touch("setContent", true);
		this.#item.data = Buffer.from(new TextEncoder().encode(String(content))).toString("base64");
		delete this.#item.content;
		this.#context.changed(this.#item);
		return this;
	}
}

emulatesClass(File, "File");
emulatesClass(Folder, "Folder");
// One class serves both iterators; a missing method is named as a FileIterator's.
emulatesClass(ItemIterator, "FileIterator");

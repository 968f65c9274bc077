/**
 * DriveApp, minimal: one flat "My Drive" of files kept in `host.state.drive` as text. Enough for a
 * script that exports a report or reads back a file it wrote; folders, sharing, trash and binary
 * content (stored decoded as UTF-8) are not emulated.
 */
import { randomBytes } from "node:crypto";
import { blobBytesOf, decodeBytes, isBlobSource, LocalBlob } from "./blob.js";
import type { ExecutionHost } from "./host.js";
import { emulatesClass } from "./not-emulated.js";
import type { LocalState } from "./state.js";

type FileState = LocalState["drive"][number];

const ROOT_FOLDER_ID = "local-root-folder";
/** UNCONFIRMED: the current wording of Drive's "not found" error. */
const NOT_FOUND = "No item with the given ID could be found, or you do not have permission to access it.";
const ITERATOR_END = "Cannot retrieve the next object: iterator has reached the end.";

export function createDriveApp(host: ExecutionHost): GoogleAppsScript.Drive.DriveApp {
	const touch = (method: string) => host.touch("DriveApp", method);

	const createFile = (nameOrBlob: unknown, content?: unknown, mimeType?: string) => {
		let record: FileState;
		const common = { id: `1${randomBytes(24).toString("base64url")}`, createdAt: host.now() };
		if (isBlobSource(nameOrBlob)) {
			const blob = nameOrBlob instanceof LocalBlob ? nameOrBlob : undefined;
			record = {
				...common,
				name: blob?.name ?? "Untitled",
				mimeType: blob?.contentType ?? "application/octet-stream",
				content: decodeBytes(blobBytesOf(nameOrBlob) ?? new Uint8Array()),
			};
		} else {
			record = {
				...common,
				name: String(nameOrBlob),
				mimeType: mimeType ?? "text/plain",
				content: String(content ?? ""),
			};
		}
		host.state.drive.push(record);
		host.markDirty("drive");
		return new File(host, record);
	};
	const iterate = (records: FileState[]) => fileIterator(host, records);

	const rootFolder = {
		getId: () => {
			host.touch("Folder", "getId");
			return ROOT_FOLDER_ID;
		},
		getName: () => {
			host.touch("Folder", "getName");
			return "My Drive";
		},
		createFile: (nameOrBlob: unknown, content?: string, mimeType?: string) => {
			host.touch("Folder", "createFile");
			return createFile(nameOrBlob, content, mimeType);
		},
		getFiles: () => {
			host.touch("Folder", "getFiles");
			return iterate(host.state.drive);
		},
		getFilesByName: (name: string) => {
			host.touch("Folder", "getFilesByName");
			return iterate(host.state.drive.filter((f) => f.name === String(name)));
		},
	};

	const drive = {
		createFile(nameOrBlob: unknown, content?: string, mimeType?: string) {
			touch("createFile");
			return createFile(nameOrBlob, content, mimeType);
		},
		getFileById(id: string) {
			touch("getFileById");
			const record = host.state.drive.find((f) => f.id === String(id));
			if (!record) throw host.realm.exception(NOT_FOUND);
			return new File(host, record);
		},
		getFiles() {
			touch("getFiles");
			return iterate(host.state.drive);
		},
		getFilesByName(name: string) {
			touch("getFilesByName");
			return iterate(host.state.drive.filter((f) => f.name === String(name)));
		},
		getRootFolder() {
			touch("getRootFolder");
			return rootFolder;
		},
	};
	return drive as unknown as GoogleAppsScript.Drive.DriveApp;
}

/** Iterates over a snapshot, like Drive's iterators over a query's result. */
function fileIterator(host: ExecutionHost, records: FileState[]) {
	const snapshot = [...records];
	let position = 0;
	return {
		hasNext() {
			host.touch("FileIterator", "hasNext");
			return position < snapshot.length;
		},
		next() {
			host.touch("FileIterator", "next");
			const record = snapshot[position++];
			if (!record) throw host.realm.exception(ITERATOR_END);
			return new File(host, record);
		},
		getContinuationToken() {
			host.touch("FileIterator", "getContinuationToken");
			return String(position);
		},
	};
}

class File {
	readonly #host: ExecutionHost;
	readonly #record: FileState;

	constructor(host: ExecutionHost, record: FileState) {
		this.#host = host;
		this.#record = record;
	}
	#touch(method: string): void {
		this.#host.touch("File", method);
	}
	getId(): string {
		this.#touch("getId");
		return this.#record.id;
	}
	getName(): string {
		this.#touch("getName");
		return this.#record.name;
	}
	setName(name: string): this {
		this.#touch("setName");
		this.#record.name = String(name);
		this.#host.markDirty("drive");
		return this;
	}
	getMimeType(): string {
		this.#touch("getMimeType");
		return this.#record.mimeType;
	}
	getSize(): number {
		this.#touch("getSize");
		return Buffer.byteLength(this.#record.content, "utf8");
	}
	getDateCreated(): Date {
		this.#touch("getDateCreated");
		return this.#host.realm.newDate(this.#record.createdAt);
	}
	getUrl(): string {
		this.#touch("getUrl");
		return `https://drive.google.com/file/d/${this.#record.id}/view?usp=drivesdk`;
	}
	getBlob(): LocalBlob {
		this.#touch("getBlob");
		const bytes = new TextEncoder().encode(this.#record.content);
		return new LocalBlob(this.#host, bytes, this.#record.mimeType, this.#record.name);
	}
	getAs(contentType: string): LocalBlob {
		return this.getBlob().getAs(contentType);
	}
	setContent(content: string): this {
		this.#touch("setContent");
		this.#record.content = String(content);
		this.#host.markDirty("drive");
		return this;
	}
}

emulatesClass(File, "File");

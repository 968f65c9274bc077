/** A Drive of plain maps for engine unit tests: folders and files by parent and name, every call counted. */
import type { Drive, DriveItem } from "../../src/ports.js";

export function memoryDrive() {
	const items = new Map<string, { parent: string | null; name: string; kind: "folder" | "file" }>();
	const calls: string[] = [];
	const item = (id: string): DriveItem => ({ id, url: `https://drive.google.com/${id}` });
	const find = (parent: string | null, name: string, kind: "folder" | "file") => {
		for (const [id, it] of items) if (it.parent === parent && it.name === name && it.kind === kind) return item(id);
		return null;
	};
	const make = (parent: string | null, name: string, kind: "folder" | "file") => {
		const id = `${kind}-${items.size + 1}`;
		items.set(id, { parent, name, kind });
		return item(id);
	};
	const logged = <T>(call: string, result: () => T): T => {
		calls.push(call);
		return result();
	};
	const drive: Drive = {
		folder: (id) => logged(`folder ${id}`, () => (items.get(id)?.kind === "folder" ? item(id) : null)),
		folderNamed: (parent, name) => logged(`folderNamed ${name}`, () => find(parent, name, "folder")),
		createFolder: (parent, name) => logged(`createFolder ${name}`, () => make(parent, name, "folder")),
		fileNamed: (folder, name) => logged(`fileNamed ${name}`, () => find(folder, name, "file")),
		createFile: (folder, file) => logged(`createFile ${file.name}`, () => make(folder, file.name, "file")),
	};
	/** Names of everything, each under its parent's name: "Hubsheet orders/Order 1 - Anna". */
	const paths = () =>
		[...items.values()].map((it) => {
			const parent = it.parent === null ? null : items.get(it.parent);
			return parent ? `${parent.name}/${it.name}` : it.name;
		});
	return { drive, items, calls, paths };
}

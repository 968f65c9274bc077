/**
 * The local Drive as the playground shows it (issue 14, item 6): the folders and files the script
 * made, nested as in My Drive, trashed items left out. Names are Drive's, which hold a buyer's name
 * (the order folders): the page puts them in through textContent only.
 */
import { driveFileUrl, driveFolderUrl, driveItemBytes, FOLDER_MIME_TYPE, ROOT_FOLDER_ID } from "../gas/drive.js";
import type { DriveItemState, LocalState } from "../gas/state.js";

export interface DriveNode {
	id: string;
	name: string;
	kind: "folder" | "file";
	/** The address Drive would open (drive.google.com): shown, not followed, in the playground. */
	url: string;
	mimeType: string;
	/** Files only. */
	bytes?: number;
	children: DriveNode[];
}

/** The items under My Drive's root, folders first, each level by name. */
export function driveView(state: Pick<LocalState, "drive">): DriveNode[] {
	const live = (state.drive ?? []).filter((item) => !item.trashed);
	const known = new Set(live.map((item) => item.id));
	const childrenOf = new Map<string, DriveItemState[]>();
	for (const item of live) {
		// An item whose parent is gone (or trashed) shows at the top, as Drive's "orphans" search finds it.
		const parent = (item.parents ?? []).find((id) => known.has(id)) ?? ROOT_FOLDER_ID;
		childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), item]);
	}
	const seen = new Set<string>();
	const nodes = (parent: string): DriveNode[] =>
		(childrenOf.get(parent) ?? [])
			.filter((item) => !seen.has(item.id) && seen.add(item.id))
			.sort(
				(a, b) =>
					Number(b.mimeType === FOLDER_MIME_TYPE) - Number(a.mimeType === FOLDER_MIME_TYPE) ||
					a.name.localeCompare(b.name),
			)
			.map((item) => {
				const folder = item.mimeType === FOLDER_MIME_TYPE;
				return {
					id: item.id,
					name: item.name,
					kind: folder ? "folder" : "file",
					url: folder ? driveFolderUrl(item.id) : driveFileUrl(item.id),
					mimeType: item.mimeType,
					...(folder ? {} : { bytes: driveItemBytes(item).length }),
					children: folder ? nodes(item.id) : [],
				};
			});
	return nodes(ROOT_FOLDER_ID);
}

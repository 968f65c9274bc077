import { describe, expect, it } from "vitest";
import { FOLDER_MIME_TYPE } from "../../../local/gas/drive.js";
import type { DriveItemState } from "../../../local/gas/state.js";
import { driveView } from "../../../local/playground/drive-view.js";

const item = (id: string, name: string, parents?: string[], extra: Partial<DriveItemState> = {}): DriveItemState => ({
	id,
	name,
	mimeType: FOLDER_MIME_TYPE,
	createdAt: 0,
	...(parents ? { parents } : {}),
	...extra,
});

describe("the playground's Drive view", () => {
	it("nests folders and files as in My Drive, folders first, trashed items left out", () => {
		const pdf = { mimeType: "application/pdf", data: Buffer.from("%PDF-1.4").toString("base64") };
		const view = driveView({
			drive: [
				item("label", "Label P1.pdf", ["order"], pdf),
				item("root", "Hubsheet orders"),
				item("order", "Order 1 - <b>Anna</b>", ["root"]),
				item("gone", "Old", ["root"], { trashed: true }),
				item("note", "a.txt", undefined, { mimeType: "text/plain", content: "hi" }),
			],
		});
		expect(view.map((node) => node.name)).toEqual(["Hubsheet orders", "a.txt"]);
		const order = view[0]?.children[0];
		expect(order?.name).toBe("Order 1 - <b>Anna</b>");
		expect(order?.url).toBe("https://drive.google.com/drive/folders/order");
		expect(order?.children).toEqual([
			{
				id: "label",
				name: "Label P1.pdf",
				kind: "file",
				url: "https://drive.google.com/file/d/label/view?usp=drivesdk",
				mimeType: "application/pdf",
				bytes: 8,
				children: [],
			},
		]);
		expect(view[0]?.children).toHaveLength(1);
	});
});

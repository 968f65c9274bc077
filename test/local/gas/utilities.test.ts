import { generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUtilities } from "../../../local/gas/utilities.js";
import { createTestHost } from "./test-host.js";

const utilities = () => createUtilities(createTestHost());
const unsigned = (bytes: number[]) => Buffer.from(bytes.map((b) => b & 0xff));

describe("Utilities digests and signatures", () => {
	it("computes digests as signed Java bytes", () => {
		const u = utilities();
		const md5 = u.computeDigest(u.DigestAlgorithm.MD5, "abc");
		expect(unsigned(md5).toString("hex")).toBe("900150983cd24fb0d6963f7d28e17f72");
		expect(md5[0]).toBe(-112); // 0x90
		expect(md5.every((b) => b >= -128 && b <= 127)).toBe(true);
		expect(unsigned(u.computeDigest(u.DigestAlgorithm.SHA_1, "abc")).toString("hex")).toBe(
			"a9993e364706816aba3e25717850c26c9cd0d89d",
		);
		expect(unsigned(u.computeDigest(u.DigestAlgorithm.SHA_256, "abc")).toString("hex")).toBe(
			"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
		);
		expect(u.computeDigest(u.DigestAlgorithm.SHA_512, "abc")).toHaveLength(64);
	});

	it("digests a byte array the same as its string", () => {
		const u = utilities();
		const bytes = [...Buffer.from("żółw")].map((b) => (b > 127 ? b - 256 : b));
		expect(u.computeDigest(u.DigestAlgorithm.SHA_256, bytes)).toEqual(
			u.computeDigest(u.DigestAlgorithm.SHA_256, "żółw"),
		);
	});

	it("computes HMAC-SHA256 and other HMACs", () => {
		const u = utilities();
		const sig = u.computeHmacSha256Signature("The quick brown fox jumps over the lazy dog", "key");
		expect(unsigned(sig).toString("hex")).toBe("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
		const md5 = u.computeHmacSignature(u.MacAlgorithm.HMAC_MD5, "The quick brown fox jumps over the lazy dog", "key");
		expect(unsigned(md5).toString("hex")).toBe("80070713463e7749b90c2dc24911e275");
	});

	it("signs with RSA-SHA256", () => {
		const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
		const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
		const sig = utilities().computeRsaSha256Signature("payload", pem);
		expect(verify("sha256", Buffer.from("payload"), publicKey, unsigned(sig))).toBe(true);
	});
});

describe("Utilities base64", () => {
	it("encodes strings and bytes, web-safe keeping the padding", () => {
		const u = utilities();
		expect(u.base64Encode("hello?>")).toBe("aGVsbG8/Pg==");
		expect(u.base64EncodeWebSafe("hello?>")).toBe("aGVsbG8_Pg==");
		expect(u.base64Encode([-1, 0, 1])).toBe("/wAB");
	});

	it("decodes to signed bytes", () => {
		const u = utilities();
		expect(u.base64Decode("/wAB")).toEqual([-1, 0, 1]);
		expect(u.base64DecodeWebSafe("_wAB")).toEqual([-1, 0, 1]);
		expect(() => u.base64Decode("not base64!")).toThrow("Could not decode string.");
	});
});

describe("Utilities.formatDate", () => {
	// 2026-03-05 14:07:09.045 UTC, a Thursday
	const date = new Date(Date.UTC(2026, 2, 5, 14, 7, 9, 45));

	it("formats Java SimpleDateFormat patterns in the given zone", () => {
		const u = utilities();
		expect(u.formatDate(date, "Europe/Warsaw", "yyyy-MM-dd HH:mm:ss.SSS")).toBe("2026-03-05 15:07:09.045");
		expect(u.formatDate(date, "UTC", "yy M d H h a")).toBe("26 3 5 14 2 PM");
		expect(u.formatDate(date, "America/New_York", "EEE, d MMM yyyy hh:mm a Z")).toBe("Thu, 5 Mar 2026 09:07 AM -0500");
		expect(u.formatDate(date, "Europe/Warsaw", "EEEE d MMMM")).toBe("Thursday 5 March");
		expect(u.formatDate(date, "Asia/Kolkata", "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe("2026-03-05T19:37:09+05:30");
		expect(u.formatDate(date, "GMT", "HH:mm XXX")).toBe("14:07 Z");
	});

	it("follows daylight saving time", () => {
		const summer = new Date(Date.UTC(2026, 6, 1, 12, 0, 0));
		expect(utilities().formatDate(summer, "Europe/Warsaw", "HH:mm Z")).toBe("14:00 +0200");
	});

	it("handles quoted literals and doubled quotes", () => {
		expect(utilities().formatDate(date, "UTC", "h 'o''clock' ''")).toBe("2 o'clock '");
	});

	it("accepts GMT offsets and falls back to GMT for an unknown zone", () => {
		const u = utilities();
		expect(u.formatDate(date, "GMT+02:00", "HH:mm")).toBe("16:07");
		expect(u.formatDate(date, "Not/AZone", "HH:mm")).toBe("14:07");
	});

	it("rejects an unknown pattern letter", () => {
		expect(() => utilities().formatDate(date, "UTC", "yyyy q")).toThrow("Illegal pattern character 'q'");
	});
});

describe("Utilities strings, CSV, blobs, sleep", () => {
	it("formats sprintf-style strings", () => {
		const u = utilities();
		expect(u.formatString("%s has %d orders (%.2f%%) %05d|%-4s|%x", "Ada", 3.9, 12.345, 42, "ab", 255)).toBe(
			"Ada has 3 orders (12.35%) 00042|ab  |ff",
		);
	});

	it("parses CSV with quotes, escaped quotes, line breaks and a custom delimiter", () => {
		const u = utilities();
		expect(u.parseCsv('a,"b,c","say ""hi"""\r\n1,"multi\nline",\n')).toEqual([
			["a", "b,c", 'say "hi"'],
			["1", "multi\nline", ""],
		]);
		expect(u.parseCsv("a;b\n1;2", ";")).toEqual([
			["a", "b"],
			["1", "2"],
		]);
		expect(u.parseCsv("")).toEqual([]);
	});

	it("makes blobs from strings and bytes", () => {
		const u = utilities();
		const blob = u.newBlob("zażółć", "text/plain", "note.txt");
		expect(blob.getDataAsString()).toBe("zażółć");
		expect(blob.getName()).toBe("note.txt");
		expect(blob.getContentType()).toBe("text/plain");
		const bytes = u.newBlob([104, -61, -87]);
		expect(bytes.getDataAsString()).toBe("hé");
		expect(bytes.getBytes()).toEqual([104, -61, -87]);
		const copy = blob.copyBlob().setName("copy.txt").setDataFromString("x");
		expect([blob.getName(), blob.getDataAsString(), copy.getName(), copy.getDataAsString()]).toEqual([
			"note.txt",
			"zażółć",
			"copy.txt",
			"x",
		]);
		expect(u.newBlob("é").getDataAsString("ISO-8859-1")).toBe("Ã©");
	});

	it("gzips and ungzips a blob", () => {
		const u = utilities();
		const zipped = u.gzip(u.newBlob("hello", "text/plain", "a.txt"));
		expect(zipped.getName()).toBe("a.txt.gz");
		expect(u.ungzip(zipped).getDataAsString()).toBe("hello");
	});

	it("makes version-4 UUIDs", () => {
		expect(utilities().getUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	it("sleeps on the virtual clock only, up to 5 minutes", () => {
		const host = createTestHost();
		const u = createUtilities(host);
		const before = host.now();
		const realBefore = Date.now();
		u.sleep(250_000);
		expect(host.now() - before).toBe(250_000);
		expect(Date.now() - realBefore).toBeLessThan(1_000);
		expect(() => u.sleep(300_001)).toThrow("Invalid argument: milliseconds");
	});
});

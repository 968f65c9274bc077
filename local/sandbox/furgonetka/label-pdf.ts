/**
 * A one-page PDF label, as bytes. Its second line is the binary marker real PDF writers put there
 * (`%` and four bytes above 127, PDF 1.7 section 7.5.2), so a client that reads the answer as text
 * and writes it back (UTF-8 or Latin-1) mangles the file visibly: the bytes stored must equal the
 * bytes served. Shared by the Furgonetka and InPost sandboxes (both serve labels as PDF).
 */

function escapePdfText(text: string): string {
	// PDF string literals: backslash and parentheses are special; anything outside ASCII is dropped.
	return text.replace(/[^\x20-\x7e]/g, "?").replace(/([\\()])/g, "\\$1");
}

/** A valid single-page PDF showing `lines` (A6 by default, as courier labels are). */
export function labelPdf(
	lines: readonly string[],
	size: { width: number; height: number } = { width: 298, height: 420 },
): Uint8Array {
	const content = [
		"BT",
		"/F1 11 Tf",
		"14 TL",
		`20 ${size.height - 40} Td`,
		...lines.map((line, index) => `${index === 0 ? "" : "T* "}(${escapePdfText(line)}) Tj`),
		"ET",
	].join("\n");
	const objects = [
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${size.width} ${size.height}] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>`,
		`<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	];
	// Offsets count bytes: the marker's four bytes are one character each in this Latin-1 string.
	let pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
	const offsets: number[] = [];
	objects.forEach((object, index) => {
		offsets.push(pdf.length);
		pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = pdf.length;
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return new Uint8Array(Buffer.from(pdf, "latin1"));
}

/**
 * The bench's yardstick: the sync an owner would write by hand, row by row. It reads its sheet once
 * (even a naive script does that), pulls Etsy's receipts changed since its cursor, appends a row per
 * new order (`appendRow`), writes each changed cell with `setValue`, and makes one fetch per CRM
 * action (a deal per new order). It runs in the same local runtime against the same sandboxes, so
 * its modeled seconds come from the same cost table as Hubsheet's.
 */
export interface NaiveConfig {
	etsyBaseUrl: string;
	apiKey: string;
	accessToken: string;
	shopId: string;
	/** Creates a Pipedrive deal per new order when set. */
	pipedrive?: { baseUrl: string; token: string };
}

/** Apps Script code (loaded beside the bundle) defining `naiveSync(config)`. */
export const NAIVE_SCRIPT = `
function naiveSync(cfg) {
	var props = PropertiesService.getScriptProperties();
	var cursor = Number(props.getProperty("naive.cursor") || 0);
	var ss = SpreadsheetApp.getActiveSpreadsheet();
	var sheet = ss.getSheetByName("Naive") || ss.insertSheet("Naive");
	var values = sheet.getDataRange().getValues();
	var rowOf = {};
	for (var i = 0; i < values.length; i++) rowOf[String(values[i][0])] = i + 1;
	var lastRow = values.length;
	var headers = { "x-api-key": cfg.apiKey, Authorization: "Bearer " + cfg.accessToken };
	var newest = cursor;
	for (var offset = 0; ; offset += 100) {
		var url = cfg.etsyBaseUrl + "/v3/application/shops/" + cfg.shopId + "/receipts?limit=100&offset=" + offset +
			"&sort_on=updated&sort_order=asc" + (cursor ? "&min_last_modified=" + Math.floor(cursor / 1000) : "");
		var page = JSON.parse(UrlFetchApp.fetch(url, { headers: headers }).getContentText());
		page.results.forEach(function (r) {
			var address = [r.first_line, r.second_line, r.zip, r.city, r.country_iso].filter(Boolean).join(", ");
			var items = (r.transactions || []).map(function (t) { return t.quantity + " x " + t.title; }).join("; ");
			var row = [String(r.receipt_id), new Date(r.create_timestamp * 1000), r.name, r.buyer_email || "", address, items,
				r.message_from_buyer || "", r.grandtotal ? r.grandtotal.amount / r.grandtotal.divisor : "", r.grandtotal ? r.grandtotal.currency_code : "",
				r.status, "New", ""];
			var at = rowOf[row[0]];
			if (!at) {
				var deal = "";
				if (cfg.pipedrive) {
					var created = UrlFetchApp.fetch(cfg.pipedrive.baseUrl + "/api/v2/deals", {
						method: "post", contentType: "application/json", headers: { "x-api-token": cfg.pipedrive.token },
						payload: JSON.stringify({ title: "Etsy order " + row[0] }), muteHttpExceptions: true,
					});
					var body = JSON.parse(created.getContentText() || "{}");
					deal = body && body.data ? String(body.data.id) : "";
				}
				row[11] = deal;
				sheet.appendRow(row);
				rowOf[row[0]] = ++lastRow;
			} else {
				var old = values[at - 1] || [];
				for (var j = 0; j < 10; j++) {
					var was = old[j] instanceof Date ? old[j].getTime() : old[j];
					var now = row[j] instanceof Date ? row[j].getTime() : row[j];
					if (String(was) !== String(now)) sheet.getRange(at, j + 1).setValue(row[j]);
				}
			}
			newest = Math.max(newest, r.updated_timestamp * 1000);
		});
		if (offset + 100 >= page.count) break;
	}
	props.setProperty("naive.cursor", String(newest));
	return lastRow;
}
`;

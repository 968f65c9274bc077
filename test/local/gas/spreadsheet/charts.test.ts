import { describe, expect, it } from "vitest";
import { chartData, chartSvg } from "../../../../local/playground/chart-svg.js";
import { setup } from "./fixture.js";

describe("Embedded charts", () => {
	it("builds a chart that belongs to no sheet until inserted, then lists it with an id, ranges, options and position", () => {
		const { sheet } = setup();
		sheet.getRange("A1:B3").setValues([
			["Status", "Orders"],
			["New", 2],
			["Shipped", 5],
		]);
		const chart = sheet
			.newChart()
			.asColumnChart()
			.setStacked()
			.addRange(sheet.getRange("A1:A3"))
			.addRange(sheet.getRange("B1:B3"))
			.setNumHeaders(1)
			.setOption("title", "Orders")
			.setPosition(2, 5, 10, 20)
			.build();
		expect(chart.getChartId()).toBeNull();
		expect(sheet.getCharts()).toHaveLength(0);
		sheet.insertChart(chart);
		const [saved] = sheet.getCharts();
		expect(saved?.getChartId()).toEqual(expect.any(Number));
		expect(saved?.getRanges().map((range) => range.getA1Notation())).toEqual(["A1:A3", "B1:B3"]);
		expect(saved?.getOptions().get("title")).toBe("Orders");
		expect(saved?.getOptions().get("legend")).toBeNull();
		expect(saved?.getNumHeaders()).toBe(1);
		const container = saved?.getContainerInfo();
		expect([
			container?.getAnchorRow(),
			container?.getAnchorColumn(),
			container?.getOffsetX(),
			container?.getOffsetY(),
		]).toEqual([2, 5, 10, 20]);
	});

	it("saves a modified chart with updateChart and deletes one with removeChart, leaving the others", () => {
		const { sheet } = setup();
		for (const title of ["Mine", "Theirs"]) {
			sheet.insertChart(
				sheet.newChart().asLineChart().addRange(sheet.getRange("A1:B4")).setOption("title", title).build(),
			);
		}
		const [mine, theirs] = sheet.getCharts();
		if (!mine || !theirs) throw new Error("two charts expected");
		sheet.updateChart(mine.modify().setOption("title", "Mine, renamed").setPosition(9, 1, 0, 0).build());
		sheet.removeChart(theirs);
		const left = sheet.getCharts();
		expect(left.map((chart) => chart.getOptions().get("title"))).toEqual(["Mine, renamed"]);
		expect(left[0]?.getChartId()).toBe(mine.getChartId());
		expect(() => sheet.removeChart(theirs)).toThrow(/chart could not be found/);
		expect(() => sheet.newChart().addRange("A1:B2" as never)).toThrow(/don't match the method signature/);
	});

	it("keeps charts in the saved state, and draws one from the cells they point at now, text escaped", () => {
		const { host, sheet } = setup();
		sheet.getRange("A1:C3").setValues([
			["Week", "On time", "Late"],
			["<b>w1</b>", 3, 1],
			["w2", "", 2],
		]);
		sheet.insertChart(
			sheet
				.newChart()
				.asColumnChart()
				.setStacked()
				.addRange(sheet.getRange("A1:A3"))
				.addRange(sheet.getRange("B1:C3"))
				.setOption("title", "On <time>")
				.build(),
		);
		const saved = JSON.parse(JSON.stringify(host.state.workbook));
		const state = saved.sheets[0].charts[0];
		expect(state).toMatchObject({ type: "COLUMN", stacked: true, options: { title: "On <time>" } });
		const data = chartData(saved, state, 0);
		expect(data).toEqual({
			categories: ["<b>w1</b>", "w2"],
			series: [
				{ name: "On time", values: [3, null] },
				{ name: "Late", values: [1, 2] },
			],
		});
		const svg = chartSvg(state, data);
		expect(svg).toContain("On &#60;time&#62;");
		expect(svg).not.toContain("<b>");
		// Three bars: a blank cell draws none.
		expect(svg.match(/<rect x=[^>]*fill="#(4285f4|db4437)"><title>/g)).toHaveLength(3);
	});
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breakdown } from "../../src/aggregate/breakdown.ts";
import { comparePeriods } from "../../src/survey/comparePeriods.ts";
import { csatAggregator } from "../../src/survey/csat.ts";
import { goalProgress } from "../../src/goals/goalProgress.ts";
import { npsAggregator } from "../../src/survey/nps.ts";
import { trendChart, type TrendGoal, type TrendRow, type TrendSeries } from "../../src/render/trendChart.ts";
import type { PeriodChange } from "../../src/survey/comparePeriods.ts";
import { countOf as count, titlesOf as titles } from "./svgText.ts";
import { checkSvg as svgCheck } from "./svgCheck.ts";

/*
 * Layout (documented in docs/render/charts.md): 640 x 320 by default, plot margins top 32, right 16, left 60,
 * bottom 44 plus 18 px per legend row. With one legend row the plot is x 60..624 (564 px), y 32..258 (226 px).
 */
const MONTH = { unit: "month", timeZone: "UTC", weekStartsOn: 1 } as const;
const iso = (m: number): string => new Date(Date.UTC(2024, m - 1, 1)).toISOString();
const label = (m: number): string => `2024-${String(m).padStart(2, "0")}`;

interface Res {
  metric: string;
  score: number | null;
  ci: { lower: number; upper: number; level: number; method: string } | null;
  n: number;
  scale?: { min: number; max: number };
}

function row(m: number, score: number | null, opts: { key?: Record<string, string>; metric?: string; half?: number; change?: PeriodChange | null } = {}): TrendRow<Res> {
  const half = opts.half ?? 5;
  const metric = opts.metric ?? "csat";
  const result: Res = {
    metric,
    score,
    ci: score === null ? null : { lower: score - half, upper: score + half, level: 0.95, method: "wilson" },
    n: score === null ? 0 : 10,
    ...(metric === "csat" ? { scale: { min: 1, max: 5 } } : {}),
  };
  return { key: opts.key ?? {}, period: label(m), periodStart: iso(m), periodEnd: iso(m + 1), result, ...(opts.change !== undefined ? { change: opts.change } : {}) };
}

function series(rows: TrendRow<Res>[], by: string[] = []): TrendSeries<Res> {
  return { rows, by, period: MONTH };
}

function change(previousPeriod: string, difference: number, pValue: number | null, significant: boolean | null): PeriodChange {
  return { previousPeriod, previous: 0, difference, ci: null, pValue, significant, test: "z" };
}

/** The attributes of the first element inside each `<g class="...">` group of that class. */
function marks(svg: string, cls: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const re = new RegExp(`<g class="${cls}"><(\\w+) ([^>]*?)/?>`, "g");
  for (const m of svg.matchAll(re)) {
    const attrs: Record<string, string> = { tag: m[1]! };
    for (const a of m[2]!.matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    out.push(attrs);
  }
  return out;
}


describe("trendChart geometry (hand computed)", () => {
  it("CSAT on 0..100: a score of 50 sits halfway down the 226 px plot, periods at band centres", () => {
    const svg = trendChart(series([row(1, 0, { half: 0 }), row(2, 50), row(3, 100, { half: 0 })]));
    const points = marks(svg, "cx-point");
    expect(points).toHaveLength(3);
    // y = 258 - score / 100 * 226: 0 -> 258, 50 -> 145, 100 -> 32
    expect(points.map((p) => p["cy"])).toEqual(["258", "145", "32"]);
    // x = 60 + (i + 0.5) * 564 / 3
    expect(points.map((p) => p["cx"])).toEqual(["154", "342", "530"]);
  });

  it("the interval band runs along the upper bounds and back along the lower ones", () => {
    const svg = trendChart(series([row(1, 40), row(2, 50)]));
    // CSAT zooms to the data: values 35..55, padded by 5 to 30..60 (ticks of 10), so y = 258 - (v - 30) / 30 * 226:
    // upper 45 -> 145, 55 -> 69.67; lower 35 -> 220.33, 45 -> 145; x = 60 + (i + 0.5) * 282
    expect(svg).toContain('class="cx-band" d="M201,145L483,69.67L483,145L201,220.33Z"');
  });

  it("NPS axis is clipped at 100: a score of 100 is on the top edge", () => {
    const svg = trendChart(series([row(1, 90, { metric: "nps" }), row(2, 100, { metric: "nps", half: 0 })]));
    const ys = marks(svg, "cx-point").map((p) => Number(p["cy"]));
    expect(ys[1]).toBe(32);
    expect(ys[0]).toBeGreaterThan(32);
    expect(ys[0]).toBeLessThan(258);
  });

  it("CES is drawn on its answer scale: 4 on 1..7 is in the middle", () => {
    const r = row(1, 4, { metric: "ces", half: 0 });
    r.result.scale = { min: 1, max: 7 };
    const svg = trendChart(series([r]));
    expect(marks(svg, "cx-point")[0]!["cy"]).toBe("145");
    // a tick on every answer point 1..7, the ends included
    for (const t of ["1", "2", "3", "4", "5", "6", "7"]) expect(svg).toContain(`text-anchor="end">${t}</text>`);
  });
});

describe("trendChart marks", () => {
  const rows = [
    row(1, 30, { key: { ch: "A" }, metric: "nps" }),
    row(2, 40, { key: { ch: "A" }, metric: "nps", change: change("2024-01", 10, 0.01, true) }),
    row(3, null, { key: { ch: "A" }, metric: "nps", change: null }),
    row(4, 35, { key: { ch: "A" }, metric: "nps", change: null }),
    row(1, 20, { key: { ch: "B" }, metric: "nps" }),
    row(2, 21, { key: { ch: "B" }, metric: "nps", change: change("2024-01", 1, 0.8, false) }),
    row(3, 14.75, { key: { ch: "B" }, metric: "nps", change: change("2024-02", -6.25, 0.0004, true) }),
    row(4, 15, { key: { ch: "B" }, metric: "nps", change: change("2024-03", 0.25, null, null) }),
  ];
  const svg = trendChart(series(rows, ["ch"]));

  it("one point per scored row, one no-data mark per null score, one band and one line per key", () => {
    expect(count(svg, 'class="cx-point"')).toBe(7);
    expect(count(svg, 'class="cx-no-data-mark"')).toBe(1);
    expect(count(svg, 'class="cx-band"')).toBe(2);
    expect(count(svg, 'class="cx-line"')).toBe(2);
    expect(titles(svg)).toContain("A, 2024-03: no data, n = 0");
  });

  it("a null score breaks the line and its band into two pieces", () => {
    const lineA = svg.match(/class="cx-line" d="([^"]*)"/)![1]!;
    const bandA = svg.match(/class="cx-band" d="([^"]*)"/)![1]!;
    expect(count(lineA, "M")).toBe(2);
    expect(count(bandA, "M")).toBe(2);
    expect(count(bandA, "Z")).toBe(2);
  });

  it("one triangle per significant change, up or down, with the change in its tooltip", () => {
    const changes = marks(svg, "cx-change");
    expect(changes).toHaveLength(2);
    expect(titles(svg)).toContain("A, 2024-02: +10.0 points vs 2024-01, p = 0.01");
    expect(titles(svg)).toContain("B, 2024-03: -6.3 points vs 2024-02, p < 0.001");
    // up: the triangle's apex (first vertex) is above its base; down: below
    const apex = (d: string): number[] => d.slice(1).split("L").map((p) => Number(p.split(",")[1]));
    const [up, down] = changes.map((c) => apex(c["d"]!));
    expect(up![0]).toBeLessThan(up![1]!);
    expect(down![0]).toBeGreaterThan(down![1]!);
  });

  it("the brief's tooltip for a single line has no key prefix", () => {
    const one = trendChart(series([row(2, 40, { metric: "nps" }), row(3, 46.2, { metric: "nps", change: change("2024-02", 6.2, 0.01, true) })]));
    expect(titles(one)).toContain("2024-03: +6.2 points vs 2024-02, p = 0.01");
  });

  it("lines get distinct colours, dash patterns and markers, and a legend entry each", () => {
    const lines = [...svg.matchAll(/class="cx-line" d="[^"]*" fill="none" stroke="([^"]+)" stroke-width="2"( stroke-dasharray="[^"]+")?/g)];
    expect(lines).toHaveLength(2);
    expect(lines[0]![1]).not.toBe(lines[1]![1]);
    expect(lines[0]![2]).not.toBe(lines[1]![2]);
    const shapes = marks(svg, "cx-point").map((p) => p["tag"]);
    expect(new Set(shapes).size).toBe(2);
    expect(svg).toMatch(/<g class="cx-legend-item">.*?>A<\/text>/);
    expect(svg).toContain(">significant change</text>");
    expect(svg).toContain(">no data</text>");
  });

  it("options.keys limits the lines", () => {
    const onlyB = trendChart(series(rows, ["ch"]), { keys: [{ ch: "B" }] });
    expect(count(onlyB, 'class="cx-line"')).toBe(1);
    expect(count(onlyB, 'class="cx-point"')).toBe(4);
  });

  it("the desc summarises the span, each line and the significant changes", () => {
    expect(svg).toContain("<desc");
    expect(svg).toMatch(/NPS by month and ch, 2024-01 to 2024-04: A from 30.0 to 35.0; B from 20.0 to 15.0; 2 significant changes\./);
  });
});

describe("trendChart goal", () => {
  const goal: TrendGoal = {
    target: 70,
    deadline: "2024-06-30T00:00:00.000Z",
    points: [{ at: "2024-01-16T12:00:00.000Z", score: 40 }],
    trend: { slopePerDay: 0.1, intercept: 40 },
    projection: { at: "2024-06-30T00:00:00.000Z", value: 56.55, ci: { lower: 50, upper: 63, level: 0.95, method: "t" }, probability: 0.02 },
    status: "off-track",
  };
  const svg = trendChart(series([row(1, 40), row(2, 45), row(3, 48)]), { goal });

  it("extends the x axis to the deadline's period on a time scale", () => {
    // time axis Jan 1 .. Jul 1 2024 (182 days) over x 60..624: Jan's midpoint (15.5 days) at 60 + 564 * 15.5 / 182
    expect(marks(svg, "cx-point")[0]!["cx"]).toBe("108.03");
    for (const m of [4, 5, 6]) expect(svg).toContain(`>${label(m)}<`);
    // deadline Jun 30 = day 181
    expect(svg).toMatch(/class="cx-deadline" x1="620.9"/);
  });

  it("draws the target line at y(70), the fitted trend to the deadline and the whisker of the projection", () => {
    // a goal's legend (line, interval, target, trend, projection) takes two rows, so the plot is y 32..240 (208 px);
    // the axis covers data and goal, 35..70, padded by 5 and rounded to ticks of 10: 30..80, y = 240 - (v - 30) / 50 * 208
    // y(70) = 73.6
    expect(svg).toMatch(/class="cx-target" x1="60" y1="73.6" x2="624" y2="73.6"/);
    expect(svg).toContain(">target 70<");
    // trend: 40 at Jan 16 12:00 (x 108.03, y 198.4); 40 + 0.1 * 165.5 = 56.55 at the deadline (y 129.55)
    expect(svg).toMatch(/class="cx-goal-trend" x1="108.03" y1="198.4" x2="620.9" y2="129.55"/);
    // whisker from y(50) = 156.8 to y(63) = 102.72, labelled with the projection and its interval, in the legend too
    expect(svg).toContain('class="cx-projection" d="M620.9,156.8V102.72');
    expect(svg).toContain('class="cx-projection-label" x="612.9" y="133.55"');
    expect(svg).toContain(">56.5 [50.0, 63.0]</text>");
    expect(svg).toContain(">projection at deadline, 95% interval</text>");
    expect(titles(svg)).toContain("projection at 2024-06-30: 56.5 [50.0, 63.0], P(reaches target) = 0.02");
    expect(svg).toMatch(/target 70 by 2024-06-30, projected 56\.5 \[50\.0, 63\.0\] \(off-track\)\./);
  });
});

describe("trendChart with a real goalProgress", () => {
  it("takes a GoalProgress as it is: target, deadline on the extended axis, projection whisker", () => {
    // CSAT rising 3 points a month from 55% (Jan) to 70% (Jun): 100 answers a month, 55 + 3m of them satisfied
    const recs: { at: number; v: number }[] = [];
    for (let m = 0; m < 6; m++) for (let i = 0; i < 100; i++) recs.push({ at: Date.UTC(2024, m, 1 + (i % 27)), v: i < 55 + 3 * m ? 5 : 2 });
    const monthly = comparePeriods(breakdown(csatAggregator({ value: (r: { at: number; v: number }) => r.v }), recs, { period: { at: (r) => r.at, unit: "month" } }));
    const goal = goalProgress({ series: monthly, baseline: 55, target: 75, deadline: "2024-09-30" });
    const svg = trendChart(monthly, { goal });
    svgCheck(svg);
    // two legend rows with a goal: plot y 32..240; the axis covers Jan's Wilson lower bound 45.24 to the projection's
    // 80.6, padded by 5 and rounded to ticks of 10: 40..90, so y(75) = 240 - 35 / 50 * 208 = 94.4; the x axis runs
    // Jan 1 to Oct 1 (274 days), the deadline is day 273
    expect(svg).toMatch(/class="cx-target" x1="60" y1="94.4" x2="624" y2="94.4"/);
    expect(svg).toMatch(/class="cx-deadline" x1="621.94"/);
    for (const m of [7, 8, 9]) expect(svg).toContain(`>${label(m)}<`);
    expect(count(svg, 'class="cx-projection"')).toBe(1);
    expect(count(svg, 'class="cx-goal-trend"')).toBe(1);
    expect(svg).toContain(`target 75 by 2024-09-30, projected ${goal.projection!.value.toFixed(1)}`);
    expect(svg).toContain(`(${goal.status}).</desc>`);
  });
});

describe("trendChart limits", () => {
  it("a projection past the metric's range is cut where the trend line leaves the axis (CSAT 100)", () => {
    const goal: TrendGoal = { target: 90, deadline: "2024-06-30T00:00:00.000Z", points: [{ at: "2024-01-16T12:00:00.000Z", score: 80 }], trend: { slopePerDay: 1, intercept: 80 }, projection: { at: "2024-06-30T00:00:00.000Z", value: 245.5, ci: { lower: 230, upper: 261, level: 0.95, method: "t" }, probability: 1 } };
    const svg = trendChart(series([row(1, 80, { half: 0 }), row(2, 85, { half: 0 }), row(3, 88, { half: 0 })]), { goal });
    svgCheck(svg);
    // the axis stops at 100: data 80..88 and the goal clipped to 100, padded by 5: 75..100 (ticks of 5), two legend
    // rows: y = 240 - (v - 75) / 25 * 208; 80 + 1 * days reaches 100 after 20 days: Jan 16 12:00 + 20 d = day 35.5 of 182
    expect(svg).toMatch(/class="cx-goal-trend" x1="108.03" y1="198.4" x2="170.01" y2="32"/);
    expect(marks(svg, "cx-point").map((p) => p["cy"])).toEqual(["198.4", "156.8", "131.84"]);
  });

  it("a legend of many lines keeps to 30% of the height and says how many lines it leaves out", () => {
    const many = Array.from({ length: 40 }, (_, k) => row(1 + (k % 3), 10 + k, { key: { s: `segment-${String(k).padStart(2, "0")}` } }));
    const svg = trendChart(series(many, ["s"]));
    svgCheck(svg);
    expect(count(svg, 'class="cx-line"')).toBe(40);
    const more = /and (\d+) more lines<\/text>/.exec(svg);
    expect(more).not.toBeNull();
    const legendYs = [...svg.split('<g class="cx-legend">')[1]!.matchAll(/<text x="[^"]+" y="([^"]+)"/g)].map((m) => Number(m[1]));
    // rows of 18 px: at most floor(0.3 * 320 / 18) = 5 of them
    expect(new Set(legendYs).size).toBeLessThanOrEqual(5);
    expect(count(svg.split('<g class="cx-legend">')[1]!, "segment-") + Number(more![1])).toBe(40);
  });

  it("a deadline before the data stays on the axis; an unreadable one draws no goal", () => {
    const goal: TrendGoal = { target: 50, deadline: "2023-12-01T00:00:00.000Z", points: [], trend: null, projection: null };
    const early = trendChart(series([row(1, 40), row(2, 45)]), { goal });
    svgCheck(early);
    expect(early).toMatch(/class="cx-deadline" x1="60"/);
    const bad = trendChart(series([row(1, 40), row(2, 45)]), { goal: { ...goal, deadline: "soon" } });
    svgCheck(bad);
    expect(bad).not.toContain("cx-goal");
  });

  it("an empty breakdown still names its metric from the total", () => {
    const empty = breakdown(npsAggregator(), [], { period: { at: () => 0, unit: "month" } });
    expect(trendChart(empty)).toContain(">NPS by month</title>");
  });
});

describe("trendChart of a goal's own points (rows at instants, no period spec)", () => {
  it("places the points at their instants with 3% room at each end of the time axis", () => {
    const at = ["2024-01-16T12:00:00.000Z", "2024-02-15T12:00:00.000Z", "2024-03-16T12:00:00.000Z"];
    const rows = at.map((a, i) => ({ key: {}, period: a.slice(0, 7), periodStart: a, periodEnd: a, result: { score: [50, null, 60][i]!, ci: null } }));
    const goal: TrendGoal = { target: 70, deadline: "2024-06-30T00:00:00.000Z", points: at.map((a) => ({ at: a, score: 1 })), trend: null, projection: null };
    const svg = trendChart({ rows, by: [], period: null }, { goal });
    svgCheck(svg);
    const points = marks(svg, "cx-point");
    expect(points).toHaveLength(2);
    // span S from the first point to the deadline; axis from -0.03 S to 1.03 S over x 60..624
    expect(points[0]!["cx"]).toBe("75.96");
    expect(svg).toMatch(/class="cx-deadline" x1="608.04"/);
    expect(svg).not.toContain("cx-goal-trend");
    expect(svg).not.toContain("cx-projection");
  });
});

describe("trendChart edge cases", () => {
  it("escapes user labels and titles", () => {
    const svg = trendChart(series([row(1, 50, { key: { ch: `<b>&"x"` } })], ["ch"]), { title: "a<b & c" });
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;b&gt;&amp;&quot;x&quot;");
    expect(svg).toContain("a&lt;b &amp; c");
    svgCheck(svg);
  });

  it("empty input, rows without a period and an all-null series give the no-data chart", () => {
    for (const s of [series([]), { rows: [{ ...row(1, 50), period: null, periodStart: null, periodEnd: null }], by: [], period: null }, series([row(1, null), row(2, null)])]) {
      const svg = trendChart(s);
      expect(svg).toContain("no data");
      expect(svg).not.toContain("cx-point");
      svgCheck(svg);
    }
  });

  it("is deterministic and leaves its input unchanged", () => {
    const s = series([row(1, 30, { change: null }), row(2, 40, { change: change("2024-01", 10, 0.01, true) })]);
    const before = JSON.stringify(s);
    const a = trendChart(s);
    expect(JSON.stringify(s)).toBe(before);
    expect(trendChart(JSON.parse(before) as TrendSeries<Res>)).toBe(a);
  });

  it("renders real breakdowns from the library (NPS compared, CSAT complete grid) well-formed", () => {
    const recs = Array.from({ length: 400 }, (_, i) => ({ at: Date.UTC(2024, i % 5, 1 + (i % 20)), v: (i * 7) % 11, ch: i % 3 === 0 ? "chat" : "mail" }));
    const b = breakdown(npsAggregator({ value: (r: (typeof recs)[number]) => r.v }), recs, { by: { ch: (r) => r.ch }, period: { at: (r) => r.at, unit: "month" } });
    svgCheck(trendChart(comparePeriods(b)));
    const c = breakdown(csatAggregator({ value: (r: (typeof recs)[number]) => (r.v % 5) + 1 }), recs.filter((r) => r.at < Date.UTC(2024, 1, 1) || r.at >= Date.UTC(2024, 3, 1)), { period: { at: (r) => r.at, unit: "month" }, complete: true });
    const svg = trendChart(c);
    svgCheck(svg);
    // Feb and Mar have no records: two no-data marks, the line in two pieces
    expect(count(svg, 'class="cx-no-data-mark"')).toBe(2);
  });

  it("well-formed on breakdowns of generated answers (seeded): missing and invalid answers, gaps, complete grids", () => {
    const answer = fc.record({ key: fc.constantFrom("web", "app", null), day: fc.integer({ min: 0, max: 200 }), v: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(null), fc.constant(12)) });
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 120 }), fc.boolean(), fc.constantFrom("month", "isoWeek") as fc.Arbitrary<"month" | "isoWeek">, (answers, complete, unit) => {
        const b = breakdown(npsAggregator({ value: (r: (typeof answers)[number]) => r.v, onInvalid: "count" }), answers, {
          by: { key: (r) => r.key },
          period: { at: (r) => Date.UTC(2024, 0, 1) + r.day * 86_400_000, unit },
          complete,
        });
        const svg = trendChart(comparePeriods(b));
        svgCheck(svg);
        const scored = b.rows.filter((r) => r.result.score !== null).length;
        expect(count(svg, 'class="cx-point"')).toBe(scored);
        // every score null (or no rows): the no-data chart; else a mark per null score
        if (scored === 0) expect(svg).toContain('<text class="cx-no-data"');
        else expect(count(svg, 'class="cx-no-data-mark"')).toBe(b.rows.length - scored);
      }),
      { seed: 20261202, numRuns: 100 },
    );
  });

  it("well-formed on generated breakdowns (seeded): nulls, one-point lines, extreme scores, many keys", () => {
    const score = fc.option(fc.double({ min: -100, max: 100, noNaN: true }), { nil: null });
    const rowArb = fc.record({ key: fc.constantFrom("a", "b", "<c&>", ""), m: fc.integer({ min: 1, max: 12 }), score, half: fc.double({ min: 0, max: 30, noNaN: true }), sig: fc.option(fc.boolean(), { nil: null }) });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), fc.constantFrom("nps", "csat", "ces", "other"), fc.boolean(), (raw, metric, withGoal) => {
        const seen = new Set<string>();
        const rows = raw
          .filter((r) => !seen.has(`${r.key}|${r.m}`) && seen.add(`${r.key}|${r.m}`))
          .map((r) => {
            const x = row(r.m, r.score, { key: { k: r.key }, metric, half: r.half, change: r.sig === null ? null : change("2024-01", r.sig ? 5 : -5, 0.01, true) });
            if (metric === "ces") x.result.scale = { min: 1, max: 7 };
            return x;
          });
        const svg = trendChart(series(rows, ["k"]), withGoal ? { goal: { target: 50, deadline: "2025-03-01T00:00:00.000Z", points: [{ at: iso(1), score: 1 }], trend: { slopePerDay: -0.5, intercept: 3 }, projection: null } } : {});
        svgCheck(svg);
        const scored = rows.filter((r) => r.result.score !== null).length;
        expect(count(svg, 'class="cx-point"')).toBe(scored);
      }),
      { seed: 20261201, numRuns: 150 },
    );
  });
});

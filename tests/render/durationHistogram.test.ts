import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { durationHistogram } from "../../src/render/durationHistogram.ts";
import { firstResponseTime } from "../../src/tickets/firstResponseTime.ts";
import { timeToResolution } from "../../src/tickets/timeToResolution.ts";
import { businessCalendar } from "../../src/time/businessCalendar.ts";
import { InvalidOptionError } from "../../src/errors.ts";
import { barsOf as bars, descOf as desc, footnoteOf } from "./chartMarks.ts";
import { checkSvg } from "./svgCheck.ts";

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1, 9);
const iso = (ms: number): string => new Date(ms).toISOString();
/** Tickets created at T0 and resolved after `hours` (null: still open). */
const tickets = (hours: readonly (number | null)[]): { createdAt: string; resolvedAt?: string }[] =>
  hours.map((h) => (h === null ? { createdAt: iso(T0) } : { createdAt: iso(T0), resolvedAt: iso(T0 + h * H) }));

const markers = (svg: string): { x: number; label: string }[] =>
  [...svg.matchAll(/<g class="cx-marker"><line x1="([\d.]+)"[^>]*><title>([^<]*)<\/title>/g)].map((m) => ({ x: Number(m[1]), label: m[2]! }));

describe("durationHistogram", () => {
  // Layout at the default 640 x 320 with a one-line footnote: plot x 56..624 (5 buckets of 113.6 px),
  // y 34..234 (320 - 72 margin - 14 for the footnote line), so 100% = 200 px.
  // Durations 0.5, 2, 3, 30 h with the default edges 1 h, 8 h, 24 h, 7 d: shares 25, 50, 0, 25, 0 %.
  const r = timeToResolution(tickets([0.5, 2, 3, 30]), { unit: "hours" });

  it("bars: one per bucket, share of the plot height, count in the title", () => {
    const svg = durationHistogram(r);
    const b = bars(svg);
    expect(b).toHaveLength(5);
    expect(b.map((x) => x.height)).toEqual([50, 100, 0, 50, 0]); // 25% of 200 px = 50 px
    expect(b.map((x) => x.y)).toEqual([184, 134, 234, 184, 234]);
    expect(b.map((x) => x.x)).toEqual([56, 169.6, 283.2, 396.8, 510.4]);
    expect(b[1]!.title).toBe("1h-8h: 2 resolved tickets (50.0%)");
    expect(b[0]!.title).toBe("<1h: 1 resolved ticket (25.0%)".replace("<", "&lt;"));
  });

  it("percentile markers sit inside their bucket, linearly from..to", () => {
    // R type 7 on (0.5, 2, 3, 30): median 2.5 -> bucket 1h-8h at (2.5 - 1) / 7;
    // p90 = 3 + 0.7 * 27 = 21.9 -> bucket 8h-24h at 13.9 / 16; p95 = 3 + 0.85 * 27 = 25.95 -> 24h-7d at 1.95 / 144
    const m = markers(durationHistogram(r, { digits: 2 }));
    expect(m.map((x) => x.label)).toEqual(["median 2.50 h", "p90 21.90 h", "p95 25.95 h"]); // p50 = median: drawn once
    expect(m[0]!.x).toBeCloseTo(56 + 113.6 * (1 + 1.5 / 7), 2);
    expect(m[1]!.x).toBeCloseTo(56 + 113.6 * (2 + 13.9 / 16), 2);
    expect(m[2]!.x).toBeCloseTo(56 + 113.6 * (3 + 1.95 / 144), 2);
  });

  it("in the last, open bucket a marker is placed proportionally up to max", () => {
    // 0.5 h and 200 h: p90 = 0.5 + 0.9 * 199.5 = 180.05 h, in >=7d (168 h .. max 200 h) at 12.05 / 32
    const svg = durationHistogram(timeToResolution(tickets([0.5, 200]), { unit: "hours", percentiles: [90] }));
    const m = markers(svg);
    expect(m.map((x) => x.label)).toEqual(["median 100.3 h", "p90 180.1 h"]);
    expect(m[1]!.x).toBeCloseTo(56 + 113.6 * (4 + 12.05 / 32), 2);
    // the median 100.25 h falls in 24h-7d (24 .. 168 h)
    expect(m[0]!.x).toBeCloseTo(56 + 113.6 * (3 + 76.25 / 144), 2);
  });

  it("unit and basis in the title and the axis label; open tickets and the Kaplan-Meier median in desc and footnote", () => {
    const cal = businessCalendar({ timeZone: "UTC", hours: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]] } });
    // created Mon 2024-01-01 09:00 UTC; resolved after 2 and 4 business hours; one open at asOf Mon 15:00 (age 6 h)
    const res = timeToResolution([...tickets([2, 4]), ...tickets([null])], { unit: "hours", calendar: cal, asOf: iso(T0 + 6 * H) });
    expect(res.censored).toMatchObject({ median: 4, events: 2, censored: 1 }); // KM: S(2) = 2/3, S(4) = 1/3 -> median 4
    const svg = durationHistogram(res);
    expect(svg).toContain("<title id=");
    expect(svg).toContain(">Time to resolution (business hours)</title>");
    expect(svg).toContain(">Time to resolution (business hours)</text>"); // x axis label
    expect(desc(svg)).toContain("1 ticket open at 2024-01-01T15:00:00.000Z");
    expect(desc(svg)).toContain("Kaplan-Meier median counting them: 4.0 h");
    const foot = footnoteOf(svg).join(" ");
    expect(foot).toContain("Kaplan-Meier median counting them: 4.0 h");
  });

  it("many buckets: every bucket drawn, labels thinned to 48 px apart", () => {
    // 20 edges (1 h .. 20 h): 21 buckets of 568 / 21 = 27.05 px, so every 2nd bucket is labelled
    const res = timeToResolution(tickets([0.5, 2.5, 10.5, 30]), { unit: "hours", buckets: Array.from({ length: 20 }, (_, i) => (i + 1) * H) });
    const svg = durationHistogram(res);
    expect(bars(svg)).toHaveLength(21);
    const ticks = [...svg.matchAll(/<text x="[\d.]+" y="[\d.]+" text-anchor="middle">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(ticks).toEqual(["&lt;1h", "2h-3h", "4h-5h", "6h-7h", "8h-9h", "10h-11h", "12h-13h", "14h-15h", "16h-17h", "18h-19h", "&gt;=20h"]);
  });

  it("first response time: its own title and nouns", () => {
    const frt = firstResponseTime([{ createdAt: iso(T0), firstResponseAt: iso(T0 + 30 * 60_000) }, { createdAt: iso(T0), firstResponseAt: iso(T0 + 90 * 60_000) }], { unit: "minutes" });
    const svg = durationHistogram(frt);
    expect(svg).toContain(">First response time (minutes)</title>");
    expect(bars(svg)[0]!.title).toBe("&lt;1h: 1 responded ticket (50.0%)");
    expect(markers(svg)[0]!.label).toBe("median 60.0 min");
  });

  it("empty input and all-open input give the no-data chart", () => {
    const empty = durationHistogram(timeToResolution([], { unit: "hours" }));
    expect(empty).toContain('class="cx-no-data"');
    expect(bars(empty)).toHaveLength(0);
    const open = durationHistogram(timeToResolution(tickets([null, null]), { unit: "hours", asOf: iso(T0 + H) }));
    expect(open).toContain(">no resolved tickets (2 open)</text>");
    checkSvg(empty);
    checkSvg(open);
  });

  it("escapes a title and description", () => {
    const svg = durationHistogram(r, { title: 'TTR <EU> & "VIP"', description: "a < b" });
    expect(svg).toContain(">TTR &lt;EU&gt; &amp; &quot;VIP&quot;</title>");
    expect(desc(svg)).toBe("a &lt; b");
    expect(svg).not.toContain("<EU>");
  });

  it("refuses bad options", () => {
    expect(() => durationHistogram(r, { digits: -1 })).toThrow(InvalidOptionError);
    expect(() => durationHistogram(r, { width: 0 })).toThrow(InvalidOptionError);
  });

  it("well-formed and deterministic on generated tickets (seeded)", () => {
    const hours = fc.array(fc.oneof(fc.constant(null), fc.double({ min: 0, max: 500, noNaN: true }), fc.constantFrom(0, 1, 8, 24, 168)), { maxLength: 40 });
    fc.assert(
      fc.property(hours, fc.constantFrom<"ms" | "minutes" | "hours" | "days">("ms", "minutes", "hours", "days"), fc.boolean(), (hs, unit, withAsOf) => {
        const res = timeToResolution(tickets(hs), { unit, ...(withAsOf ? { asOf: iso(T0 + 600 * H) } : {}) });
        const svg = durationHistogram(res);
        checkSvg(svg);
        expect(durationHistogram(structuredClone(res))).toBe(svg);
        if (res.resolved > 0) expect(bars(svg)).toHaveLength(res.distribution.length);
        else expect(svg).toContain('class="cx-no-data"');
      }),
      { seed: 8101, numRuns: 150 },
    );
  });
});

/**
 * JSON Schemas of cx-metrics/schemas (zod 4 `z.toJSONSchema`, draft 2020-12): every named schema has `$schema`,
 * `type`, `title`, survives JSON.stringify unchanged, and real records and states validate against it with a small
 * draft 2020-12 checker (the keywords zod emits), while states of another kind or version do not.
 */
import { describe, expect, it } from "vitest";
import { breakdownAggregator } from "../../src/aggregate/breakdown.ts";
import { generateSurveySample } from "../../src/sample/generateSurveySample.ts";
import { cesAggregator } from "../../src/survey/ces.ts";
import { csatAggregator } from "../../src/survey/csat.ts";
import { npsAggregator } from "../../src/survey/nps.ts";
import { jsonSchemas, schemaNames, toJsonSchema, type JsonSchema, type SchemaName } from "../../src/schemas/index.ts";

const DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

/** True when `value` satisfies `schema`, for the draft 2020-12 keywords zod emits (formats are annotations). */
function satisfies(schema: unknown, value: unknown): boolean {
  if (schema === true) return true;
  if (schema === false) return false;
  const s = schema as JsonSchema;
  const typeOf = (v: unknown): string[] =>
    v === null ? ["null"] : Array.isArray(v) ? ["array"] : typeof v === "number" ? (Number.isInteger(v) ? ["number", "integer"] : ["number"]) : [typeof v];
  const checks: boolean[] = [];
  if (s["type"] !== undefined) checks.push([s["type"]].flat().some((t) => typeOf(value).includes(t as string)));
  if ("const" in s) checks.push(JSON.stringify(s["const"]) === JSON.stringify(value));
  if (s["enum"]) checks.push((s["enum"] as unknown[]).some((e) => JSON.stringify(e) === JSON.stringify(value)));
  if (s["anyOf"]) checks.push((s["anyOf"] as unknown[]).some((x) => satisfies(x, value)));
  if (s["oneOf"]) checks.push((s["oneOf"] as unknown[]).filter((x) => satisfies(x, value)).length === 1);
  if (typeof value === "number") {
    if (typeof s["minimum"] === "number") checks.push(value >= s["minimum"]);
    if (typeof s["maximum"] === "number") checks.push(value <= s["maximum"]);
    if (typeof s["exclusiveMinimum"] === "number") checks.push(value > s["exclusiveMinimum"]);
    if (typeof s["exclusiveMaximum"] === "number") checks.push(value < s["exclusiveMaximum"]);
  }
  if (typeof value === "string" && typeof s["pattern"] === "string") checks.push(new RegExp(s["pattern"], "u").test(value));
  if (Array.isArray(value)) {
    const prefix = (s["prefixItems"] as unknown[] | undefined) ?? [];
    if (typeof s["minItems"] === "number") checks.push(value.length >= s["minItems"]);
    if (typeof s["maxItems"] === "number") checks.push(value.length <= s["maxItems"]);
    value.forEach((v, i) => checks.push(i < prefix.length ? satisfies(prefix[i], v) : s["items"] === undefined || satisfies(s["items"], v)));
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const props = (s["properties"] as Record<string, unknown> | undefined) ?? {};
    for (const r of (s["required"] as string[] | undefined) ?? []) checks.push(Object.hasOwn(value, r));
    for (const [k, v] of Object.entries(value)) {
      if (Object.hasOwn(props, k)) checks.push(satisfies(props[k], v));
      else if (s["additionalProperties"] !== undefined) checks.push(satisfies(s["additionalProperties"], v));
    }
  }
  return checks.every(Boolean);
}

const json = <T>(x: T): unknown => JSON.parse(JSON.stringify(x));

describe("toJsonSchema and jsonSchemas", () => {
  it.each(schemaNames)("%s is a draft 2020-12 object schema that round-trips through JSON.stringify", (name) => {
    const schema = toJsonSchema(name);
    expect(schema["$schema"]).toBe(DRAFT_2020_12);
    expect(schema["type"]).toBe("object");
    expect(schema["title"]).toBe(name);
    expect(typeof schema["description"]).toBe("string");
    expect(json(schema)).toEqual(schema);
    expect(Object.getOwnPropertyNames(schema)).not.toContain("~standard");
    expect(toJsonSchema(name)).toEqual(schema);
    expect(toJsonSchema(name)).not.toBe(schema); // a fresh copy each call
  });

  it("jsonSchemas() holds every name", () => {
    const all = jsonSchemas();
    expect(Object.keys(all).sort()).toEqual([...schemaNames].sort());
    expect(schemaNames).toHaveLength(14);
    expect(json(all)).toEqual(all);
  });

  it("refuses an unknown name", () => {
    expect(() => toJsonSchema("Nps" as SchemaName)).toThrow(/unknown schema "Nps"/);
  });

  it("describes a Date instant as the ISO string JSON.stringify writes", () => {
    const at = (toJsonSchema("SurveyRecord")["properties"] as Record<string, JsonSchema>)["answeredAt"]!;
    expect(at["anyOf"]).toContainEqual({ type: "string", format: "date-time" });
    expect(satisfies(toJsonSchema("SurveyRecord"), json({ score: 9, answeredAt: new Date(0), channel: "chat", extra: 1 }))).toBe(true);
  });
});

describe("real data validates against the JSON Schemas", () => {
  type A = { channel: string; nps: number | null; csat: number | null; ces: number | null; at: string };
  const sample = generateSurveySample({ seed: 3, count: 400 }) as A[];
  const fold = <S>(agg: { empty(): S; add(s: S, r: A, i?: number): S }): unknown => json(sample.reduce((s, r, i) => agg.add(s, r, i), agg.empty()));
  const states: [SchemaName, unknown][] = [
    ["NpsState", fold(npsAggregator<A>({ value: (r) => r.nps }))],
    ["NpsState", fold(npsAggregator<A>({ value: (r) => r.nps, weight: (r) => (r.channel === "chat" ? 2 : 0.5) }))],
    ["CsatState", fold(csatAggregator<A>({ value: (r) => r.csat }))],
    ["CesState", fold(cesAggregator<A>({ value: (r) => r.ces, onInvalid: "count" }))],
    ["BreakdownState", fold(breakdownAggregator(npsAggregator<A>({ value: (r) => r.nps }), { by: { channel: (r) => r.channel }, period: { at: (r) => r.at, unit: "isoWeek", timeZone: "Europe/Berlin" } }))],
    ["BreakdownState", fold(breakdownAggregator(csatAggregator<A>({ value: (r) => r.csat }), { period: { at: (r) => r.at, unit: "month" } }))],
  ];

  it.each(states)("a real %s", (name, state) => {
    expect(satisfies(toJsonSchema(name), state)).toBe(true);
    expect(satisfies(toJsonSchema(name), { ...(state as object), kind: "other" })).toBe(false);
    expect(satisfies(toJsonSchema(name), { ...(state as object), v: 2 })).toBe(false);
  });

  it("the seeded sample as SurveyAnswer, options as data", () => {
    for (const a of sample.slice(0, 50)) expect(satisfies(toJsonSchema("SurveyAnswer"), a)).toBe(true);
    expect(satisfies(toJsonSchema("SurveyAnswer"), { ...sample[0]!, nps: 11 })).toBe(false);
    expect(satisfies(toJsonSchema("NpsOptions"), { bands: { detractorMax: 6, promoterMin: 9 }, level: 0.9, interval: "wald" })).toBe(true);
    expect(satisfies(toJsonSchema("NpsOptions"), { level: 1 })).toBe(false);
    expect(satisfies(toJsonSchema("BreakdownOptions"), { period: { unit: "week", weekStartsOn: 0 }, complete: true })).toBe(true);
    expect(satisfies(toJsonSchema("BreakdownOptions"), { by: ["channel"] })).toBe(false);
  });
});

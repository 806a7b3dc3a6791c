import { tzOffset } from "@date-fns/tz";

const OFFSET = /^([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A reader of the UTC offset of an IANA zone, in milliseconds (positive east of Greenwich), at any instant.
 *
 * The runtime's zone data is read through `Intl.DateTimeFormat` with `timeZoneName: "longOffset"` ("GMT+05:45",
 * "GMT-00:25:21"), parsed here with its sign kept apart from the hours: @date-fns/tz 1.5's `tzOffset` reads
 * "-00:25:21" (Dublin before 1880) as +25.35 minutes, because it takes the sign from the hours and "-00" is 0.
 * `tzOffset` is the fallback for a runtime whose offset string does not parse. O(1) per call (one Intl format).
 *
 * @param timeZone an IANA zone the runtime knows (checked by the caller with checkTimeZone)
 * @returns offset(t) in ms for epoch ms t
 * @example
 * zoneOffsetReader("Asia/Kathmandu")(Date.UTC(2024, 0, 1)) // => 20700000
 * @see https://tc39.es/ecma402/#sec-datetimeformat-abstracts (timeZoneName "longOffset")
 */
export function zoneOffsetReader(timeZone: string): (t: number) => number {
  if (timeZone === "UTC") return () => 0;
  const format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).format;
  const parsed = new Map<string, number>();
  return (t: number): number => {
    const text = format(t);
    const at = text.lastIndexOf("GMT");
    const key = at < 0 ? "?" : text.slice(at + 3);
    let ms = parsed.get(key);
    if (ms === undefined) {
      const m = OFFSET.exec(key);
      if (key === "") ms = 0;
      else if (m) ms = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0)) * 1000;
      else return Math.round(tzOffset(timeZone, new Date(t)) * 60_000);
      parsed.set(key, ms);
    }
    return ms;
  };
}

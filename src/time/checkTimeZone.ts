import { InvalidOptionError } from "../errors.ts";

const known = new Map<string, boolean>();

/**
 * Check that `timeZone` is an IANA zone name the runtime knows (or "UTC"), and return it.
 * Throws InvalidOptionError naming the option otherwise.
 * @example
 * checkTimeZone("nps", "period.timeZone", "Europe/Berlin") // => "Europe/Berlin"
 */
export function checkTimeZone(metric: string, option: string, timeZone: unknown): string {
  if (typeof timeZone === "string") {
    let ok = known.get(timeZone);
    if (ok === undefined) {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone });
        ok = true;
      } catch {
        ok = false;
      }
      known.set(timeZone, ok);
    }
    if (ok) return timeZone;
  }
  throw new InvalidOptionError(metric, option, `is ${JSON.stringify(timeZone)}, expected an IANA time zone such as "Europe/Berlin" or "UTC"`);
}

import type { OnInvalid } from "../aggregate/aggregator.ts";
import { breakdown, type BreakdownResult } from "../aggregate/breakdown.ts";
import { InvalidOptionError } from "../errors.ts";
import { checkOnInvalid } from "../_lib/checkOptions.ts";
import { firstResponseTimeAggregator, type FirstResponseTimeResult } from "../tickets/firstResponseTime.ts";
import { reopenRateAggregator, type ReopenRateResult } from "../tickets/reopenRate.ts";
import { slaAttainmentAggregator, type SlaAttainmentResult } from "../tickets/slaAttainment.ts";
import type { CalendarLike } from "../tickets/ticketEvents.ts";
import { timeToResolutionAggregator, type TimeToResolutionResult } from "../tickets/timeToResolution.ts";
import { checkTimeZone } from "../time/checkTimeZone.ts";
import type { PeriodUnit } from "../time/periodIndexer.ts";
import { parseInstant } from "../time/parseInstant.ts";

/** Options of {@link ticketReport}. */
export interface TicketReportOptions {
  /** The business calendar the durations are measured on (`businessCalendar(spec)`). */
  calendar: CalendarLike;
  /** The instant the figures are taken at (open tickets are censored at their age then). */
  asOf: unknown;
  /** Resolution SLA targets in business ms per priority. Default: urgent 4 h, high 8 h, normal 24 h, low 40 h. */
  resolutionTargets?: Record<string, number>;
  /** First-response SLA targets in business ms per priority. Default: urgent 30 min, high 1 h, normal 4 h, low 8 h. */
  firstResponseTargets?: Record<string, number>;
  /** Period of the team tables. Default "month". */
  period?: PeriodUnit;
  /** IANA zone of the periods. Default "UTC". */
  timeZone?: string;
  /** `"count"` (default for a report) or `"throw"`. */
  onInvalid?: OnInvalid;
}

/** The data of the tickets section: plain JSON, printed by `formatTicketReport`. */
export interface TicketReport {
  records: number;
  asOf: string;
  period: PeriodUnit;
  timeZone: string;
  /** The calendar's spec, as the states record it. */
  calendar: unknown;
  resolution: { overall: TimeToResolutionResult; byTeam: BreakdownResult<TimeToResolutionResult> };
  firstResponse: { overall: FirstResponseTimeResult; byTeam: BreakdownResult<FirstResponseTimeResult> };
  sla: { resolution: BreakdownResult<SlaAttainmentResult>; firstResponse: BreakdownResult<SlaAttainmentResult> };
  reopen: BreakdownResult<ReopenRateResult>;
}

const H = 3_600_000;

/**
 * The tickets section of `cx-metrics report`: time to resolution and first response time (medians first, p90, open
 * tickets and the Kaplan-Meier median that counts them) overall and per team x period in business hours, SLA
 * attainment per priority, and the reopen rate per team. Records use the sample's field names (createdAt,
 * firstResponseAt, firstResolvedAt, resolvedAt, reopens, priority, team, ...). One pass per table; O(records).
 *
 * @param records ticket records
 * @param options calendar, asOf, targets, period, timeZone, onInvalid
 * @returns the report data
 * @example
 * ticketReport(generateTickets({ count: 1000 }), { calendar, asOf: "2025-01-01" }).resolution.overall.median // => business hours
 * @see timeToResolution, firstResponseTime, slaAttainment, reopenRate
 */
export function ticketReport(records: readonly Record<string, unknown>[], options: TicketReportOptions): TicketReport {
  const onInvalid = checkOnInvalid("ticketReport", options.onInvalid ?? "count");
  const timeZone = checkTimeZone("ticketReport", "timeZone", options.timeZone ?? "UTC");
  const period = options.period ?? "month";
  const asOf = parseInstant(options.asOf);
  if (asOf === null) throw new InvalidOptionError("ticketReport", "asOf", `is ${JSON.stringify(options.asOf)}, expected an instant`);
  const calendar = options.calendar;
  const base = { calendar, asOf, onInvalid, timeZone } as const;
  const ttr = timeToResolutionAggregator<Record<string, unknown>>({ ...base, unit: "hours", percentiles: [90] });
  const frt = firstResponseTimeAggregator<Record<string, unknown>>({ ...base, unit: "hours", percentiles: [90] });
  const byTeam = { by: { team: (r: Record<string, unknown>) => r["team"] }, period: { at: (r: Record<string, unknown>) => r["createdAt"], unit: period, timeZone }, onInvalid };
  const byPriority = { by: { priority: (r: Record<string, unknown>) => r["priority"] }, onInvalid };
  const resolutionTargets = options.resolutionTargets ?? { urgent: 4 * H, high: 8 * H, normal: 24 * H, low: 40 * H };
  const firstResponseTargets = options.firstResponseTargets ?? { urgent: H / 2, high: H, normal: 4 * H, low: 8 * H };
  const resolutionByTeam = breakdown(ttr, records, byTeam);
  const firstResponseByTeam = breakdown(frt, records, byTeam);
  return {
    records: records.length,
    asOf: new Date(asOf).toISOString(),
    period,
    timeZone,
    calendar: JSON.parse(JSON.stringify(calendar.spec)),
    resolution: { overall: resolutionByTeam.total, byTeam: resolutionByTeam },
    firstResponse: { overall: firstResponseByTeam.total, byTeam: firstResponseByTeam },
    sla: {
      resolution: breakdown(slaAttainmentAggregator({ ...base, metric: "resolution", target: resolutionTargets }), records, byPriority),
      firstResponse: breakdown(slaAttainmentAggregator({ ...base, metric: "firstResponse", target: firstResponseTargets }), records, byPriority),
    },
    reopen: breakdown(reopenRateAggregator<Record<string, unknown>>({ asOf, onInvalid, timeZone }), records, { by: byTeam.by, onInvalid }),
  };
}

import { checkAggregatorLaws } from "./lawSuite.ts";
import { AS_OF, ticketArb, type TicketRow } from "./ticketArbitraries.ts";
import { slaAttainmentAggregator } from "../../src/tickets/slaAttainment.ts";
import { reopenRateAggregator } from "../../src/tickets/reopenRate.ts";
import { oneTouchResolutionAggregator } from "../../src/tickets/oneTouchResolution.ts";
import { firstContactResolutionAggregator } from "../../src/tickets/firstContactResolution.ts";
import { breakdownAggregator } from "../../src/aggregate/breakdown.ts";
import { timeToResolutionAggregator } from "../../src/tickets/timeToResolution.ts";
import { firstResponseTimeAggregator } from "../../src/tickets/firstResponseTime.ts";
import { averageResponseTimeAggregator } from "../../src/tickets/averageResponseTime.ts";
import { statusTimeAggregator } from "../../src/tickets/statusTime.ts";

const H = 3_600_000;
/** A toy business clock (plain JSON spec): counts only the first 8 hours of each UTC day. */
export const toyCalendar = {
  spec: { toy: "00:00-08:00 UTC" },
  elapsed(a: number, b: number): number {
    if (b < a) return -toyCalendar.elapsed(b, a);
    const D = 24 * H;
    const open = (t: number): number => Math.floor(t / D) * 8 * H + Math.min(((t % D) + D) % D, 8 * H);
    return open(b) - open(a);
  },
};

checkAggregatorLaws("slaAttainment (first response, per-priority targets, asOf, invalid counted)", {
  make: () => slaAttainmentAggregator<TicketRow>({ metric: "firstResponse", target: { urgent: H, high: 4 * H }, defaultTarget: 24 * H, asOf: AS_OF, onInvalid: "count" }),
  input: ticketArb(true),
  other: () => slaAttainmentAggregator<TicketRow>({ metric: "firstResponse", target: { urgent: H, high: 4 * H }, asOf: AS_OF, onInvalid: "count" }),
  numRuns: 100,
});

checkAggregatorLaws("slaAttainment (resolution in business time, paused in pending and on-hold)", {
  make: () => slaAttainmentAggregator<TicketRow>({ metric: "resolution", target: 8 * H, calendar: toyCalendar, pauseOn: ["pending", "on-hold"], onInvalid: "count" }),
  input: ticketArb(true),
  other: () => slaAttainmentAggregator<TicketRow>({ metric: "resolution", target: 8 * H, pauseOn: ["pending", "on-hold"], onInvalid: "count" }),
  numRuns: 100,
});

checkAggregatorLaws("slaAttainment (next reply and periodic update)", {
  make: () => slaAttainmentAggregator<TicketRow>({ metric: "nextReply", target: 2 * H, asOf: AS_OF }),
  input: ticketArb(false),
  other: () => slaAttainmentAggregator<TicketRow>({ metric: "periodicUpdate", target: 2 * H, asOf: AS_OF }),
  numRuns: 100,
});

checkAggregatorLaws("reopenRate (invalid counted)", {
  make: () => reopenRateAggregator<TicketRow>({ onInvalid: "count" }),
  input: ticketArb(true),
  other: () => reopenRateAggregator<TicketRow>({ asOf: AS_OF, onInvalid: "count" }),
  numRuns: 100,
});

checkAggregatorLaws("oneTouchResolution (asOf, invalid counted)", {
  make: () => oneTouchResolutionAggregator<TicketRow>({ asOf: AS_OF, onInvalid: "count" }),
  input: ticketArb(true),
  other: () => oneTouchResolutionAggregator<TicketRow>({ onInvalid: "count" }),
  numRuns: 100,
});

checkAggregatorLaws("firstContactResolution", {
  make: () => firstContactResolutionAggregator<TicketRow>(),
  input: ticketArb(false),
  other: () => firstContactResolutionAggregator<TicketRow>({ asOf: AS_OF }),
  numRuns: 100,
});

checkAggregatorLaws("breakdown (slaAttainment by team x month, invalid counted)", {
  make: () =>
    breakdownAggregator(slaAttainmentAggregator<TicketRow>({ metric: "resolution", target: 24 * H, onInvalid: "count" }), {
      by: { team: (r) => r["team"] },
      period: { at: (r) => r["createdAt"], unit: "month", timeZone: "Europe/Berlin" },
      onInvalid: "count",
    }),
  input: ticketArb(true),
  other: () =>
    breakdownAggregator(slaAttainmentAggregator<TicketRow>({ metric: "resolution", target: 12 * H, onInvalid: "count" }), {
      by: { team: (r) => r["team"] },
      period: { at: (r) => r["createdAt"], unit: "month", timeZone: "Europe/Berlin" },
      onInvalid: "count",
    }),
  numRuns: 50,
});

checkAggregatorLaws("timeToResolution (full, asOf, exact limit 8 so merges cross into buckets, invalid counted)", {
  make: () => timeToResolutionAggregator<TicketRow>({ asOf: AS_OF, exactLimit: 8, unit: "hours", onInvalid: "count" }),
  input: ticketArb(true),
  other: () => timeToResolutionAggregator<TicketRow>({ asOf: AS_OF, exactLimit: 8, resolution: "first", onInvalid: "count" }),
  tolerance: 1e-9,
  numRuns: 100,
});

checkAggregatorLaws("timeToResolution (first, business time, no asOf, custom buckets)", {
  make: () => timeToResolutionAggregator<TicketRow>({ resolution: "first", calendar: toyCalendar, buckets: [H, 10 * H], percentiles: [25, 75] }),
  input: ticketArb(false),
  other: () => timeToResolutionAggregator<TicketRow>({ resolution: "first", calendar: toyCalendar, buckets: [H, 11 * H] }),
  tolerance: 1e-9,
  numRuns: 100,
});

checkAggregatorLaws("firstResponseTime (asOf, business time, invalid counted)", {
  make: () => firstResponseTimeAggregator<TicketRow>({ asOf: AS_OF, calendar: toyCalendar, exactLimit: 16, onInvalid: "count" }),
  input: ticketArb(true),
  other: () => firstResponseTimeAggregator<TicketRow>({ asOf: AS_OF, exactLimit: 16, onInvalid: "count" }),
  tolerance: 1e-9,
  numRuns: 100,
});

checkAggregatorLaws("averageResponseTime (next replies, invalid counted)", {
  make: () => averageResponseTimeAggregator<TicketRow>({ include: "next", onInvalid: "count" }),
  input: ticketArb(true),
  other: () => averageResponseTimeAggregator<TicketRow>({ onInvalid: "count" }),
  tolerance: 1e-9,
  numRuns: 100,
});

checkAggregatorLaws("breakdown (timeToResolution by team x ISO week and priority, asOf; a ticket without createdAt is counted by the breakdown)", {
  make: () =>
    breakdownAggregator(timeToResolutionAggregator<TicketRow>({ asOf: AS_OF, exactLimit: 4 }), {
      by: { team: (r) => r["team"], priority: (r) => r["priority"] },
      period: { at: (r) => r["createdAt"], unit: "isoWeek" },
      onInvalid: "count",
    }),
  input: ticketArb(false),
  other: () =>
    breakdownAggregator(timeToResolutionAggregator<TicketRow>({ asOf: AS_OF + 1, exactLimit: 4 }), {
      by: { team: (r) => r["team"], priority: (r) => r["priority"] },
      period: { at: (r) => r["createdAt"], unit: "isoWeek" },
      onInvalid: "count",
    }),
  tolerance: 1e-9,
  numRuns: 40,
});

checkAggregatorLaws("statusTime (requester wait, business time, asOf, invalid counted)", {
  make: () => statusTimeAggregator<TicketRow>({ measure: "requesterWait", calendar: toyCalendar, asOf: AS_OF, exactLimit: 8, onInvalid: "count" }),
  input: ticketArb(true),
  other: () => statusTimeAggregator<TicketRow>({ measure: "agentWork", calendar: toyCalendar, asOf: AS_OF, exactLimit: 8, onInvalid: "count" }),
  tolerance: 1e-9,
  numRuns: 100,
});

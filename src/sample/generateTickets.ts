import { seededRandom } from "./seededRandom.ts";

/** Teams of the ticket sample. */
export const SAMPLE_TEAMS: readonly string[] = ["billing", "technical", "accounts", "onboarding"];
/** Channels of the ticket sample. */
export const SAMPLE_TICKET_CHANNELS: readonly string[] = ["email", "chat", "phone", "web"];
/** Priorities of the ticket sample, most urgent first. */
export const SAMPLE_PRIORITIES: readonly string[] = ["urgent", "high", "normal", "low"];

/** Options of {@link generateTickets}. */
export interface TicketSampleOptions {
  /** Seed of the generator. Default 1. */
  seed?: number;
  /** Number of tickets. Default 10,000. */
  count?: number;
  /** First instant of the sample (epoch ms). Default 2024-01-01T00:00Z. */
  start?: number;
  /** Days covered. Default 366 (the year 2024); tickets still open at the end have no solve time. */
  days?: number;
  /** Instants as ISO 8601 strings (default) or epoch ms. */
  instants?: "iso" | "ms";
  /** Add a message timeline to each ticket. Default false. */
  timelines?: boolean;
  /** Add a status history to each ticket. Default false. */
  statusHistories?: boolean;
}

/** A status change or message instant: ISO string or epoch ms (per `instants`). */
export type SampleInstant = string | number;

/** One ticket of the sample. */
export interface SampleTicket {
  id: number;
  createdAt: SampleInstant;
  firstResponseAt: SampleInstant | null;
  firstResolvedAt: SampleInstant | null;
  resolvedAt: SampleInstant | null;
  reopens: number;
  /** Public agent replies. */
  replies: number;
  priority: string;
  status: "open" | "pending" | "solved" | "closed";
  team: string;
  channel: string;
  messages?: { at: SampleInstant; author: "customer" | "agent" | "bot"; public: boolean }[];
  statusHistory?: { status: string; at: SampleInstant }[];
}

const H = 3_600_000;
const D = 24 * H;
/** Median resolution time per priority (hours) and team multipliers. */
const TTR_MEDIAN_H = [3, 8, 22, 50];
const TEAM_FACTOR = [0.8, 1.4, 1, 0.7];
const PRIORITY_WEIGHTS = [0.05, 0.2, 0.55, 0.2];
const CHANNEL_WEIGHTS = [0.45, 0.3, 0.1, 0.15];
/** Arrivals per hour of day (UTC): mostly 08:00-18:00, some evening, little at night. */
const HOUR_WEIGHTS = [1, 0.5, 0.5, 0.5, 0.5, 1, 2, 5, 9, 12, 12, 11, 9, 11, 12, 11, 10, 8, 5, 4, 3, 3, 2, 1];
/** Arrivals per weekday, Sunday first: weekends are quiet. */
const WEEKDAY_WEIGHTS = [0.25, 1, 1, 1, 0.95, 0.85, 0.3];

/**
 * A seeded sample of support tickets for tests, examples, the report and benchmarks: a year of tickets across
 * teams, channels and priorities, arriving mostly in business hours on weekdays, with log-normal resolution
 * times (median by priority and team, sigma 1.1), first responses before resolution, reopens (about 9% planned) and the
 * tickets still open at the end of the period; optionally each ticket's message timeline (customer, agent and bot
 * messages, private notes) and status history (new, open, pending, solved, closed), consistent with its fields.
 *
 *   ttr = exp(ln(median_priority * factor_team) + 1.1 z),  frt = min(ttr * u, exp(ln(0.15 ttr) + 0.8 z'))
 *
 * O(count) time and memory. The same seed gives the same tickets on every runtime.
 *
 * @param options seed, count, start, days, instants, timelines, statusHistories
 * @returns the tickets, ordered by creation
 * @example
 * generateTickets({ seed: 1, count: 2 })[0].team // => one of "billing", "technical", "accounts", "onboarding"
 * @see Brown, L., Gans, N., Mandelbaum, A. et al. (2005). Statistical analysis of a telephone call center: a
 *   queueing-science perspective. JASA 100(469), 36-50 (service times close to log-normal).
 */
export function generateTickets(options: TicketSampleOptions = {}): SampleTicket[] {
  const rng = seededRandom(options.seed ?? 1);
  const count = options.count ?? 10_000;
  const start = options.start ?? Date.UTC(2024, 0, 1);
  const days = options.days ?? 366;
  const end = start + days * D;
  const iso = (options.instants ?? "iso") === "iso";
  const out = (t: number): SampleInstant => (iso ? new Date(t).toISOString() : t);
  const created: number[] = [];
  for (let i = 0; i < count; i++) {
    let day: number;
    do day = rng.int(days);
    while (rng.next() > WEEKDAY_WEIGHTS[new Date(start + day * D).getUTCDay()]!);
    created.push(start + day * D + rng.pick(HOUR_WEIGHTS) * H + rng.int(H));
  }
  created.sort((a, b) => a - b);
  const tickets: SampleTicket[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const c = created[i]!;
    const p = rng.pick(PRIORITY_WEIGHTS);
    const team = rng.int(SAMPLE_TEAMS.length);
    const channel = rng.pick(CHANNEL_WEIGHTS);
    const stale = rng.next() < 0.01; // never solved
    const ttr = Math.exp(Math.log(TTR_MEDIAN_H[p]! * TEAM_FACTOR[team]! * H) + 1.1 * rng.normal());
    const frt = Math.min(ttr * rng.next(), Math.exp(Math.log(0.15 * ttr) + 0.8 * rng.normal()));
    const u = rng.next();
    const planned = u < 0.02 ? 2 : u < 0.09 ? 1 : 0;
    // Solve, then each reopen 1-5 days later and a further log-normal stretch to the next solve.
    const events: { kind: "solved" | "open"; at: number }[] = [];
    if (!stale) {
      let t = c + ttr;
      events.push({ kind: "solved", at: t });
      for (let k = 0; k < planned; k++) {
        t += D + rng.int(4 * D);
        events.push({ kind: "open", at: t });
        t += Math.exp(Math.log(0.5 * ttr) + 0.7 * rng.normal());
        events.push({ kind: "solved", at: t });
      }
    }
    const extra = rng.next() < 0.45 ? 0 : 1 + rng.int(3);
    // The sample ends at `end`: later events have not happened yet.
    const done = events.filter((e) => e.at <= end);
    const lastEvent = done[done.length - 1];
    const solvedNow = lastEvent !== undefined && lastEvent.kind === "solved";
    const reopens = done.filter((e) => e.kind === "open").length;
    const responded = c + frt <= end;
    const replies = responded ? 1 + reopens + extra : 0;
    const closed = solvedNow && lastEvent.at + 4 * D <= end;
    const t: SampleTicket = {
      id: i + 1,
      createdAt: out(c),
      firstResponseAt: responded ? out(c + frt) : null,
      firstResolvedAt: done[0] === undefined ? null : out(done[0].at),
      resolvedAt: solvedNow ? out(lastEvent.at) : null,
      reopens,
      replies,
      priority: SAMPLE_PRIORITIES[p]!,
      status: solvedNow ? (closed ? "closed" : "solved") : responded ? "pending" : "open",
      team: SAMPLE_TEAMS[team]!,
      channel: SAMPLE_TICKET_CHANNELS[channel]!,
    };
    if (options.timelines) t.messages = timeline(rng, c, frt, solvedNow ? lastEvent.at : end, replies, end).map((m) => ({ ...m, at: out(m.at) }));
    if (options.statusHistories) t.statusHistory = history(c, frt, done, closed, end).map((h) => ({ status: h.status, at: out(h.at) }));
    tickets[i] = t;
  }
  return tickets;
}

type Msg = { at: number; author: "customer" | "agent" | "bot"; public: boolean };

/** Customer opens; sometimes a bot answers at once; agents reply `replies` times, customers answer in between. */
function timeline(rng: ReturnType<typeof seededRandom>, c: number, frt: number, last: number, replies: number, end: number): Msg[] {
  const m: Msg[] = [{ at: c, author: "customer", public: true }];
  if (rng.next() < 0.3) m.push({ at: c + 1000 + rng.int(60_000), author: "bot", public: true });
  if (replies === 0) return m;
  let t = c + frt;
  const step = Math.max(60_000, (last - t) / (2 * replies));
  for (let k = 0; k < replies && t <= end; k++) {
    if (rng.next() < 0.2) m.push({ at: Math.max(c, t - rng.int(600_000)), author: "agent", public: false });
    m.push({ at: t, author: "agent", public: true });
    const back = t + rng.int(Math.floor(step)) + 1;
    if (k < replies - 1 && back <= end) m.push({ at: back, author: "customer", public: true });
    t = back + rng.int(Math.floor(step)) + 1;
  }
  return m.sort((a, b) => a.at - b.at);
}

/** new -> open halfway to the first response or solve -> pending at the first response -> the solves and reopens -> closed 4 days on. */
function history(c: number, frt: number, events: { kind: "solved" | "open"; at: number }[], closed: boolean, end: number): { status: string; at: number }[] {
  const h: { status: string; at: number }[] = [];
  const firstSolve = events[0]?.at ?? Infinity;
  const firstStep = Math.min(c + frt, firstSolve, end);
  h.push({ status: "open", at: c + (firstStep - c) / 2 });
  if (c + frt <= end && c + frt < firstSolve) h.push({ status: "pending", at: c + frt });
  for (const e of events) h.push({ status: e.kind, at: e.at });
  const last = events[events.length - 1];
  if (closed && last !== undefined) h.push({ status: "closed", at: last.at + 4 * D });
  return h;
}

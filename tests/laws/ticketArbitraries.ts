/** fast-check generators of ticket records with edge values (open tickets, zero and huge durations, invalid ones). */
import fc from "fast-check";

const BASE = Date.UTC(2024, 0, 1);
const H = 3_600_000;
export const AS_OF: number = BASE + 400 * 24 * H;

/** A duration: zero, tiny, typical, huge (decades), or an invalid negative one. */
const offset = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 30 * 24 * H }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 100 * 365 * 24 * H, 500 * 24 * H) },
);
const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: fc.constantFrom(null, undefined) });

const message = fc.record({
  dt: offset,
  author: fc.constantFrom("customer", "customer", "agent", "agent", "bot"),
  public: fc.constantFrom(true, true, true, false),
});
const change = fc.record({ dt: fc.integer({ min: 0, max: 10 * 24 * H }), status: fc.constantFrom("open", "pending", "on-hold", "solved", "open", "solved") });

export type TicketRow = Record<string, unknown>;

/** Valid tickets with some fields missing, plus invalid ones when `invalid` is set. */
export function ticketArb(invalid: boolean): fc.Arbitrary<TicketRow> {
  const valid = fc
    .record({
      created: fc.integer({ min: BASE - 30 * 24 * H, max: BASE + 420 * 24 * H }),
      createdAs: fc.constantFrom("ms", "iso", "date"),
      response: maybe(offset),
      resolved: maybe(offset),
      reopens: maybe(fc.integer({ min: 0, max: 3 })),
      replies: maybe(fc.integer({ min: 0, max: 4 })),
      priority: maybe(fc.constantFrom<unknown>("urgent", "high", "low", 3, "__proto__", "constructor")),
      status: maybe(fc.constantFrom("new", "open", "pending", "solved", "closed")),
      messages: fc.option(fc.array(message, { maxLength: 6 }), { freq: 2 }),
      history: fc.option(fc.array(change, { maxLength: 5 }), { freq: 2 }),
      team: fc.constantFrom("billing", "tech", null),
    })
    .map((r): TicketRow => {
      const created = r.createdAs === "ms" ? r.created : r.createdAs === "iso" ? new Date(r.created).toISOString() : new Date(r.created);
      let t = r.created;
      const history = r.history?.map((c) => ({ status: c.status, at: (t += c.dt) }));
      return {
        createdAt: created,
        firstResponseAt: r.response === null || r.response === undefined ? r.response : r.created + r.response,
        resolvedAt: r.resolved === null || r.resolved === undefined ? r.resolved : r.created + r.resolved,
        reopens: r.reopens,
        replies: r.replies,
        priority: r.priority,
        status: r.status,
        messages: r.messages?.map((m) => ({ at: r.created + m.dt, author: m.author, public: m.public })) ?? undefined,
        statusHistory: history ?? undefined,
        team: r.team,
      };
    });
  const missingCreated = fc.constant<TicketRow>({ createdAt: null, resolvedAt: BASE });
  if (!invalid) return fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: missingCreated });
  const bad = fc.constantFrom<TicketRow>(
    { createdAt: "not a date" },
    { createdAt: BASE, resolvedAt: BASE - 1 },
    { createdAt: BASE, firstResponseAt: BASE - H },
    { createdAt: BASE, reopens: -1 },
    { createdAt: BASE, status: "escalated" },
    { createdAt: BASE, statusHistory: [{ status: "open", at: BASE + H }, { status: "pending", at: BASE }] },
    { createdAt: BASE, messages: [{ at: BASE, author: "robot" }] },
    { createdAt: 1e17 },
  );
  return fc.oneof({ weight: 10, arbitrary: valid }, { weight: 1, arbitrary: missingCreated }, { weight: 2, arbitrary: bad });
}

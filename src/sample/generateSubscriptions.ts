import { InvalidOptionError } from "../errors.ts";
import { seededRandom } from "./seededRandom.ts";

/** Plans of the sample: name and monthly price. */
export const SAMPLE_PLANS: readonly { name: string; mrr: number; share: number; monthlyChurn: number }[] = [
  { name: "basic", mrr: 29, share: 0.55, monthlyChurn: 0.05 },
  { name: "pro", mrr: 99, share: 0.35, monthlyChurn: 0.03 },
  { name: "business", mrr: 299, share: 0.1, monthlyChurn: 0.018 },
];

/** Cancellation reasons of the sample and their shares among cancellations that give one. */
export const SAMPLE_CHURN_REASONS: readonly { reason: string; share: number }[] = [
  { reason: "too expensive", share: 0.3 },
  { reason: "no longer needed", share: 0.18 },
  { reason: "missing features", share: 0.16 },
  { reason: "switched to a competitor", share: 0.14 },
  { reason: "technical issues", share: 0.12 },
  { reason: "poor support", share: 0.1 },
];

/** Options of {@link generateSubscriptions}. */
export interface SubscriptionSampleOptions {
  /** Seed of the generator. Default 1. */
  seed?: number;
  /** Customers (one or more subscriptions each, never overlapping). Default 5000. */
  customers?: number;
  /** Start of the two years over which customers sign up (epoch ms). Default 2023-01-01 UTC. */
  from?: number;
  /** Observation end (epoch ms): nothing happens after it. Default from + 2 years. */
  asOf?: number;
  /** Relative rise of every churn hazard from `from` to `asOf` (0.4 = 40% more churn by the end). Default 0.4. */
  churnDrift?: number;
  /** Share of cancellations without a reason. Default 0.08. */
  missingReason?: number;
  /** Also build MRR change events (new, expansions, contractions, churn). Default true. */
  mrrEvents?: boolean;
}

/** One sample subscription; instants are epoch ms (UTC), `end` null while active. */
export interface SampleSubscription {
  customerId: number;
  plan: string;
  start: number;
  end: number | null;
  reason: string | null;
  /** MRR at the start. */
  mrr: number;
}

/** One sample MRR change: the customer's MRR from `at` on (0 = cancelled). */
export interface SampleMrrEvent {
  customerId: number;
  at: number;
  mrr: number;
}

const DAY = 86_400_000;
const MONTH = 30.436875 * DAY;

/**
 * A seeded sample of subscriptions for examples, the report and benchmarks: customers sign up evenly over two
 * years on three plans (12% of those who cancel come back 1-9 months later with a new subscription); each month a customer churns with their plan's hazard x a personal frailty (log-normal,
 * sd 0.8, mean 1: the cohort's retention improves with tenure, as the sBG model expects) x a calendar drift; survivors expand
 * (3% a month, +20..60%) or contract (1.5% a month, -10..40%). Cancellations carry a reason with realistic shares,
 * some none. Same seed, same sample on every runtime. O(customers x months).
 *
 *   hazard(customer, month) = min(0.95, planChurn x frailty x (1 + churnDrift x (t - from) / (asOf - from)))
 *
 * @param options seed, customers, from, asOf, churnDrift, missingReason, mrrEvents
 * @returns subscriptions and MRR events (in time order per customer)
 * @example
 * generateSubscriptions({ seed: 1, customers: 3 }).subscriptions.length // => 3 (or more, with returning customers)
 * @see SAMPLE_PLANS, SAMPLE_CHURN_REASONS
 */
export function generateSubscriptions(options: SubscriptionSampleOptions = {}): { subscriptions: SampleSubscription[]; events: SampleMrrEvent[] } {
  const count = options.customers ?? 5000;
  if (!Number.isSafeInteger(count) || count < 0) throw new InvalidOptionError("generateSubscriptions", "customers", `is ${JSON.stringify(count)}, expected an integer >= 0`);
  const from = options.from ?? Date.UTC(2023, 0, 1);
  const asOf = options.asOf ?? from + 2 * 365.2425 * DAY;
  if (!(asOf > from)) throw new InvalidOptionError("generateSubscriptions", "asOf", "must be after from");
  const drift = options.churnDrift ?? 0.4;
  const missingReason = options.missingReason ?? 0.08;
  const withEvents = options.mrrEvents ?? true;
  const rng = seededRandom(options.seed ?? 1);
  const planWeights = SAMPLE_PLANS.map((p) => p.share);
  const reasonWeights = SAMPLE_CHURN_REASONS.map((r) => r.share);
  const events: SampleMrrEvent[] = [];
  const subscriptions: SampleSubscription[] = [];
  for (let id = 0; id < count; id++) {
    const frailty = Math.exp(0.8 * rng.normal() - 0.32);
    let start = Math.floor(from + rng.next() * (asOf - from));
    // a customer may come back after cancelling (a new, later subscription: a reactivation in MRR terms)
    while (start < asOf) {
      const plan = SAMPLE_PLANS[rng.pick(planWeights)]!;
      let mrr = plan.mrr;
      if (withEvents) events.push({ customerId: id, at: start, mrr });
      let end: number | null = null;
      let reason: string | null = null;
      for (let t = start + MONTH; t - MONTH < asOf; t += MONTH) {
        const h = Math.min(0.95, plan.monthlyChurn * frailty * (1 + (drift * (t - from)) / (asOf - from)));
        if (rng.next() < h) {
          // cancelled some time in this month of tenure
          const e = Math.floor(t - rng.next() * MONTH);
          if (e >= asOf) break;
          end = e;
          reason = rng.next() < missingReason ? null : SAMPLE_CHURN_REASONS[rng.pick(reasonWeights)]!.reason;
          if (withEvents) events.push({ customerId: id, at: end, mrr: 0 });
          break;
        }
        if (!withEvents || t >= asOf) continue;
        const v = rng.next();
        if (v < 0.03) mrr = Math.round(mrr * (1.2 + 0.4 * rng.next()) * 100) / 100;
        else if (v < 0.045) mrr = Math.round(mrr * (0.6 + 0.3 * rng.next()) * 100) / 100;
        else continue;
        events.push({ customerId: id, at: Math.floor(t), mrr });
      }
      subscriptions.push({ customerId: id, plan: plan.name, start, end, reason, mrr: plan.mrr });
      if (end === null || rng.next() >= 0.12) break;
      start = Math.floor(end + (1 + 8 * rng.next()) * MONTH);
    }
  }
  return { subscriptions, events };
}

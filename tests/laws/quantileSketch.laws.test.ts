import fc from "fast-check";
import { quantileSketchAggregator } from "../../src/stats/quantileSketch.ts";
import { checkAggregatorLaws } from "./lawSuite.ts";

/** Values of every sign and size: zero, -0, tiny and huge magnitudes, subnormals, and ordinary durations. */
const values = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }) },
  { weight: 3, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.constantFrom(0, -0, 1e-300, -1e-300, 5e-324, -5e-324, 1e300, -1e300, 1.7976931348623157e308, -1.7976931348623157e308, 1, -1, 3_600_000) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 30 * 86_400_000 }) },
);
const missing = fc.constantFrom(null, undefined, Number.NaN);
const invalid = fc.constantFrom<unknown>(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "12", {}, true, [], 10n);

checkAggregatorLaws("quantile-sketch (small exactLimit: exact and sketch modes)", {
  make: () => quantileSketchAggregator<unknown>({ exactLimit: 5 }),
  input: fc.oneof({ weight: 10, arbitrary: values }, { weight: 1, arbitrary: missing }),
  other: () => quantileSketchAggregator<unknown>({ exactLimit: 5, relativeAccuracy: 0.02 }),
  tolerance: 1e-9,
});

checkAggregatorLaws("quantile-sketch (invalid counted, always buckets, few buckets so the lowest collapse)", {
  make: () => quantileSketchAggregator<unknown>({ exactLimit: 0, maxBuckets: 64, onInvalid: "count" }),
  input: fc.oneof({ weight: 10, arbitrary: values }, { weight: 1, arbitrary: missing }, { weight: 2, arbitrary: invalid }),
  other: () => quantileSketchAggregator<unknown>({ exactLimit: 0, maxBuckets: 65, onInvalid: "count" }),
  tolerance: 1e-9,
});

checkAggregatorLaws("quantile-sketch (default options, records through an accessor)", {
  make: () => quantileSketchAggregator<{ d: unknown }>({ value: (r) => r.d, onInvalid: "count" }),
  input: fc.record({ d: fc.oneof({ weight: 10, arbitrary: values }, { weight: 1, arbitrary: missing }, { weight: 1, arbitrary: invalid }) }),
  other: () => quantileSketchAggregator<{ d: unknown }>({ value: (r) => r.d, exactLimit: 1023, onInvalid: "count" }),
  tolerance: 1e-9,
});

import { cdnowSample } from "./cdnowSample.ts";

/**
 * The data sets shipped with cx-metrics, as functions that decode on call: `datasets.cdnow()` is
 * {@link cdnowSample}. Importing `datasets` brings every data set into a bundle; import `cdnowSample` alone to
 * carry only that one. Bundles that import neither carry none (the package has no side effects).
 *
 * @example
 * datasets.cdnow().length // => 6919
 * @see cdnowSample
 */
export const datasets: { readonly cdnow: typeof cdnowSample } = { cdnow: cdnowSample };

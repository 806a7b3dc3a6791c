/**
 * A builder that runs on first use and returns the same value ever after, so that importing `cx-metrics/schemas`
 * builds no zod schema until one is asked for (internal to src/schemas/).
 *
 * @example
 * const schema = once(() => z.string());
 * schema() === schema() // => true
 */
/* @__NO_SIDE_EFFECTS__ */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return (): T => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

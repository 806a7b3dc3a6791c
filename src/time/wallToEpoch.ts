const DAY = 86_400_000;

/**
 * The instant of a wall-clock time in a zone, with Temporal's `"compatible"` disambiguation:
 * a wall time that exists twice (clocks set back) is the earlier of its two instants, and one that does not exist
 * (clocks set forward, a gap) is read with the offset in force before the gap, i.e. moved forward by the gap's
 * length (02:30 on the night Berlin springs forward is 03:30 CEST).
 *
 *   e = offset(wall - 1 day), l = offset(wall + 1 day)          (wall written as if it were UTC)
 *   candidates wall - e and wall - l, kept when offset(candidate) is the offset used;
 *   two kept: the earlier; one: it; none (a gap): wall - e
 *
 * Like Temporal it assumes at most one offset change within a day either side of the wall time. O(1): at most
 * four offset reads.
 *
 * @param wall the wall time as epoch ms of the same fields read in UTC (Date.UTC(y, m, d, h, min))
 * @param offset the zone's offset reader (ms east of UTC at an instant)
 * @returns epoch ms
 * @example
 * wallToEpoch(Date.UTC(2024, 9, 27, 2, 30), zoneOffsetReader("Europe/Berlin")) // => Date.UTC(2024, 9, 27, 0, 30) (02:30 CEST)
 * @see https://tc39.es/proposal-temporal/#sec-temporal-getpossibleepochnanoseconds and DisambiguatePossibleEpochNanoseconds
 */
export function wallToEpoch(wall: number, offset: (t: number) => number): number {
  const e = offset(wall - DAY);
  const l = offset(wall + DAY);
  if (e === l) return wall - e;
  const early = wall - e;
  const late = wall - l;
  const earlyOk = offset(early) === e;
  const lateOk = offset(late) === l;
  if (earlyOk && lateOk) return Math.min(early, late);
  if (earlyOk) return early;
  if (lateOk) return late;
  return wall - e;
}

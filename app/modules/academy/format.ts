import { formatLongDay } from "~/utils/dates.ts";

/** Dates as the Academy shows them (UTC, so server and browser render the same text). */
export function formatIssued(date: Date | string) {
  return formatLongDay(date);
}

/** Dates as the Academy shows them (UTC, so server and browser render the same text). */
export function formatIssued(date: Date | string) {
  return new Date(date).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

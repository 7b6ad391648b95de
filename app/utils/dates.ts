/**
 * Every date the app shows goes through here, so staff, learners and customers
 * read one format: British day-month order with the month as a word
 * ("6 Jan 2030"), which no reader can take for another day (decision 027).
 *
 * Always UTC: the server and the browser then render the same text (no
 * hydration mismatch in another timezone), and calendar days stored at UTC
 * midnight stay on their day. The Intl formatters are built once: a
 * `toLocaleString(locale, options)` call builds a new formatter each time, which
 * cost several milliseconds per page on tables of dates.
 */
const LOCALE = "en-GB";
const day = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const dayOfMonth = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short", timeZone: "UTC" });
const month = new Intl.DateTimeFormat(LOCALE, { month: "short", year: "numeric", timeZone: "UTC" });
const longMonth = new Intl.DateTimeFormat(LOCALE, { month: "long", year: "numeric", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const dateTimeSeconds = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

type DateLike = Date | string | number;

/** "22 Nov 2026" */
export const formatDay = (date: DateLike) => day.format(new Date(date));
/** "22 November 2026" */
export const formatLongDay = (date: DateLike) => longDay.format(new Date(date));
/** "22 Nov" (chart ticks) */
export const formatDayOfMonth = (date: DateLike) => dayOfMonth.format(new Date(date));
/** "Nov 2026" (chart ticks) */
export const formatMonth = (date: DateLike) => month.format(new Date(date));
/** "November 2026" */
export const formatLongMonth = (date: DateLike) => longMonth.format(new Date(date));
/** "22 Nov 2026, 19:51 UTC" */
export const formatDateTime = (date: DateLike) => `${dateTime.format(new Date(date))} UTC`;
/** "22 Nov 2026, 19:51:07 UTC" */
export const formatDateTimeSeconds = (date: DateLike) => `${dateTimeSeconds.format(new Date(date))} UTC`;
/**
 * ISO forms, for compact lists and admin tables that sort by eye (discussion posts,
 * notes, users, outbox, jobs) and for date inputs' values.
 */
/** "2026-11-22" */
export const formatIsoDay = (date: DateLike) => new Date(date).toISOString().slice(0, 10);
/** "2026-11-22 19:51 UTC" */
export const formatIsoMinute = (date: DateLike) => `${new Date(date).toISOString().slice(0, 16).replace("T", " ")} UTC`;
/** "2026-11-22 19:51:07" (UTC) */
export const formatIsoDateTime = (date: DateLike) => new Date(date).toISOString().replace("T", " ").slice(0, 19);

/** A calendar day that may be missing or invalid: `null` then, for the caller's own words ("Not set yet"). */
export function formatOptionalDay(date: DateLike | null | undefined): string | null {
  if (date === null || date === undefined || date === "") return null;
  const d = new Date(date);
  return Number.isNaN(d.getTime()) ? null : day.format(d);
}

/** "6 Jan 2030 to 6 Feb 2030", "from 6 Jan 2030", "until …" or "no dates set". */
export function formatRange(start: DateLike | null, end: DateLike | null) {
  if (start && end) return `${formatDay(start)} to ${formatDay(end)}`;
  if (start) return `from ${formatDay(start)}`;
  if (end) return `until ${formatDay(end)}`;
  return "no dates set";
}

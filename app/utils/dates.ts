/**
 * Date formatting for pages, with the Intl formatters built once: a
 * `toLocaleString(locale, options)` call builds a new formatter each time, which
 * cost several milliseconds per page on tables of dates. Always UTC.
 */
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const dateTimeSeconds = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

type DateLike = Date | string | number;

/** "22 Nov 2026" */
export const formatDay = (date: DateLike) => day.format(new Date(date));
/** "22 November 2026" */
export const formatLongDay = (date: DateLike) => longDay.format(new Date(date));
/** "22 Nov 2026, 19:51 UTC" */
export const formatDateTime = (date: DateLike) => `${dateTime.format(new Date(date))} UTC`;
/** "22 Nov 2026, 19:51:07 UTC" */
export const formatDateTimeSeconds = (date: DateLike) => `${dateTimeSeconds.format(new Date(date))} UTC`;

// French wording of dates, numbers and plurals, through Intl only (no locale data bundled).

const LOCALE = "fr-FR";

const dayFormat = new Intl.DateTimeFormat(LOCALE, {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const monthFormat = new Intl.DateTimeFormat(LOCALE, {
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const shortMonthFormat = new Intl.DateTimeFormat(LOCALE, {
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const numberFormat = new Intl.NumberFormat(LOCALE);
const pluralRules = new Intl.PluralRules(LOCALE);

/** A `YYYY-MM-DD` API date as a UTC date (the API's dates carry no time zone). */
export function parseDay(day: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${day}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** « 29 mars 2022 » */
export function formatDay(day: string): string {
  return dayFormat.format(parseDay(day));
}

/** « mars 2022 » */
export function formatMonth(day: string): string {
  return monthFormat.format(parseDay(day));
}

/** « mars 2022 » shortened for axes: « mars 2022 », « janv. 2020 » */
export function formatShortMonth(day: string): string {
  return shortMonthFormat.format(parseDay(day));
}

/** « 1 234 » with the French narrow no-break space. */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/**
 * A count and its noun, agreed: French puts 0 and 1 in the singular.
 * `plural(2, "comité", "comités")` → « 2 comités ».
 */
export function plural(count: number, one: string, other: string): string {
  const form = pluralRules.select(count) === "one" ? one : other;
  return `${formatNumber(count)} ${form}`;
}

/** Today as `YYYY-MM-DD` in UTC, the API's notion of a day. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `since` (a `YYYY-MM-DD` day) to `until` (today by default). */
export function daysBetween(since: string, until: string = today()): number {
  return Math.round((parseDay(until).getTime() - parseDay(since).getTime()) / 86_400_000);
}

/** « depuis 12 jours », « depuis aujourd’hui » */
export function waited(since: string, until: string = today()): string {
  const days = daysBetween(since, until);
  return days <= 0 ? "depuis aujourd’hui" : `depuis ${plural(days, "jour", "jours")}`;
}

const timeFormat = new Intl.DateTimeFormat(LOCALE, {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});

/** « 09:30 », an instant's time in Paris (where the network meets). */
export function formatTime(instant: string): string {
  return timeFormat.format(new Date(instant));
}

const percentFormat = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 0 });

/** « 12 % » for a rate from 0 to 1; « — » when there is none. */
export function formatPercent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "—" : percentFormat.format(rate);
}

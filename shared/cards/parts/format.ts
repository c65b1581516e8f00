/** Dates and money as people in UK councils read them; times in UK local time, whatever the server's zone. */
const UK_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const UK_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });

/** `3 Dec 2026`. */
export const formatDate = (instant: string) => UK_DATE.format(new Date(instant));

/** `3 Dec 2026, 14:05` (UK time). */
export const formatDateTime = (instant: string) => {
  const at = new Date(instant);
  return `${UK_DATE.format(at)}, ${UK_TIME.format(at)}`;
};

const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const WHOLE_POUNDS = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'GBP',
  maximumFractionDigits: 0,
  minimumFractionDigits: 0,
});

/** Pounds for people: £1,234.50. */
export const formatPounds = (pence: number) => POUNDS.format(pence / 100);

/** Whole pounds, as the business plan prints bids: £195,068. */
export const formatWholePounds = (pounds: number) => WHOLE_POUNDS.format(pounds);

/** `2020-21` as the plan prints it: 2020/21. */
export const formatFinancialYear = (year: string) => year.replace('-', '/');

/** `1 of 3`, `2 days`: a count with its noun, singular or plural. */
export const countOf = (count: number, singular: string, plural = `${singular}s`) =>
  `${count} ${count === 1 ? singular : plural}`;

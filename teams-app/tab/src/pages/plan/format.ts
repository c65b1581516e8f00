/** Amounts as the plan prints them: whole pounds, en-GB. */
const wholePounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
/** Licence costs, which are in pence: pounds and pence, en-GB. */
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const count = new Intl.NumberFormat('en-GB');

export const formatGbp = (amount: number | null | undefined) => (amount == null ? '' : wholePounds.format(amount));
export const formatPence = (pence: number | null | undefined) => (pence == null ? '' : pounds.format(pence / 100));
export const formatCount = (value: number) => count.format(value);

/** `2020-21` as the plan writes it, `2020/21`. */
export const yearLabel = (year: string) => year.replace('-', '/');

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });
export const formatDateTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '');
export const formatDate = (iso: string | null | undefined) => (iso ? dateOnly.format(new Date(iso)) : '');

/**
 * UK local time (Europe/London, GMT in winter and BST in summer) for the outage log: people write times as the
 * clock on the wall showed them, and incidents are stored as UTC instants.
 */
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export type UkClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The wall-clock time in the UK at an instant. */
export function ukClock(at: Date): UkClock {
  const parts = Object.fromEntries(LONDON.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/**
 * The instant a UK wall-clock time names, or null when the fields are no real date and time. In the hour the
 * clocks go back the earlier (BST) reading is taken; a time skipped when they go forward is read as GMT.
 */
export function fromUkClock(clock: Omit<UkClock, 'second'> & { second?: number }): Date | null {
  const { year, month, day, hour, minute, second = 0 } = clock;
  const naive = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    naive.getUTCFullYear() !== year ||
    naive.getUTCMonth() !== month - 1 ||
    naive.getUTCDate() !== day ||
    naive.getUTCHours() !== hour ||
    naive.getUTCMinutes() !== minute ||
    naive.getUTCSeconds() !== second
  ) {
    return null;
  }
  // The UK is either on GMT or an hour ahead (BST): try the BST reading first, then GMT.
  for (const candidate of [naive.getTime() - 60 * 60_000, naive.getTime()]) {
    const back = ukClock(new Date(candidate));
    if (back.day === day && back.hour === hour && back.minute === minute) return new Date(candidate);
  }
  return naive;
}

/** Midnight UK time at the start of a calendar day (`2019-09-03`). */
export function startOfUkDay(isoDate: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  return fromUkClock({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour: 0, minute: 0 });
}

/** The calendar day after a `YYYY-MM-DD` day. */
export function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Reads a time as people write it in an outage log: ISO 8601 with an offset or Z (taken as it is), or a UK
 * wall-clock time as `2019-09-03 16:30`, `2019-09-03T16:30` or `03/09/2019 16:30` (seconds optional). Null when
 * it is none of these or names no real time.
 */
export function parseUkTime(text: string): Date | null {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  const fields = iso
    ? { year: iso[1], month: iso[2], day: iso[3], hour: iso[4], minute: iso[5], second: iso[6] }
    : uk
      ? { year: uk[3], month: uk[2], day: uk[1], hour: uk[4], minute: uk[5], second: uk[6] }
      : null;
  if (!fields) return null;
  return fromUkClock({
    year: Number(fields.year),
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second ?? 0),
  });
}

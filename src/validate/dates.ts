// Dates and epochs in a timestamp column → epoch seconds, read from the bytes (ISO 8601 and digit
// runs on the hot path, other common date-time text by pattern). One implementation for the fixer
// (src/fix: it converts them) and the validator's messages (hints.ts: "It is a date: in epoch
// seconds …"). No string is made for ISO 8601 or an epoch.

/** days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil) */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** the result of reading a timestamp: epoch seconds, and whether the text named its zone */
export interface TimeRead {
  seconds: number;
  /** the text had a date but no zone: read as UTC */
  assumedUtc: boolean;
  kind: 'date' | 'ms' | 'us' | 'ns' | 'fraction' | 'serial';
}

/** what the last `readTimestamp` read (one object, reused: the hot path allocates nothing) */
export const timeRead: TimeRead = { seconds: 0, assumedUtc: false, kind: 'date' };

function got(seconds: number, assumedUtc: boolean, kind: TimeRead['kind']): number {
  timeRead.seconds = seconds;
  timeRead.assumedUtc = assumedUtc;
  timeRead.kind = kind;
  return seconds;
}

function digitsAt(b: Uint8Array, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = b[i + k] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * A timestamp that is not already epoch seconds → epoch seconds; undefined when it is not a form we
 * read without guessing. Fast path: ISO 8601 (`YYYY-MM-DD[T ]hh:mm[:ss[.f…]][Z|±hh[:mm]| UTC]`) and
 * digit runs (ms, µs, ns) straight from the bytes; anything else goes through `parseDateText`.
 * Returns the seconds (NaN: not readable); `timeRead` has the details.
 */
export function readTimestamp(b: Uint8Array, s: number, e: number): number {
  const n = e - s;
  // all digits: an epoch in ms / µs / ns (the validator flags ≥ 1e11)
  let i = s;
  const neg = b[i] === 45;
  if (neg) i++;
  let allDigits = i < e;
  let dot = -1;
  for (let k = i; k < e; k++) {
    const c = b[k];
    if (c === 46 && dot < 0) dot = k;
    else if (c < 48 || c > 57) {
      allDigits = false;
      break;
    }
  }
  if (allDigits) {
    const end = dot < 0 ? e : dot;
    const digits = end - i;
    if (digits === 0 || (dot >= 0 && dot === e - 1)) return NaN;
    let v = 0;
    for (let k = i; k < end; k++) v = v * 10 + (b[k] - 48);
    if (neg) v = -v;
    const a = Math.abs(v);
    if (a < 1e11) {
      if (dot < 0) return NaN;
      // 45000.5208: a spreadsheet's date and time as a number (Excel's serial date), not seconds in 1970
      const serial = excelSerial(b, s, e);
      return serial === serial ? got(serial, true, 'serial') : got(Math.floor(v), false, 'fraction');
    }
    if (a < 1e14) return got(Math.floor(v / 1e3), false, 'ms');
    if (a < 1e17) return got(Math.floor(v / 1e6), false, 'us');
    if (digits <= 19) return got(Math.floor(v / 1e9), false, 'ns');
    return NaN;
  }
  // ISO 8601 from the bytes
  if (n >= 10 && b[s + 4] === 45 && b[s + 7] === 45) {
    const y = digitsAt(b, s, 4);
    const mo = digitsAt(b, s + 5, 2);
    const d = digitsAt(b, s + 8, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NaN;
    let h = 0;
    let mi = 0;
    let sec = 0;
    let k = s + 10;
    if (k < e && (b[k] === 84 || b[k] === 32 || b[k] === 116)) {
      k++;
      if (k + 5 > e || b[k + 2] !== 58) return slow(b, s, e);
      h = digitsAt(b, k, 2);
      mi = digitsAt(b, k + 3, 2);
      k += 5;
      if (k + 3 <= e && b[k] === 58) {
        sec = digitsAt(b, k + 1, 2);
        k += 3;
        if (k < e && (b[k] === 46 || b[k] === 44)) {
          k++;
          while (k < e && b[k] >= 48 && b[k] <= 57) k++;
        }
      }
      if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60 || k > e) return NaN;
      if (sec === 60) sec = 59;
    }
    let offset = 0;
    let zoned = false;
    if (k < e) {
      const c = b[k];
      if ((c === 90 || c === 122) && k + 1 === e) {
        zoned = true;
      } else if (c === 43 || c === 45) {
        const r = zoneOffset(b, k, e);
        if (r === undefined) return NaN;
        offset = r;
        zoned = true;
      } else return slow(b, s, e);
    }
    // exports are mostly in time order: the day of the last row is usually this row's too
    const key = y * 10000 + mo * 100 + d;
    if (key !== lastDay) {
      lastDay = key;
      lastDays = daysFromCivil(y, mo, d);
    }
    return got(lastDays * 86400 + h * 3600 + mi * 60 + sec - offset, !zoned, 'date');
  }
  return slow(b, s, e);
}

let lastDay = -1;
let lastDays = 0;

/**
 * Excel's serial dates (its 1900 date system, which Windows and today's Mac Excel write, as do Google
 * Sheets and LibreOffice): days since 1899-12-30, the time of day as the fraction. A date cell
 * formatted as General or Number is saved so in a CSV: 45000.5208333333 is 2023-03-15 12:30. Read
 * only from SERIAL_MIN (1970-01-01) to before SERIAL_END (2100-01-01): five digits, which as epoch
 * seconds are a time on 1 January 1970 (07:06 to 20:17), no event's real time.
 */
export const SERIAL_MIN = 25569;
export const SERIAL_END = 73051;

/**
 * b[s..e) as an Excel serial date (`ddddd` or `ddddd.f…`, SERIAL_MIN ≤ ddddd < SERIAL_END) → epoch
 * seconds (the fraction's time rounded to the second; no zone: UTC), or NaN for anything else.
 */
export function excelSerial(b: Uint8Array, s: number, e: number): number {
  if (e - s < 5 || (e - s > 5 && b[s + 5] !== 46) || e - s === 6) return NaN;
  const days = digitsAt(b, s, 5);
  if (days < SERIAL_MIN || days >= SERIAL_END) return NaN;
  let frac = 0;
  let scale = 1;
  // (up to 15 digits of the fraction count: a double holds no more; the rest must still be digits)
  for (let k = s + 6; k < e; k++) {
    const d = b[k] - 48;
    if (d < 0 || d > 9) return NaN;
    if (k - s - 6 < 15) {
      frac = frac * 10 + d;
      scale *= 10;
    }
  }
  return (days - SERIAL_MIN) * 86400 + Math.round((frac / scale) * 86400);
}

/** excelSerial of a value's text (for messages): epoch seconds, or undefined */
export function serialDateOf(text: string): number | undefined {
  const b = Buffer.from(text.trim(), 'latin1');
  const v = excelSerial(b, 0, b.length);
  return v === v ? v : undefined;
}

/** `±hh`, `±hhmm`, `±hh:mm` filling b[k..e) → seconds east of UTC */
function zoneOffset(b: Uint8Array, k: number, e: number): number | undefined {
  const sign = b[k] === 45 ? -1 : 1;
  const len = e - k - 1;
  const hh = digitsAt(b, k + 1, 2);
  let mm = 0;
  if (len === 2) mm = 0;
  else if (len === 4) mm = digitsAt(b, k + 3, 2);
  else if (len === 5 && b[k + 3] === 58) mm = digitsAt(b, k + 4, 2);
  else return undefined;
  if (hh < 0 || hh > 14 || mm < 0 || mm > 59) return undefined;
  return sign * (hh * 3600 + mm * 60);
}

function slow(b: Uint8Array, s: number, e: number, order?: DateOrder): number {
  const t = parseDateText(Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('latin1'), order);
  return t === undefined ? NaN : got(t.seconds, t.assumedUtc, t.kind);
}

/** which of day and month a date written in numbers only names first (fix --dates, import --dates) */
export type DateOrder = 'day-first' | 'month-first';
export const DATE_ORDERS: readonly DateOrder[] = ['day-first', 'month-first'];

/**
 * readTimestamp, and with `order` (the user said it: --dates) day and month in numbers too
 * (01.11.2026 10:00 · 11/01/2026): read only after readTimestamp could not, so without an order
 * nothing changes and nothing more is done.
 */
export function readDate(b: Uint8Array, s: number, e: number, order: DateOrder | undefined): number {
  const v = readTimestamp(b, s, e);
  return v === v || order === undefined ? v : slow(b, s, e, order);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(am|pm)?`;
const ZONE = String.raw`(?:\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?|(?:utc|gmt)[+-]\d{1,2}(?::?\d{2})?))?`;
/** 2020/09/13 12:26:40, 2020.09.13 12:26, 2020-09-13 12:26:40 +02:00 */
const YMD = new RegExp(String.raw`^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?:[ T]+${TIME})?${ZONE}$`, 'i');
/** Sun, 13 Sep 2020 12:26:40 GMT · 13-Sep-2020 12:26 · 13 September 2020 */
const DMY_NAMED = new RegExp(String.raw`^(?:[a-z]{3,9},?\s+)?(\d{1,2})[\s-]([a-z]{3,9})\.?[\s,-]+(\d{4})(?:[\s,T]+${TIME})?${ZONE}$`, 'i');
/** 01.11.2026 10:00 · 01/11/2026 · 1-11-2026 8:05 pm: day and month in numbers (which first: --dates), a 4-digit year (2 digits: not read) */
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:(?:\s+|,\s*|T)${TIME})?${ZONE}$`, 'i');
/** Sep 13, 2020 12:26:40 PM · Sun Sep 13 2020 12:26:40 GMT+0000 */
const MDY_NAMED = new RegExp(String.raw`^(?:[a-z]{3,9},?\s+)?([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:[\s,T]+(?:at\s+)?${TIME})?${ZONE}(?:\s*\([^)]*\))?$`, 'i');

/**
 * A two-digit year as ICU reads one in a short date (`yy`): the year ending so within 80 years before
 * and 20 after `now` — 20 is 2020, 99 is 1999 (in 2026).
 */
export function fullYear(yy: number, now: Date = new Date()): number {
  const y = now.getUTCFullYear();
  const full = y - (y % 100) + yy;
  return full > y + 20 ? full - 100 : full < y - 80 ? full + 100 : full;
}

/**
 * Common date-time text that names its month unambiguously (a name, or year first) → epoch seconds.
 * 09/13/2020 vs 13/09/2020 is read only with `order` (the user's --dates): without it, which one it
 * is would be a guess. Years of two digits are not read (which century is a guess too) unless the
 * caller knows the file's writer: `twoDigitYears` (a Magento export's ICU short dates: fullYear).
 */
export function parseDateText(text: string, order?: DateOrder, opts?: { twoDigitYears?: boolean; now?: Date }): TimeRead | undefined {
  const t = text.trim();
  let y: number;
  let mo: number;
  let d: number;
  let rest: (string | undefined)[];
  let m = YMD.exec(t);
  if (m) {
    // m[2] is the separator, the same both times
    [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
    rest = m.slice(5);
  } else if ((m = DMY_NAMED.exec(t))) {
    const month = monthOf(m[2]);
    if (!month) return undefined;
    [y, mo, d] = [Number(m[3]), month, Number(m[1])];
    rest = m.slice(4);
  } else if ((m = MDY_NAMED.exec(t))) {
    const month = monthOf(m[1]);
    if (!month) return undefined;
    [y, mo, d] = [Number(m[3]), month, Number(m[2])];
    rest = m.slice(4);
  } else if (order !== undefined && (m = NUMERIC.exec(t)) && (m[4].length === 4 || opts?.twoDigitYears)) {
    const year = m[4].length === 4 ? Number(m[4]) : fullYear(Number(m[4]), opts?.now);
    [y, mo, d] = order === 'day-first' ? [year, Number(m[3]), Number(m[1])] : [year, Number(m[1]), Number(m[3])];
    rest = m.slice(5);
  } else return undefined;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  const [hs, mis, ss, ampm, zone] = rest;
  let h = hs === undefined ? 0 : Number(hs);
  const mi = mis === undefined ? 0 : Number(mis);
  let sec = ss === undefined ? 0 : Number(ss);
  if (ampm) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
  }
  if (h > 23 || mi > 59 || sec > 60) return undefined;
  if (sec === 60) sec = 59;
  let offset = 0;
  if (zone) {
    const z = zone.toLowerCase().replace(/^(utc|gmt)(?=[+-])/, '');
    if (z !== 'z' && z !== 'utc' && z !== 'gmt') {
      const zm = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
      if (!zm) return undefined;
      const hh = Number(zm[2]);
      const mm = Number(zm[3] ?? 0);
      if (hh > 14 || mm > 59) return undefined;
      offset = (zm[1] === '-' ? -1 : 1) * (hh * 3600 + mm * 60);
    }
  }
  return { seconds: daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset, assumedUtc: !zone, kind: 'date' };
}

function monthOf(name: string): number | undefined {
  const k = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  if (k < 0) return undefined;
  // "Sept", "September", "Sep" — but not "Sepulveda"
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][k];
  const n = name.toLowerCase();
  return full.startsWith(n) || (k === 8 && n === 'sept') ? k + 1 : undefined;
}

/**
 * The date a timestamp value holds, for a message: epoch seconds and whether it named its zone;
 * undefined for anything that is not a date (epoch digits included).
 */
export function dateOf(text: string): { seconds: number; assumedUtc: boolean } | undefined {
  const b = Buffer.from(text.trim(), 'utf8');
  const seconds = readTimestamp(b, 0, b.length);
  return seconds === seconds && timeRead.kind === 'date' ? { seconds, assumedUtc: timeRead.assumedUtc } : undefined;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A date written in numbers only with a 4-digit year (01.11.2026 10:00), as the two orders read it:
 * `dayFirst` / `monthFirst` name the day ("1 November"), undefined where that order gives no date.
 * Undefined for any other value. For the flow's question (which order?) and the messages below.
 */
export function dateReadings(text: string): { date: string; dayFirst?: string; monthFirst?: string } | undefined {
  const m = NUMERIC.exec(text.trim());
  if (!m || m[4].length !== 4) return undefined;
  const y = Number(m[4]);
  const a = Number(m[1]);
  const b = Number(m[3]);
  const valid = (mo: number, d: number) => mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
  const named = (mo: number, d: number) => `${d} ${MONTH_NAMES[mo - 1]}`;
  return { date: `${m[1]}${m[2]}${m[3]}${m[2]}${m[4]}`, ...(valid(b, a) ? { dayFirst: named(b, a) } : {}), ...(valid(a, b) ? { monthFirst: named(a, b) } : {}) };
}

/**
 * Why a date written in numbers only (01.11.2026 10:00) was not read, naming what to pass: without
 * `order`, the two readings and the flag ("01.11.2026 could be 1 November or 11 January: pass --dates
 * day-first or --dates month-first"); with it, that it is no date in that order; a 2-digit year, that
 * it is not read. Undefined for any other value. For messages only (a value already not read).
 */
export function dateOrderHint(text: string, order?: DateOrder): string | undefined {
  const m = NUMERIC.exec(text.trim());
  if (!m) return undefined;
  const date = `${m[1]}${m[2]}${m[3]}${m[2]}${m[4]}`;
  if (m[4].length === 2) return `${date} has a 2-digit year, which is not read (its century would be a guess): write the year with 4 digits`;
  if (order !== undefined) return `${date} is not a date with the ${order === 'day-first' ? 'day' : 'month'} first (--dates ${order})`;
  const { dayFirst, monthFirst } = dateReadings(text)!;
  const pass = 'pass --dates day-first or --dates month-first';
  if (dayFirst && monthFirst) return Number(m[1]) === Number(m[3]) ? `${date} writes day and month in numbers: ${pass} to say which comes first` : `${date} could be ${dayFirst} or ${monthFirst}: ${pass}`;
  if (dayFirst) return `${date} can only be ${dayFirst} (the day first): pass --dates day-first`;
  if (monthFirst) return `${date} can only be ${monthFirst} (the month first): pass --dates month-first`;
  return `${date} is not a date with either the day or the month first`;
}

/** the reason a timestamp value was not read (the fixer's rejects): the value is in front of it */
export function unreadDate(text: string, order?: DateOrder): string {
  const hint = dateOrderHint(text, order);
  return hint ? `is not read without guessing: ${hint}` : 'is not a date or epoch we can read without guessing';
}

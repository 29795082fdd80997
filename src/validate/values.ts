// Values of one column: the column kinds the checker and the fast lane dispatch on, the limits
// Personalize sets, and the byte-level parsers (no strings made for a value that is fine).
import { F_ESCAPE } from '../csv/tokenizer.js';
import type { SchemaField } from './fields.js';

// column kinds
export const K_SKIP = 0;
export const K_STR = 1;
export const K_ID = 2;
export const K_CAT = 3;
export const K_TEXT = 4;
export const K_INT = 5;
export const K_LONG = 6;
export const K_TS = 7;
export const K_FLOAT = 8;
export const K_BOOL = 9;

const ID_FIELDS = new Set(['USER_ID', 'ITEM_ID', 'ACTION_ID']);
const TS_FIELDS = new Set(['TIMESTAMP', 'CREATION_TIMESTAMP', 'EXPIRATION_TIMESTAMP']);
/** EVENT_TYPE values Personalize treats as keywords (the docs list no set; these read as "no value" or collide with reserved field names) */
export const RESERVED_EVENT_TYPES = new Set(['none', 'null', 'nan', 'userid', 'itemid', 'sessionid', 'eventtype', 'timestamp', 'recommendationid', 'impression']);

export const ID_MAX = 256;
export const CATEGORICAL_MAX = 1000;
export const TEXTUAL_MAX = 20000;
export const ANCIENT = 631152000; // 1990-01-01

/** the first (up to) four bytes of [s, e) as one number */
export function head(b: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n >= 4) return b[s] | (b[s + 1] << 8) | (b[s + 2] << 16) | (b[s + 3] << 24);
  let h = 0;
  for (let i = 0; i < n; i++) h |= b[s + i] << (8 * i);
  return h;
}

export function kindOf(f: SchemaField): number {
  switch (f.type) {
    case 'int':
      return K_INT;
    case 'long':
      return TS_FIELDS.has(f.name) ? K_TS : K_LONG;
    case 'float':
    case 'double':
      return K_FLOAT;
    case 'boolean':
      return K_BOOL;
    default:
      if (ID_FIELDS.has(f.name)) return K_ID;
      if (f.textual) return K_TEXT;
      if (f.categorical || f.name === 'IMPRESSION') return K_CAT;
      return K_STR;
  }
}

/** characters (not bytes) of a value: UTF-8 continuation bytes and escape backslashes don't count */
export function charLength(b: Uint8Array, s: number, e: number, flag: number): number {
  let n = 0;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if ((c & 0xc0) !== 0x80) n++;
    if (c === 92 && flag & F_ESCAPE) {
      i++;
    }
  }
  return n;
}

/** optional '-', 1–19 digits; NaN otherwise (the value is exact up to 2^53, enough for the checks) */
export function parseInteger(b: Uint8Array, s: number, e: number): number {
  let i = s;
  let neg = false;
  if (b[i] === 45) {
    neg = true;
    i++;
  }
  if (i === e || e - i > 19) return NaN;
  let v = 0;
  for (; i < e; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  if (v > 9223372036854775807) return NaN;
  return neg ? -v : v;
}

/**
 * [-+]?(digits[.digits?] | .digits)([eE][-+]?digits)?, and finite: 1e400 or 400 digits overflow to
 * Infinity, which Personalize rejects as it rejects "Infinity" (checked only for such values)
 */
export function isFloat(b: Uint8Array, s: number, e: number): boolean {
  let i = s;
  if (b[i] === 45 || b[i] === 43) i++;
  let digits = 0;
  while (i < e && b[i] >= 48 && b[i] <= 57) {
    i++;
    digits++;
  }
  if (i < e && b[i] === 46) {
    i++;
    while (i < e && b[i] >= 48 && b[i] <= 57) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return false;
  let exponent = false;
  if (i < e && (b[i] === 101 || b[i] === 69)) {
    exponent = true;
    i++;
    if (i < e && (b[i] === 45 || b[i] === 43)) i++;
    let ed = 0;
    while (i < e && b[i] >= 48 && b[i] <= 57) {
      i++;
      ed++;
    }
    if (ed === 0) return false;
  }
  if (i !== e) return false;
  return (!exponent && digits <= MAX_PLAIN_DIGITS) || Number.isFinite(Number(Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('latin1')));
}

/** digits a number without an exponent can have and still be finite for sure (doubles reach 1.8e308) */
export const MAX_PLAIN_DIGITS = 300;

export function isBool(b: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  if (n === 4) return b[s] === 116 && b[s + 1] === 114 && b[s + 2] === 117 && b[s + 3] === 101;
  if (n === 5) return b[s] === 102 && b[s + 1] === 97 && b[s + 2] === 108 && b[s + 3] === 115 && b[s + 4] === 101;
  return false;
}

export function iso(sec: number): string {
  const d = new Date(sec * 1000);
  return Number.isNaN(d.getTime()) ? String(sec) : d.toISOString().replace('.000Z', 'Z');
}

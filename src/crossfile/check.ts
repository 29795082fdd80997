// Cross-file checks: the interactions file against the items and users files, before anything is
// imported. Streaming and bounded: each catalog's IDs go into a compact set sized from its line count
// (id-set.ts, 4 bytes a slot), the interactions are read once and looked up, and only counts, a
// HyperLogLog sketch per count of distinct IDs (src/validate/sketch.ts) and the first examples are
// kept. 5 M users and 5 M items take 2 × 33 MB.
//
// Thresholds. The console's data insights (docs: https://docs.aws.amazon.com/personalize/latest/dg/analyzing-data.html,
// "Data insights") say "X% of items in your Items dataset have no interactions in your Item
// interactions dataset, so they might not be recommended" and "X% of users in your Users dataset have
// no interactions …", with the action "check for mismatched IDs between your … datasets". The page
// names no minimum X, so every X > 0 is reported here, as a warning, as the insight would be (a
// catalog with some cold items is normal: never an error). Interactions whose ID is absent from the
// catalog have no console insight (the console only sees datasets already imported); any of them is
// a warning too. A detector (variants.ts) is named the *likely cause* when it recovers at least half
// of the interactions whose ID is absent (a systematic format difference, not a few deleted items);
// one that recovers fewer is still listed, as a partial cause.
import { hashWords, wordsLow } from '../validate/hash.js';
import { SKETCH_REGISTERS, sketchAdd, sketchEstimate } from '../validate/sketch.js';
import { idFieldOf } from '../schema/names.js';
import { IdSet } from './id-set.js';
import { countLines, LineReader } from './lines.js';
import { CatalogShape, variantsOf, type VariantKind } from './variants.js';
import { withCommas } from '../core/with-commas.js';

export interface CrossSource {
  /** shown in messages (a file name) */
  name: string;
  /** a fresh stream of the file's bytes each call (a catalog is read two or three times) */
  open(): Promise<AsyncIterable<Uint8Array>> | AsyncIterable<Uint8Array>;
}

export interface CrossFileInput {
  interactions: CrossSource;
  items?: CrossSource;
  users?: CrossSource;
  signal?: AbortSignal;
  /** examples kept per finding (default 5) */
  examples?: number;
}

export interface Example {
  id: string;
  line: number;
}

export interface CatalogSummary {
  file: string;
  /** the ID column's name in the header */
  column: string;
  /** data lines with an ID */
  rows: number;
  distinct: number;
  /** IDs repeated in the file */
  repeats: number;
  /** distinct IDs no interaction mentions */
  withoutInteractions: number;
  /** withoutInteractions / distinct */
  withoutInteractionsShare: number;
  /** first IDs no interaction mentions, with their lines */
  examples: Example[];
}

export interface Cause {
  kind: VariantKind;
  /** interactions (rows) whose ID is found in the catalog spelled this way */
  rows: number;
  /** ≈ distinct IDs recovered (HyperLogLog) */
  distinct: number;
  /** share of the absent-ID interactions it recovers */
  shareOfMissing: number;
  /** at least half of them: the likely cause */
  likely: boolean;
  /** the first one: the interactions' ID, as the catalog spells it, its line in the interactions file */
  example: { id: string; as: string; how: string; line: number };
}

export interface MissingSummary {
  field: 'ITEM_ID' | 'USER_ID';
  /** the catalog file */
  catalog: string;
  /** interactions whose ID is absent from the catalog */
  rows: number;
  /** rows / interactions with a value in the field */
  share: number;
  /** ≈ distinct absent IDs (HyperLogLog, ±0.8 %) */
  distinct: number;
  examples: Example[];
  /** the detectors that recover some, most first */
  causes: Cause[];
}

export interface CrossFinding {
  code: 'CROSS_ITEMS_MISSING' | 'CROSS_USERS_MISSING' | 'CROSS_ITEMS_UNUSED' | 'CROSS_USERS_UNUSED' | 'CROSS_ID_FORMAT';
  severity: 'warning';
  message: string;
  file: string;
  line?: number;
  count: number;
}

export interface CrossFileReport {
  interactions: { file: string; rows: number; userColumn?: string; itemColumn?: string };
  items?: CatalogSummary;
  users?: CatalogSummary;
  missingItems?: MissingSummary;
  missingUsers?: MissingSummary;
  findings: CrossFinding[];
  /** what could not be checked, and why */
  notes: string[];
  /** the thresholds applied, as stated above */
  thresholds: { missingShareAbove: number; withoutInteractionsShareAbove: number; likelyCauseShareOfMissing: number };
  /** bytes held by the ID sets */
  setBytes: number;
}

export const THRESHOLDS = { missingShareAbove: 0, withoutInteractionsShareAbove: 0, likelyCauseShareOfMissing: 0.5 } as const;

const dec = new TextDecoder();
const enc = new TextEncoder();

function columnOf(names: string[], field: 'USER_ID' | 'ITEM_ID'): number {
  const exact = names.indexOf(field);
  if (exact >= 0) return exact;
  return names.findIndex((n) => idFieldOf(n) === field);
}

async function each(source: CrossSource, reader: LineReader, signal?: AbortSignal, afterChunk?: () => void): Promise<void> {
  const stream = await source.open();
  for await (const chunk of stream) {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    reader.push(chunk);
    // before the next read: the source may reuse the chunk's buffer
    afterChunk?.();
  }
  reader.end();
  afterChunk?.();
}

interface Catalog {
  source: CrossSource;
  field: 'USER_ID' | 'ITEM_ID';
  set: IdSet;
  shape: CatalogShape;
  column: string;
  rows: number;
}

async function readCatalog(source: CrossSource, field: 'USER_ID' | 'ITEM_ID', signal: AbortSignal | undefined, notes: string[]): Promise<Catalog | undefined> {
  const lines = await countLines(await source.open());
  const set = new IdSet(lines);
  const shape = new CatalogShape();
  let col = -1;
  let rows = 0;
  const reader = new LineReader(
    {
      header(names) {
        col = columnOf(names, field);
      },
      row(bufs, starts, ends) {
        const s = starts[0];
        if (s < 0 || ends[0] === s) return;
        const b = bufs[0];
        rows++;
        const h1 = hashOf(b, s, ends[0]);
        const h2 = low();
        if (set.add(h1, h2) === 1) shape.add(b, s, ends[0]);
      },
    },
    () => [col],
  );
  await each(source, reader, signal);
  if (col < 0) {
    notes.push(`${source.name} has no ${field} column (header: ${(reader.names ?? []).join(', ')}): not checked against the interactions.`);
    return undefined;
  }
  return { source, field, set, shape, column: reader.names![col], rows };
}

/**
 * The DataView hashWords reads 4 bytes at a time through (indexes relative to b): one kept, for the
 * chunk being read (a WeakMap of them kept every 1 MB chunk alive until a full GC: +40 MB at peak).
 */
let viewFor: Uint8Array | undefined;
let view: DataView | undefined;
function viewOf(b: Uint8Array): DataView {
  if (b !== viewFor) {
    viewFor = b;
    view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  return view!;
}

/** the ID's 64-bit fingerprint, as the validator's hashWords makes it: returns the first half, the second in low() */
function hashOf(b: Uint8Array, s: number, e: number): number {
  return hashWords(viewOf(b), b, s, e);
}
const low = () => wordsLow;

/** the kinds a detector bit stands for (a cache entry is a mask of them) */
const KIND_BITS: VariantKind[] = ['case', 'prefix', 'leading-zeros'];
const CACHE_SLOTS = 4096;

/** per catalog: the interactions that miss it, and the detectors' tallies */
class MissTally {
  rows = 0;
  withValue = 0;
  readonly sketch = new Uint8Array(SKETCH_REGISTERS);
  readonly examples: Example[] = [];
  readonly kinds = new Map<VariantKind, { rows: number; sketch: Uint8Array; example: Cause['example'] }>();
  /**
   * Recent absent IDs → the mask of the kinds that find them (repeats of an absent ID are common):
   * direct-mapped by fingerprint in typed arrays, no object an entry. A Map of strings to arrays
   * lived long enough to be promoted and piled up as old-generation garbage when every interaction
   * missed (a whole file with another prefix): 220 MB peak with 5 M distinct absent IDs.
   */
  private readonly cacheH1 = new Int32Array(CACHE_SLOTS);
  private readonly cacheH2 = new Int32Array(CACHE_SLOTS);
  /** the mask + 1 (0: empty) */
  private readonly cacheMask = new Uint8Array(CACHE_SLOTS);
  /** a variant's bytes, encoded into one reused buffer (and its own view: hashOf's is the chunk's) */
  private varBuf = new Uint8Array(256);
  private varView = new DataView(this.varBuf.buffer);
  private readonly prefixes: string[];
  private readonly widths: number[];

  constructor(readonly cat: Catalog, private readonly keep: number) {
    this.prefixes = cat.shape.topPrefixes();
    this.widths = cat.shape.topWidths();
  }

  private hashVariant(v: string): number {
    if (v.length * 3 > this.varBuf.length) {
      this.varBuf = new Uint8Array(v.length * 3 + 64);
      this.varView = new DataView(this.varBuf.buffer);
    }
    const n = enc.encodeInto(v, this.varBuf).written;
    return hashWords(this.varView, this.varBuf, 0, n);
  }

  miss(b: Uint8Array, s: number, e: number, h1: number, h2: number, line: number): void {
    this.rows++;
    sketchAdd(this.sketch, h1, h2);
    let id: string | undefined;
    if (this.examples.length < this.keep) this.examples.push({ id: (id = dec.decode(b.subarray(s, e))), line });
    const slot = h2 & (CACHE_SLOTS - 1);
    let mask: number;
    if (this.cacheMask[slot] !== 0 && this.cacheH1[slot] === h1 && this.cacheH2[slot] === h2) mask = this.cacheMask[slot] - 1;
    else {
      id ??= dec.decode(b.subarray(s, e));
      mask = 0;
      for (const v of variantsOf(id, this.prefixes, this.widths)) {
        const bit = 1 << KIND_BITS.indexOf(v.kind);
        if (mask & bit) continue;
        const g1 = this.hashVariant(v.id);
        if (this.cat.set.find(g1, low()) < 0) continue;
        mask |= bit;
        // the kind's example: the first ID it recovers (found here, the first time the ID is met)
        if (!this.kinds.has(v.kind)) this.kinds.set(v.kind, { rows: 0, sketch: new Uint8Array(SKETCH_REGISTERS), example: { id, as: v.id, how: v.how, line } });
      }
      this.cacheH1[slot] = h1;
      this.cacheH2[slot] = h2;
      this.cacheMask[slot] = mask + 1;
    }
    for (let k = 0; mask !== 0; k++, mask >>= 1) {
      if ((mask & 1) === 0) continue;
      const t = this.kinds.get(KIND_BITS[k])!;
      t.rows++;
      sketchAdd(t.sketch, h1, h2);
    }
  }

  summary(): MissingSummary {
    const causes: Cause[] = [...this.kinds.entries()]
      .map(([kind, k]) => {
        const shareOfMissing = this.rows ? k.rows / this.rows : 0;
        return { kind, rows: k.rows, distinct: Math.round(sketchEstimate(k.sketch)), shareOfMissing, likely: shareOfMissing >= THRESHOLDS.likelyCauseShareOfMissing, example: k.example };
      })
      .sort((a, b) => b.rows - a.rows);
    return {
      field: this.cat.field, catalog: this.cat.source.name, rows: this.rows, share: this.withValue ? this.rows / this.withValue : 0,
      distinct: Math.round(sketchEstimate(this.sketch)), examples: this.examples, causes,
    };
  }
}

/**
 * The interactions' lookups, a chunk's worth at a time: every home slot is read first (independent
 * loads, so their cache misses overlap, as the validator's BufferedTable does), then each lookup is
 * done in line order (marks, misses and their examples come out as one at a time would give them).
 */
class LookupBatch {
  private static readonly CAP = 8192;
  private n = 0;
  private readonly which = new Uint8Array(LookupBatch.CAP);
  private readonly h1 = new Int32Array(LookupBatch.CAP);
  private readonly h2 = new Int32Array(LookupBatch.CAP);
  private readonly line = new Int32Array(LookupBatch.CAP);
  private readonly start = new Int32Array(LookupBatch.CAP);
  private readonly end = new Int32Array(LookupBatch.CAP);
  private readonly bufs: Uint8Array[] = new Array(LookupBatch.CAP);
  /** keeps the loads from being optimized away */
  touched = 0;

  constructor(private readonly tallies: (MissTally | undefined)[]) {}

  add(k: number, b: Uint8Array, s: number, e: number, h1: number, h2: number, line: number): void {
    const i = this.n;
    this.which[i] = k;
    this.h1[i] = h1;
    this.h2[i] = h2;
    this.line[i] = line;
    this.start[i] = s;
    this.end[i] = e;
    this.bufs[i] = b;
    if (++this.n === LookupBatch.CAP) this.flush();
  }

  flush(): void {
    const n = this.n;
    let x = 0;
    for (let i = 0; i < n; i++) x ^= this.tallies[this.which[i]]!.cat.set.touch(this.h1[i]);
    this.touched ^= x;
    for (let i = 0; i < n; i++) {
      const tally = this.tallies[this.which[i]]!;
      const set = tally.cat.set;
      const slot = set.find(this.h1[i], this.h2[i]);
      if (slot >= 0) set.mark(slot);
      else tally.miss(this.bufs[i], this.start[i], this.end[i], this.h1[i], this.h2[i], this.line[i]);
    }
    this.n = 0;
  }
}

/** the first IDs of a catalog that no interaction mentions, with their lines (a read that stops early) */
async function unmentioned(cat: Catalog, keep: number, signal?: AbortSignal): Promise<Example[]> {
  const out: Example[] = [];
  if (keep === 0 || cat.set.mentioned === cat.set.size) return out;
  let col = -1;
  const seenHere = new IdSet(keep * 4);
  const reader = new LineReader(
    {
      header(names) {
        col = columnOf(names, cat.field);
      },
      row(bufs, starts, ends, line) {
        if (out.length >= keep || starts[0] < 0 || ends[0] === starts[0]) return;
        const h1 = hashOf(bufs[0], starts[0], ends[0]);
        const h2 = low();
        const slot = cat.set.find(h1, h2);
        if (slot >= 0 && !cat.set.isMarked(slot) && seenHere.add(h1, h2) === 1) out.push({ id: dec.decode(bufs[0].subarray(starts[0], ends[0])), line });
      },
    },
    () => [col],
  );
  const stream = await cat.source.open();
  for await (const chunk of stream) {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    reader.push(chunk);
    if (out.length >= keep) break;
  }
  if (out.length < keep) reader.end();
  return out;
}

function pct(x: number): string {
  const p = x * 100;
  return `${p === 0 ? '0' : p < 0.1 ? '< 0.1' : p >= 99.95 && p < 100 ? '> 99.9' : p.toFixed(p < 10 ? 1 : 0)} %`;
}

const fmt = (n: number) => withCommas(n);
const KIND_WORDS: Record<VariantKind, string> = { case: 'a different letter case', prefix: 'a different prefix', 'leading-zeros': 'different leading zeros' };

export async function crossCheck(input: CrossFileInput): Promise<CrossFileReport> {
  const keep = input.examples ?? 5;
  const notes: string[] = [];
  const items = input.items ? await readCatalog(input.items, 'ITEM_ID', input.signal, notes) : undefined;
  const users = input.users ? await readCatalog(input.users, 'USER_ID', input.signal, notes) : undefined;
  const itemMiss = items ? new MissTally(items, keep) : undefined;
  const userMiss = users ? new MissTally(users, keep) : undefined;
  let userCol = -1;
  let itemCol = -1;
  let rows = 0;
  const reader = new LineReader(
    {
      header(names) {
        userCol = columnOf(names, 'USER_ID');
        itemCol = columnOf(names, 'ITEM_ID');
      },
      row(bufs, starts, ends, line) {
        rows++;
        for (let k = 0; k < 2; k++) {
          const tally = k === 0 ? userMiss : itemMiss;
          const s = starts[k];
          if (!tally || s < 0 || ends[k] === s) continue;
          tally.withValue++;
          const b = bufs[k];
          const h1 = hashOf(b, s, ends[k]);
          // an escaped value sits in the reader's own buffer, reused by the next line: a copy waits
          if (reader.owns(b)) batch.add(k, b.slice(s, ends[k]), 0, ends[k] - s, h1, low(), line);
          else batch.add(k, b, s, ends[k], h1, low(), line);
        }
      },
    },
    () => [userCol, itemCol],
  );
  const batch = new LookupBatch([userMiss, itemMiss]);
  await each(input.interactions, reader, input.signal, () => batch.flush());
  const names = reader.names ?? [];
  if (items && itemCol < 0) notes.push(`${input.interactions.name} has no ITEM_ID column: its items are not checked against ${items.source.name}.`);
  if (users && userCol < 0) notes.push(`${input.interactions.name} has no USER_ID column: its users are not checked against ${users.source.name}.`);

  const report: CrossFileReport = {
    interactions: { file: input.interactions.name, rows, ...(userCol >= 0 ? { userColumn: names[userCol] } : {}), ...(itemCol >= 0 ? { itemColumn: names[itemCol] } : {}) },
    findings: [],
    notes,
    thresholds: { ...THRESHOLDS },
    setBytes: (items?.set.bytes ?? 0) + (users?.set.bytes ?? 0),
  };
  const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;
  for (const [cat, tally, colFound] of [[items, itemMiss, itemCol >= 0], [users, userMiss, userCol >= 0]] as const) {
    if (!cat || !tally || !colFound) continue;
    const what = cat.field === 'ITEM_ID' ? 'item' : 'user';
    const summary: CatalogSummary = {
      file: cat.source.name, column: cat.column, rows: cat.rows, distinct: cat.set.size, repeats: cat.set.repeats,
      withoutInteractions: cat.set.size - cat.set.mentioned, withoutInteractionsShare: cat.set.size ? (cat.set.size - cat.set.mentioned) / cat.set.size : 0,
      examples: await unmentioned(cat, keep, input.signal),
    };
    const missing = tally.summary();
    if (cat.field === 'ITEM_ID') {
      report.items = summary;
      report.missingItems = missing;
    } else {
      report.users = summary;
      report.missingUsers = missing;
    }
    if (missing.rows > 0 && missing.share > THRESHOLDS.missingShareAbove) {
      const ex = missing.examples.slice(0, 3).map((e) => `line ${e.line} ${JSON.stringify(e.id)}`).join(', ');
      report.findings.push({
        code: cat.field === 'ITEM_ID' ? 'CROSS_ITEMS_MISSING' : 'CROSS_USERS_MISSING', severity: 'warning', file: input.interactions.name, line: missing.examples[0]?.line, count: missing.rows,
        message: `${plural(missing.rows, 'interaction')} of ${fmt(tally.withValue)} (${pct(missing.share)}) name ${cat.field === 'ITEM_ID' ? 'an' : 'a'} ${cat.field} that ${cat.source.name} does not have (≈ ${plural(missing.distinct, `distinct ${what}`)}); first: ${ex}. Personalize keeps them, but knows nothing of those ${what}s.`,
      });
      for (const c of missing.causes) {
        report.findings.push({
          code: 'CROSS_ID_FORMAT', severity: 'warning', file: input.interactions.name, line: c.example.line, count: c.rows,
          message: `${c.likely ? 'Likely cause' : 'Partly'}: ${cat.field} is written with ${KIND_WORDS[c.kind]} in the two files — ${input.interactions.name} line ${c.example.line} says ${JSON.stringify(c.example.id)}, ${cat.source.name} has ${JSON.stringify(c.example.as)} (${c.example.how}). Writing them alike would recover ${plural(c.rows, 'interaction')} (${pct(c.shareOfMissing)} of those not found, ≈ ${plural(c.distinct, what)}).`,
        });
      }
    }
    if (summary.withoutInteractions > 0 && summary.withoutInteractionsShare > THRESHOLDS.withoutInteractionsShareAbove) {
      const ex = summary.examples.slice(0, 3).map((e) => `line ${e.line} ${JSON.stringify(e.id)}`).join(', ');
      report.findings.push({
        code: cat.field === 'ITEM_ID' ? 'CROSS_ITEMS_UNUSED' : 'CROSS_USERS_UNUSED', severity: 'warning', file: cat.source.name, line: summary.examples[0]?.line, count: summary.withoutInteractions,
        message: `${pct(summary.withoutInteractionsShare)} of the ${what}s in ${cat.source.name} (${fmt(summary.withoutInteractions)} of ${fmt(summary.distinct)}) have no interactions in ${input.interactions.name}${cat.field === 'ITEM_ID' ? ', so they may never be recommended' : ': they get popular items'}; first: ${ex}.`,
      });
    }
  }
  return report;
}

// The fixer's options and results (fixFile, and fixPart for one pass over a source or a part of it).
import type { DatasetType, Domain, ImportMode } from '../core/resources.js';
import type { ValidationReport } from '../validate/types.js';
import type { HeaderPlan } from './header.js';
import type { DateOrder } from './values.js';
import type { NumberFirsts } from './floats.js';

export interface FixOptions {
  /** where the fixed CSV goes (must not be the input) */
  output: string;
  /** where rows that cannot be fixed go; without it, such rows mean the file is not fixed */
  rejects?: string;
  /** column → schema field, for names the fixer cannot tell */
  map?: Record<string, string>;
  dates?: DateOrder; // day and month in numbers (01.11.2026): which comes first (--dates); without it such dates are rejected
  decimal?: 'comma' | 'point'; // the file's decimal mark (--decimal): how a number that reads two ways (1,234 · 1.234) is read
  /** (set by fixFile: decimal-proof.ts) per output column, 1 when its values prove a decimal comma */
  decimalProof?: number[];
  /** (set by fixFile when two threads' parts began with other ones) per output column, the file's first currency symbol and unit (floats.ts) */
  numberFirsts?: NumberFirsts;
  /** (set by fixFile: the copy's TIMESTAMP_SERIAL) output columns whose every value is an Excel serial date (45000 and 45000.5208 written as epoch seconds; serial-dates.ts) */
  serialDates?: string[];
  dropDuplicates?: boolean; dropReturns?: boolean; idDecimals?: string[]; // returns and cancellations set aside; columns whose 13085.0 is written 13085 (set by fixFile: the copy's ID_DECIMAL)
  dropUnknown?: boolean; add?: Record<string, string>; // add: field → a value written in every row, for a field no column holds (--event-type)
  leaveOut?: number[]; anonymousIds?: boolean; jsonItem?: import('./mixpanel.js').JsonItem; // jsonItem: ITEM_ID appended from a key of a JSON column (a Mixpanel export's properties: fill-down.ts); leaveOut: input columns dropped by their places (0-based: of color twice, the other kept, header.ts); anonymousIds: a Segment export's empty user_id given its anonymous_id (fill-down.ts, segment.ts)
  datasetType?: DatasetType;
  domain?: Domain; eventNames?: Record<string, string>; respell?: { names: Record<string, string>; domain?: Domain }; // EVENT_TYPE old → new, exact (--event-names); respell: set by fixFile (event-names.ts)
  mode?: ImportMode;
  /** threads for validating the output (the engine's option; needs the built bundle) */
  workers?: number;
  signal?: AbortSignal;
  now?: Date;
  maxListed?: number; writeHint?: { output?: string; rejects?: string }; // rejects listed in the result (all are counted and written); writeHint: the way forward when a folder cannot be written, for a name no -o / --rejects gave (files.ts create)
  /** a local file at least this big is fixed on two threads when `workers` ≥ 2 (default splitMinBytes(): 64 MiB) */
  parallelMinBytes?: number;
  firstShare?: number; // (tests) the first part's share of a file fixed on two threads (default ½; cut at the next newline)
  setAside?: (line: number) => string | undefined; // rows a pass before the fixer sets aside (a Magento export's store-view rows: store-views.ts): a line's reason
  /** called when the copy is written, before it is validated (timing, a progress phase); on two threads, once both halves are written and validated (the second appended to the first as it was written) */
  onFixed?: () => void;
}

export interface ChangeCount {
  kind: string;
  /** what was done, one line */
  label: string;
  rows: number;
  values: number;
  /** `lines`: the input lines it spans, when more than one */
  example?: { line: number; lines?: number; column?: string; before: string; after: string };
  column?: string; spellings?: Record<string, number>; // one column's change ('missing-marker': its markers as written, how often: markers.ts)
}

export interface FixSummary {
  input: string;
  output: string;
  rejectsFile?: string;
  /** data rows read (header and blank lines excluded) */
  rows: number;
  written: number;
  rejected: number;
  duplicates: number;
  encoding: string;
  separator: string;
  header: { before: string[]; after: string[]; renames: HeaderPlan['renames']; dropped: string[]; keptUnknown: string[]; reordered: boolean };
  changes: ChangeCount[];
  /** dates that named no time zone, read as UTC */
  assumedUtc?: { values: number; example?: ChangeCount['example'] };
  notes: string[];
}

export interface FixResult {
  /** true: the output was written and the validator calls it valid */
  fixed: boolean;
  /** the output's path, when it was written */
  output?: string;
  summary: FixSummary;
  rejects: { count: number; file?: string; listed: { line: number; reason: string }[] };
  /** the validation of the output (line numbers translated to the input's); absent when nothing was written */
  report?: ValidationReport;
  /** why the file could not be fixed at all (a required column missing), when so */
  problem?: string;
}

export type FixProgress = (bytesRead: number, rows: number) => void;

/** one pass over a source (the whole file, or a part of it after its header line) */
export interface PartOptions extends FixOptions {
  /** the files written (temporary names; `output` and `rejects` are the names shown) */
  tmp: string;
  tmpRejects?: string;
  /** the source's first line is the file's header, given again for a later part: not written */
  noHeader?: boolean;
  /** each block of the output once it is written (the header line included), in order: validated as it is written */
  onOutput?: (bytes: Uint8Array) => void;
  /**
   * (a worker thread of fixFile, nothing else to serve) the output written with writeSync on this
   * thread: no hand-off to libuv's thread pool and back for each block, which on a machine with as
   * many cores as busy threads waited for a core to run the write on
   */
  syncWrites?: boolean;
  /**
   * (a worker thread's reader: file.ts) set to the free end of the work buffer each time the next
   * chunk is asked for: the reader may read it straight there (then it is not copied); it says so by
   * clearing `buf`
   */
  readTarget?: { buf?: Uint8Array };
}

export interface PartResult {
  summary: FixSummary;
  listed: { line: number; reason: string }[];
  /** line numbers of the rows not written (rejects, duplicates), ascending */
  dropped: Int32Array;
  problem?: string;
  lines: number; // lines read (the header included)
  twoWays?: number; // numbers that read two ways (1,234) where no decimal mark was known (file.ts then looks for one)
  /** per column, the currency symbol and unit the part's numbers were first written with */
  numberFirsts?: NumberFirsts;
  /** (two threads) the second part's first symbol or unit of a column differs from the first part's: fixed again with `numberFirsts` */
  firstsDiffer?: boolean;
}

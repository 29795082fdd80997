// Catalogue rules for failures that are about the data: an import job's failureReason, and the
// training / recommender messages that are really about what was imported. Core module.
import { bucketIn, captureOf, DOCS, locationIn, S3_WORD, splitList, type Rule } from './entry.js';
import { bucketOfLocation, diagnoseCommand, fixCommand, statusCommand, validateCommand } from './known.js';

export const DATA_RULES: Rule[] = [
  {
    id: 's3-insufficient-privileges',
    title: 'Personalize could not read the data in S3',
    examples: [
      'Insufficient privileges for accessing data in S3',
      'An error occurred (InvalidInputException) when calling the CreateDatasetImportJob operation: Insufficient privileges for accessing data in S3 bucket shop-data.',
    ],
    test: (c) => new RegExp(String.raw`insufficient\s+privileges\s+for\s+accessing\s+data\s+in\s+${S3_WORD}`, 'i').exec(c.msg),
    build: (c) => {
      // (the bucket the message names, else the job's own)
      const said = bucketIn(c.msg);
      const bucket = said ?? bucketOfLocation(c.known.location)?.bucket;
      const b = bucket ?? 'the bucket';
      return {
        cause:
          `Amazon Personalize was refused access to the S3 data${bucket ? ` in ${bucket}` : ''}. Usual causes, most common first: the bucket policy does not allow the service principal ` +
          'personalize.amazonaws.com s3:GetObject and s3:ListBucket; the service role lacks those S3 actions (or does not trust personalize.amazonaws.com); ' +
          'the bucket is encrypted with a customer managed KMS key whose key policy does not let Personalize and the role use it.',
        fix:
          `Add a bucket-policy statement (principal personalize.amazonaws.com, s3:GetObject + s3:ListBucket on ${b} and ${bucket ? `${bucket}/*` : 'bucket/*'}), make sure the ` +
          'role has the same S3 actions and trusts personalize.amazonaws.com, and for a KMS-encrypted bucket grant the key to Personalize and the role. ' +
          'Then create a new import job (a failed job cannot be restarted). ' +
          // (not `access setup` itself: a bucket that does not exist fails with this message too — diagnose checks which, and offers it when it fits)
          `\`${diagnoseCommand(c.known)}\` prints the statements filled in with your bucket and role.`,
        docs: DOCS.bucketPolicy,
        // (data-exists last: a bucket that does not exist is refused with the same message)
        checks: ['bucket-policy', 'role-s3-access', 'role-trust', 'kms', 'bucket-region', 'data-exists'],
        captured: captureOf({ bucket: said }),
      };
    },
  },
  {
    id: 'missing-columns',
    title: 'The CSV header lacks columns the schema requires',
    examples: [
      'Input CSV is missing the following columns: [USER_ID, ITEM_ID, TIMESTAMP]',
      '{"Error": "Personalize.InvalidInputException", "Cause": "Input CSV is missing the following columns: [ITEM_ID]"}',
    ],
    test: (c) => /input\s+csv\s+is\s+missing\s+the\s+following\s+columns?\s*:?\s*(\[[^\]]{0,4000}\]|[^.\n]{1,4000})/i.exec(c.msg),
    build: (c, m) => {
      const cols = splitList(m?.[1] ?? '');
      const list = cols.length ? cols.join(', ') : 'the columns it names';
      const lower = cols.length ? cols.map((x) => x.toLowerCase()).join(',') : 'user_id';
      return {
        cause:
          `The service found no column named ${list} in the first row of the CSV. Most often the header names differ only in case (${lower} where the schema says ${cols.join(',') || 'USER_ID'}): ` +
          'header names must match the schema\'s field names exactly, case included. Otherwise the column really is missing, or a UTF-8 byte-order mark or a different delimiter hides it (the header row is not quoted).',
        fix: `Rename the header to ${list} exactly as the schema spells ${cols.length === 1 ? 'it' : 'them'} (\`${validateCommand(c.known)}\` reports HEADER_CASE for a case-only difference, and \`${diagnoseCommand(c.known)}\` checks the file itself); ` +
          `if the column is really absent, add it or import into a dataset whose schema matches the file. Then upload the file again and create a new import job.`,
        docs: DOCS.csv,
        checks: ['data-valid'],
        captured: captureOf({ columns: cols.join(',') }),
      };
    },
  },
  {
    id: 'value-too-long',
    title: 'A value is longer than the column allows',
    examples: ['Length cannot be more than 256 characters for ITEM_ID'],
    test: (c) => /length\s+cannot\s+be\s+more\s+than\s+([\d,]{1,12})\s+characters?\s+for\s+(?:column\s+|field\s+)?["']?([A-Za-z0-9_]{1,200})/i.exec(c.msg),
    build: (c, m) => {
      const limit = (m?.[1] ?? '').replace(/,/g, '');
      const col = m?.[2] ?? '';
      return {
        cause: `At least one value in ${col} is longer than ${limit} characters. Often no value really is that long: a broken quote (an unescaped " or a missing closing quote) makes the CSV reader swallow several lines into one value.`,
        fix: `Find the rows where ${col} exceeds ${limit} characters (\`${validateCommand(c.known)}\` reports them with line numbers). If they are broken quotes, wrap text values in double quotes and escape " and \\ inside them with a backslash; ` +
          `otherwise shorten the values (IDs ≤ 256 characters, categorical values ≤ 1000 including the | separators).`,
        docs: DOCS.csv,
        checks: ['data-valid'],
        captured: { limit, column: col },
      };
    },
  },
  {
    id: 'invalid-data-location',
    title: 'The data location is not a valid S3 URI',
    examples: ['Invalid Data location.'],
    test: (c) => /invalid\s+data\s+location/i.exec(c.msg),
    build: (c) => {
      const location = locationIn(c.msg);
      return {
        cause: `The job's dataLocation${location ? ` (${location})` : ''} is not a usable S3 URI (it must look like s3://bucket/file.csv, or s3://bucket/folder/ ending with "/" for several files, at most 256 characters).`,
        fix: 'Use s3://BUCKET/KEY for one file or s3://BUCKET/PREFIX/ (trailing slash) for a folder; check the bucket name and key for typos and stray spaces.',
        docs: DOCS.bulk,
        checks: ['data-exists', 'bucket-region'],
        captured: captureOf({ location, bucket: location ? bucketIn(location) : undefined }),
      };
    },
  },
  // The next three are the sandbox's wording (src/sandbox/jobs.ts FAILURE): the service's exact text
  // for a value of the wrong type, an empty required value or a row with too many values is not
  // documented. Without them a job the sandbox failed read "not in the catalogue".
  {
    id: 'bad-value',
    title: 'A value is not of its column\'s type',
    examples: ["Invalid value '1767225600000x' for TIMESTAMP (type long) at line 6."],
    test: (c) => /invalid\s+value\s+'([^\n]{0,200}?)'\s+for\s+([A-Za-z0-9_]{1,200})\s+\(type\s+([a-z]{1,20})\)\s+at\s+line\s+(\d{1,12})/i.exec(c.msg),
    build: (c, m) => {
      const [value, col, type, line] = [m?.[1] ?? '', m?.[2] ?? '', m?.[3] ?? '', m?.[4] ?? ''];
      const time = /TIMESTAMP$/i.test(col);
      return {
        cause: `Line ${line} has '${value}' in ${col}, which the schema types ${type}: the service cannot read it as one${time ? ' (timestamps are Unix epoch seconds, e.g. 1767225600 — not a date text or milliseconds)' : ''}. The first such value fails the whole job.`,
        fix: `Correct ${col} on line ${line} and every other line like it — \`${validateCommand(c.known)}\` lists them all with line numbers, and \`${fixCommand(c.known)}\` rewrites ` +
          `${time ? 'dates and millisecond epochs as epoch seconds' : 'the values it can (numbers, booleans, dates) and sets aside the rows it cannot'} — then upload the file again and create a new import job.`,
        docs: DOCS.csv,
        checks: ['data-valid'],
        captured: captureOf({ column: col, type, line, value }),
      };
    },
  },
  {
    id: 'empty-value',
    title: 'A required value is empty',
    examples: ['CATEGORY cannot be empty (line 3): the schema does not allow null for it.'],
    test: (c) => /\b([A-Za-z0-9_]{1,200})\s+cannot\s+be\s+empty\s+\(line\s+(\d{1,12})\)/i.exec(c.msg),
    build: (c, m) => {
      const [col, line] = [m?.[1] ?? '', m?.[2] ?? ''];
      return {
        cause: `Line ${line} has no value in ${col}, and the schema does not allow null for it (only a field typed as a union with "null" may be empty).`,
        fix: `Fill in ${col} on line ${line} and any other row that leaves it empty (\`${validateCommand(c.known)}\` lists them), or drop those rows; for a metadata column that may really be empty, ` +
          `make the field ["null", …] in a new schema. Then upload the file again and create a new import job.`,
        docs: DOCS.csv,
        checks: ['data-valid'],
        captured: captureOf({ column: col, line }),
      };
    },
  },
  {
    id: 'column-count',
    title: 'A row has more or fewer values than the header',
    examples: ['Line 3 has 2 values but the header has 4 columns.'],
    test: (c) => /\bline\s+(\d{1,12})\s+has\s+(\d{1,6})\s+values?\s+but\s+the\s+header\s+has\s+(\d{1,6})\s+columns?/i.exec(c.msg),
    build: (c, m) => {
      const [line, got, want] = [m?.[1] ?? '', m?.[2] ?? '', m?.[3] ?? ''];
      const more = Number(got) > Number(want);
      return {
        cause: `Line ${line} splits into ${got} values where the header has ${want} columns. ${more ? 'Usually a value holds a comma and is not quoted ("a,b"), or a number is written with a decimal comma (12,50).' : 'Usually a value is missing its comma, or a quoted value runs on to the next line.'}`,
        fix: `Look at line ${line}: ${more ? 'wrap values that contain commas in double quotes, or write decimals with a point' : 'add the missing values (an empty one still needs its comma)'}; \`${fixCommand(c.known)}\` re-quotes the values and sets aside the rows it cannot repair. ` +
          'Then upload the file again and create a new import job.',
        docs: DOCS.csv,
        checks: ['data-valid'],
        captured: captureOf({ line, values: got, columns: want }),
      };
    },
  },
  {
    id: 'too-few-users',
    title: 'Not enough users with repeated interactions',
    examples: ['Dataset has fewer than 25 users with at least 2 interactions each.'],
    test: (c) => /fewer\s+than\s+([\d,]{1,12})\s+users\s+with\s+at\s+least\s+(\d{1,9})\s+interactions?/i.exec(c.msg),
    build: (c, m) => {
      const users = (m?.[1] ?? '25').replace(/,/g, '');
      const per = m?.[2] ?? '2';
      return {
        cause: `The interactions data has fewer than ${users} users with at least ${per} interactions each, the minimum ${/recommender/i.test(c.op) ? 'for a recommender' : 'for training'} — counted after any event-type filter.`,
        fix: `Import more interaction history so that at least ${users} users have ${per} or more interactions (the console's data insights suggest 1,000 users and 50,000 interactions); check that USER_ID values are not all the same or blank, ` +
          `and that the Interactions import is ACTIVE (\`personalize-import history\`). \`${validateCommand(c.known)}\` counts these users before you import.`,
        docs: DOCS.quotas,
        checks: ['data-valid'],
        captured: { users, perUser: per },
      };
    },
  },
  {
    id: 'too-few-interactions-event-type',
    title: 'Not enough interactions of the chosen event type',
    examples: [
      'Dataset has fewer than 1000 interactions after filtering by event type: purchase',
      'An error occurred (InvalidInputException) when calling the CreateSolutionVersion operation: There are not enough interactions with event type Purchase to train.',
    ],
    test: (c) =>
      /fewer\s+than\s+([\d,]{1,12})\s+interactions?\s+after\s+filtering\s+by\s+event\s+types?\s*:?\s*([^\n]{0,200}?)\s*\.?\s*$/i.exec(c.msg) ??
      /(?:not\s+enough|insufficient)\s+(?:interactions?|events?)\s+(?:with|of|for)\s+(?:the\s+)?event\s+type\s*:?\s*["']?([A-Za-z0-9_-]{1,100})/i.exec(c.msg),
    build: (c, m) => {
      const two = m && m.length > 2;
      const n = two ? (m![1] ?? '1000').replace(/,/g, '') : '1000';
      // every type the message lists ("… event type: purchase, add-to-cart"), up to where a sentence
      // around it goes on ("… event type: click — what do we do?" names click)
      const evs = eventTypesIn((two ? m![2] : m?.[1]) ?? '');
      const quoted = evs.map((e) => `"${e}"`).join(evs.length > 2 ? ', ' : ' and ').replace(/, ([^,]*)$/, ', and $1');
      const many = evs.length > 1;
      return {
        cause: `After keeping only EVENT_TYPE ${evs.length ? quoted : '(the chosen type)'}, fewer than ${n} interactions remain — the minimum applies after the event-type filter, not to the whole dataset.`,
        fix: `Import more ${evs.length ? quoted : '"EVENT_TYPE"'} events, or train on all event types (no eventType in the solution config). EVENT_TYPE values are case-sensitive: check that the CSV spells ${evs.length ? `${quoted} exactly so` : 'it exactly so'} ` +
          `(\`${validateCommand(c.known)}\` lists the event types and their counts)${many ? '; the count is of all the listed types together' : ''}.`,
        docs: DOCS.quotas,
        checks: ['data-valid'],
        captured: captureOf({ minimum: n, eventType: evs.join(',') }),
      };
    },
  },
  {
    id: 'too-few-interactions',
    title: 'Fewer than 1000 interaction records',
    examples: ['There are fewer than 1000 interactions in the dataset.'],
    test: (c) => /fewer\s+than\s+([\d,]{1,12})\s+(?:interactions?|interaction\s+records|records)\b|not\s+enough\s+interactions\b(?:[^\n]{0,200}?\bat\s+least\s+([\d,]{1,12}))?/i.exec(c.msg),
    build: (c, m) => {
      const n = (m?.[1] ?? m?.[2] ?? '1000').replace(/,/g, '');
      // ("found 400, at least 1000 are required": how many more the import needs)
      const found = /\bfound\s+([\d,]{1,12})\b/i.exec(c.msg)?.[1].replace(/,/g, '');
      const short = found !== undefined && Number(found) < Number(n) ? Number(n) - Number(found) : undefined;
      return {
        cause: `The Interactions data has ${short !== undefined ? `${found} records, fewer than ${n}` : `fewer than ${n} records`}. Every import into an Interactions dataset (FULL or INCREMENTAL) and every training needs at least ${n}.`,
        fix: `Import at least ${n} interaction records in one file or folder${short !== undefined ? ` (${short} more than this one had)` : ''}; for small daily batches, collect them and import together, or send events with PutEvents.`,
        docs: DOCS.quotas,
        checks: ['data-valid'],
        captured: captureOf({ minimum: n, found }),
      };
    },
  },
  {
    id: 'interactions-import-not-complete',
    title: 'Training started before an import finished',
    examples: ['Dataset group must contain an INTERACTIONS dataset with successfully completed dataset import job'],
    test: (c) => /must\s+contain\s+an?\s+interactions\s+dataset\s+with\s+(?:a\s+)?successfully\s+completed\s+dataset\s+import\s+job/i.exec(c.msg),
    build: (c) => ({
      cause: `${c.op ? `${c.op} was called` : 'A solution version (training) or recommender was started'} while the dataset group had no ACTIVE import into its Interactions dataset.`,
      fix: `Wait until an Interactions import job is ACTIVE (\`${statusCommand(c.known)}\`; \`personalize-import history\` lists them), then start training again.`,
      docs: DOCS.bulk,
      checks: [],
    }),
  },
  {
    // The service's exact wording is not documented; this matches the sandbox's and similar texts.
    id: 'incremental-before-bulk',
    title: 'INCREMENTAL import into a dataset with no bulk data yet (FULL comes first)',
    examples: [
      'Import mode INCREMENTAL is not allowed: the dataset has no data imported in bulk yet. Import it in FULL mode first.',
      'An error occurred (InvalidInputException) when calling the CreateDatasetImportJob operation: INCREMENTAL import mode is only supported after a FULL import.',
    ],
    test: (c) =>
      /\bincremental\b[^\n]{0,200}?\b(?:not\s+(?:allowed|supported|permitted)|no\s+(?:existing\s+)?(?:bulk\s+)?(?:data|records)|full\s+mode\s+first|(?:only\s+(?:supported|allowed)\s+)?after\s+(?:a|an|the)?\s*(?:first\s+)?(?:bulk|full))/i.exec(c.msg) ??
      /\bfull\b[^\n]{0,80}?\b(?:before|first)\b[^\n]{0,80}?\bincremental\b/i.exec(c.msg),
    build: () => ({
      cause: 'An INCREMENTAL import appends to bulk data, and this dataset has had no bulk import yet: FULL is the only mode before a first bulk import.',
      fix: 'Import the data with --mode full first (FULL is the default; it replaces any bulk data, so it is safe on an empty dataset); use INCREMENTAL for later additions.',
      docs: DOCS.bulk,
      checks: [],
    }),
  },
];

/** "purchase, add-to-cart" / "'purchase' and 'click'. What now?" → the event types, in order */
function eventTypesIn(text: string): string[] {
  const head = text.split(/\s+[—–-]\s+|\s*[?!]|\s{2,}/)[0];
  const out: string[] = [];
  for (const part of head.split(/\s*,\s*|\s+(?:and|or)\s+/)) {
    const v = part.trim().replace(/^["'‘’“”]+|["'‘’“”.]+$/g, '');
    // (a word of a sentence after the list, not an event type: the list ends there)
    if (!/^[^\s"'‘’“”]{1,100}$/.test(v)) break;
    out.push(v);
  }
  return out;
}

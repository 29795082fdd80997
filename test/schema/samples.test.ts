// `schema infer` on every shipped sample gives a schema under which the validation engine (its
// public API) finds no error in the valid samples, and, in the samples with a typical mistake, only
// that mistake — which inference itself reports where it can see it.
import { createReadStream, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../src/schema/index.js';
import { schemaFromJson, validateCsv } from '../../src/validate/index.js';

const DIR = fileURLToPath(new URL('../../samples/', import.meta.url));
const open = (f: string) => createReadStream(DIR + f);

/** the sample's own mistake (samples/README.md): the validator's codes, and inference's */
const MISTAKES: Record<string, { validate: string[]; infer: string[] }> = {
  'interactions.csv': { validate: [], infer: [] },
  'items.csv': { validate: [], infer: [] },
  'users.csv': { validate: [], infer: [] },
  'interactions-milliseconds.csv': { validate: ['TIMESTAMP_MILLISECONDS'], infer: ['TIMESTAMP_MILLISECONDS'] },
  'interactions-missing-column.csv': { validate: ['HEADER_MISSING_COLUMN'], infer: ['MISSING_REQUIRED'] },
  'interactions-broken-quoting.csv': { validate: ['UNTERMINATED_QUOTE', 'ID_TOO_LONG', 'COLUMN_COUNT'], infer: ['COLUMN_COUNT', 'REQUIRED_EMPTY'] },
  'interactions-too-few.csv': { validate: ['TOO_FEW_INTERACTIONS', 'TOO_FEW_ACTIVE_USERS'], infer: [] },
  'items-long-id.csv': { validate: ['ID_TOO_LONG'], infer: [] },
  // the cross-file mismatch variants (issue #19): each valid alone; the mistake is between files
  'items-sku-prefix.csv': { validate: [], infer: [] },
  'users-uppercase.csv': { validate: [], infer: [] },
};

describe('schema infer on the shipped samples', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.csv')).sort();

  it('covers every sample', () => {
    expect(files).toEqual(Object.keys(MISTAKES).sort());
  });

  for (const f of files) {
    it(`${f}: the inferred schema validates it${MISTAKES[f].validate.length ? ` except for its mistake (${MISTAKES[f].validate.join(', ')})` : ' with no error'}`, async () => {
      const inferred = await inferSchema(open(f));
      expect(inferred.problems.filter((p) => p.severity === 'error').map((p) => p.code).sort()).toEqual([...MISTAKES[f].infer].sort());
      const schema = schemaFromJson(inferred.schema, `inferred from ${f}`);
      const report = await validateCsv({ name: f, stream: open(f) }, { schema, datasetType: inferred.datasetType, now: new Date('2026-06-01T00:00:00Z') });
      const errorCodes = [...new Set(report.errors.map((e) => e.code))];
      if (MISTAKES[f].validate.length === 0) expect(report.errors).toEqual([]);
      else for (const c of errorCodes) expect(MISTAKES[f].validate, `${f}: ${c} ${report.errors.find((e) => e.code === c)?.message}`).toContain(c);
      expect(report.valid).toBe(MISTAKES[f].validate.length === 0);
    });
  }
});

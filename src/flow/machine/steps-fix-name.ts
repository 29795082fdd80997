// "Which column holds TIMESTAMP?" after "Fix and continue", for a dataset that exists: the fixer found
// no column for a required field — an export whose columns have names of their own
// (Kunden-Nr;Artikel-Nr;Datum;Aktion) where only some are spellings it knows — and the run ended with
// "The CSV cannot be fixed … Name the column with --map column=FIELD", a flag the wizard has no place
// for. Now each field the header lacks is asked, among the file's columns no field took (the likeliest
// first by its name: Datum for TIMESTAMP, Aktion for EVENT_TYPE), the answers go into the flow's
// headerMap (what --map gives `import`), and the fix runs again — "Fix and continue" was the answer.
// "None of them" goes back to the file question. `import` (no one to ask) ends as before, exit 1.
// A local file only (its header is read here); the same for an S3 object ends as before.
import { visible } from '../../core/sanitize.js';
import { likelihood } from '../../schema/usable.js';
import { describeSource } from '../plan.js';
import { createdByRun, frame } from './base.js';
import { namingOf, nextToName as next, setNaming, suggestedColumns } from './fix-naming.js';
import { fixAgain, memoOf } from './steps-fix.js';
import type { StepDef } from './types.js';

export const fixNameStep: StepDef = {
  id: 'fix-name',
  screen: 'validate',
  kind: 'choose',
  applies: () => false,
  async model(s) {
    const n = namingOf(s)!;
    const { field, left } = next(n);
    const file = visible(describeSource(memoOf(s)!.original));
    const done = Object.entries(n.named).map(([c, f]) => `${visible(c)} → ${f}`);
    // the validator's own guess first (its "probably MEMBERSHIP under another name"), then the likeliest
    // by the column's name (Datum, Zeit for TIMESTAMP; Aktion, Event for EVENT_TYPE), else the file's order
    const guess = suggestedColumns(s.loaded.report)[field!];
    const score = (c: string) => (c === guess ? 100 : 0) + likelihood(field!, c, 'string', undefined);
    const ranked = [...left].sort((a, b) => score(b) - score(a));
    const choices = [
      ...ranked.map((c) => ({ value: `column:${c}`, label: visible(c) })),
      { value: 'none', label: 'None of them (pick another file)', description: `without ${field} the file cannot be imported into ${visible(s.loaded.details!.dataset.name)}` },
    ];
    return frame('fix-name', 'validate', 'choose', `Which column of ${file} holds ${field}?`, {
      lines: [
        { text: `The header of ${file} has no column for ${n.missing.join(', ')} (it has ${n.columns.map(visible).join(', ')} besides the fields it names). Say which column holds each: the fix then writes the copy with it renamed (your file is not changed).`, tone: 'dim' },
        ...(done.length ? [{ text: `Named so far: ${done.join(', ')}`, tone: 'dim' as const }] : []),
      ],
      choices,
      default: choices[0].value,
      flag: '--map',
      // `import`: no one to ask — it ends as before, naming the flag
      unattended: { value: 'unattended' },
      label: 'Columns',
      describe: (v) => (v.startsWith('column:') ? [...done, `${visible(v.slice('column:'.length))} → ${field}`].join(', ') : 'none named'),
    });
  },
  async answer(s, v, p, ctx) {
    const n = namingOf(s)!;
    const { field } = next(n);
    if (v === 'unattended') {
      setNaming(s, undefined);
      return { end: { exitCode: 1, reason: 'quit' as const, lines: [`The CSV cannot be fixed: the header has no column for ${n.missing.join(', ')}. Name them with --map <column>=FIELD (with --fix). Nothing was uploaded or created.`, ...createdByRun(s)] } };
    }
    if (!v.startsWith('column:') || !field) {
      setNaming(s, undefined);
      return { goto: 'csv' };
    }
    n.named[v.slice('column:'.length)] = field;
    const after = next(n);
    if (after.field && after.left.length) return { goto: 'fix-name' };
    s.answers.headerMap = { ...s.answers.headerMap, ...n.named };
    setNaming(s, undefined);
    // "Fix and continue" was the answer: the fix runs again with the names
    return fixAgain(s, p, ctx);
  },
};

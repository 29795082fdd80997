// Several files into a Domain group (issue #19 with the order export): the interactions file of a
// shop is its order export, which has no event type column — every row is a purchase — and a Domain
// group's interactions need EVENT_TYPE. Before, its check ended "orders_export.csv stays as it is:
// HEADER_MISSING_COLUMN (line 1) is not something the fixer repairs without guessing", a dead end.
// Asked once the files are confirmed, before they are checked (the single file's "Add EVENT_TYPE":
// steps-orders.ts): the value every row gets, `purchase` offered for an order export; the new
// schema gets the field and the fixer's copy the column. The wizard's --event-type answers it.
import { visible } from '../../core/sanitize.js';
import { printable } from '../../schema/printable.js';
import type { Domain } from '../../core/resources.js';
import { headerLineOf } from './steps-fix.js';
import { proposeName } from '../../schema/names.js';
import { eventExamples, eventTypeProblem, oneEventOf } from '../../schema/usable.js';
import { requiredFields } from '../../validate/fields.js';
import type { GroupFile } from '../group-files.js';
import { frame } from './base.js';
import { severalOf, type SeveralMemo } from './steps-several.js';
import type { FlowState, StepDef } from './types.js';

type WithEvent = SeveralMemo & { event?: { file: GroupFile; one?: { event: string; what: string }; asked?: boolean } };

/** The interactions file's header, when none of its columns is EVENT_TYPE (or a spelling of it); undefined otherwise. */
function lacksEventType(f: GroupFile, domain: Domain): string[] | undefined {
  const line = headerLineOf({ kind: 'local', path: f.abs });
  if (line === undefined) return undefined; // unreadable: the check says so
  const header = line.replace(/^\uFEFF/, '').replace(/\r$/, '').split(/[,;\t|]/).map((c) => c.trim().replace(/^"|"$/g, ''));
  return header.some((c) => proposeName(c, 'INTERACTIONS', domain).field === 'EVENT_TYPE') ? undefined : header;
}

const memo = (s: FlowState) => severalOf(s) as WithEvent | undefined;
const open = (s: FlowState) => {
  const m = memo(s);
  return Boolean(m && !m.jobs && m.confirmed && !m.checks);
};

export const severalEventStep: StepDef = {
  id: 'several-event',
  screen: 'csv',
  kind: 'input',
  applies(s) {
    const m = memo(s);
    if (!open(s)) return false;
    if (m!.event?.asked) return true;
    const domain = s.loaded.group?.domain;
    const f = m!.files.find((x) => x.type === 'INTERACTIONS');
    if (!domain || !f || s.answers.eventType !== undefined || !requiredFields('INTERACTIONS', domain).includes('EVENT_TYPE')) return false;
    const header = lacksEventType(f, domain);
    if (!header) return false;
    m!.event = { file: f, one: oneEventOf(header, domain) };
    return true;
  },
  async model(s) {
    const e = memo(s)!.event!;
    const dflt = s.answers.eventType ?? e.one?.event;
    return frame('several-event', 'csv', 'input', `EVENT_TYPE for every row of ${visible(e.file.path)}`, {
      lines: [
        { text: `${visible(e.file.path)} has no event type column, and ${/^[AEIOU]/.test(s.loaded.group!.domain ?? '') ? 'an' : 'a'} ${s.loaded.group!.domain} group’s interactions need EVENT_TYPE.${e.one ? ` It looks like ${e.one.what}: every row is a ${e.one.event}.` : ''}`, asked: true },
        { text: 'Every row gets this one. Your file is not changed: the fixer writes a copy with the column, before anything is created.', tone: 'dim', asked: true },
        ...(dflt ? [] : [{ text: `Name the event every row records, ${eventExamples(s.loaded.group?.domain)}.`, tone: 'dim' as const, asked: true }]),
      ],
      ...(dflt ? { default: dflt } : {}),
      check: (v) => eventTypeProblem(v.trim()),
      flag: '--event-type',
      unattended: { error: 'import: give the interactions file one event type with --event-type <value> (e.g. purchase).' },
      label: 'Event type',
      describe: (v) => `${printable(v.trim())} in every row of ${visible(e.file.path)}`,
    });
  },
  async answer(s, v) {
    s.answers.eventType = v.trim();
    memo(s)!.event!.asked = true;
    // checked (again) with it: the interactions file's new schema gets the field
    memo(s)!.checks = undefined;
    return undefined;
  },
};

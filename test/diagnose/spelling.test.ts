// Retyped error text (diagnose --message): a slip in a word of the service's message made the most
// common failures "not in the catalogue". Each row was retyped by hand the way people do in a chat or
// a ticket; the respelled reading must find the entry the correct text finds, say which words it
// read otherwise, keep a value the customer typed (an event type) as written, and leave text that is
// not an error unknown.
import { describe, expect, it } from 'vitest';
import { CATALOGUE_EXAMPLES, diagnoseText } from '../../src/diagnose/catalogue.js';
import { messageJson, renderMessageText } from '../../src/diagnose/message.js';
import { editDistance, respell, vocabularyOf } from '../../src/diagnose/spelling.js';

describe('editDistance', () => {
  it('counts an added, dropped, changed or swapped letter as one edit, and stops past the limit', () => {
    expect(editDistance('insufficent', 'insufficient', 2)).toBe(1);
    expect(editDistance('priviliges', 'privileges', 2)).toBe(1);
    expect(editDistance('recieve', 'receive', 1)).toBe(1);
    expect(editDistance('accesing', 'accessing', 2)).toBe(1);
    expect(editDistance('interactions', 'interactions', 2)).toBe(0);
    expect(editDistance('bucket', 'budget', 1)).toBe(2);
    expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
  });
});

describe('respell', () => {
  const vocab = vocabularyOf(['Insufficient privileges for accessing data in S3', 'Input CSV is missing the following columns: [ITEM_ID]', 'interactions', 'interaction']);

  it('respells a word one slip from a vocabulary word, keeping its capital', () => {
    expect(respell('Insufficent priviliges', vocab)).toEqual({ text: 'Insufficient privileges', fixes: [{ from: 'Insufficent', to: 'Insufficient' }, { from: 'priviliges', to: 'privileges' }] });
  });

  it('leaves capitals, identifiers, words joined to digits or dashes, short words, far words and ties alone', () => {
    for (const t of ['INSUFFICENT', 'ITEM_IDD', 'shop-dataa', 'bucket2', 'data', 'lunchtime', 'my_prvileges', 'report.folowing', 'interactionx']) expect(respell(t, vocab)).toEqual({ text: t, fixes: [] });
  });

  it('does not look at a paste far longer than a message', () => {
    const long = `${'x '.repeat(15_000)}Insufficent`;
    expect(respell(long, vocab).fixes).toEqual([]);
  });
});

describe('diagnoseText with retyped messages', () => {
  const rows: { text: string; id: string; respelled: string[]; captured?: Record<string, string> }[] = [
    { text: 'hey, our import keeps failing with "Insufficent privileges for accessing data in S3" any idea??', id: 's3-insufficient-privileges', respelled: ['Insufficent → Insufficient'] },
    { text: 'Insufficient priviliges for accesing data in Amazon S3.', id: 's3-insufficient-privileges', respelled: ['priviliges → privileges', 'accesing → accessing'] },
    { text: 'Input CSV is mising the folowing columns: [ITEM_ID]', id: 'missing-columns', respelled: ['mising → missing', 'folowing → following'], captured: { columns: 'ITEM_ID' } },
    // the event type is the customer's own value: "purchse" stays as typed, only the slip in the message is read otherwise
    { text: 'Dataset has fewer than 1000 interactons after filtering by event type: purchse', id: 'too-few-interactions-event-type', respelled: ['interactons → interactions'], captured: { eventType: 'purchse' } },
  ];
  for (const r of rows) {
    it(`${r.text} → ${r.id}`, () => {
      const { parsed, match } = diagnoseText(r.text);
      expect(match.known).toBe(true);
      expect(match.id).toBe(r.id);
      expect(parsed.respelled?.map((f) => `${f.from} → ${f.to}`)).toEqual(r.respelled);
      // the message shown is the one pasted
      expect(parsed.message).toContain(r.text.includes('"') ? r.text.split('"')[1] : r.text.replace(/\.$/, ''));
      for (const [k, v] of Object.entries(r.captured ?? {})) expect(match.captured?.[k]).toBe(v);
      const text = renderMessageText(parsed, match);
      expect(text).toMatch(/Read as +\S+ → /);
      expect(text).toContain('as written, the text matches no entry');
      expect((messageJson(parsed, match) as { parsed: { respelled: unknown } }).parsed.respelled).toEqual(parsed.respelled);
    });
  }

  it('a text spelled right is read as written (no respelling listed)', () => {
    const { parsed, match } = diagnoseText('Insufficient privileges for accessing data in S3');
    expect(match.id).toBe('s3-insufficient-privileges');
    expect(parsed.respelled).toBeUndefined();
    expect(renderMessageText(parsed, match)).not.toContain('Read as');
  });

  it('text that is no error stays unknown, respelled or not', () => {
    for (const t of ['totally unrelated text about lunch', 'the import was slow yesterday, can you check?', 'Insufficient coffee for accessing the office']) {
      expect(diagnoseText(t).match.known, t).toBe(false);
    }
  });

  it('every catalogue example with a letter dropped from its longest word still finds its entry', () => {
    let tried = 0;
    for (const { id, example } of CATALOGUE_EXAMPLES) {
      const words = [...example.matchAll(/(?<![A-Za-z0-9_\-./:@])[a-z]{8,30}(?![A-Za-z0-9_\-@]|\.[A-Za-z0-9])/g)].map((m) => m[0]);
      if (!words.length) continue;
      const w = words.reduce((a, b) => (b.length > a.length ? b : a));
      const slipped = example.replace(w, w.slice(0, 3) + w.slice(4));
      const before = diagnoseText(example).match.id;
      const after = diagnoseText(slipped).match.id;
      // a slip in a word the entry does not look at changes nothing; in one it looks at, the respelled reading finds it
      expect(after, `${id}: ${slipped}`).toBe(before);
      const { parsed } = diagnoseText(slipped);
      if (parsed.respelled && parsed.asWritten) expect(renderMessageText(parsed, diagnoseText(slipped).match)).toContain(`only the broader entry "${parsed.asWritten}"`);
      tried++;
    }
    expect(tried).toBeGreaterThan(30);
  });
});

describe('the event type of a message pasted into a sentence', () => {
  it('names the event type, not the sentence around it', () => {
    const { match } = diagnoseText('the job says: Dataset has fewer than 1000 interactions after filtering by event type: click — what do we do?');
    expect(match.id).toBe('too-few-interactions-event-type');
    expect(match.captured?.eventType).toBe('click');
    expect(match.cause).toContain('EVENT_TYPE "click"');
  });
});

// One line of text: type, Backspace, Ctrl-U clears, Tab completes (common prefix of the
// candidates `complete` returns; the candidates are listed when there are several). A `selected`
// value is a suggestion (a default, a picked choice), shown selected: typing replaces it, Backspace
// clears it, → or Tab keep it for editing — as a prefilled field does elsewhere, so a newcomer who
// types their own file name over the suggested sample does not get the two run together. The value
// and the candidates are drawn with their control characters escaped (a file or an S3 key named
// "a\x1b[2J.csv", suggested or completed, must not clear the screen); the value itself keeps them.
import React, { useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from '../keys.js';
import { visible } from '../../../core/sanitize.js';

export interface TextInputProps {
  value: string;
  /** `cleared`: the value was typed after a Ctrl-U in the same read, not onto the value before it */
  onChange: (v: string, cleared?: boolean) => void;
  onSubmit: (v: string) => void;
  onBack?: () => void;
  placeholder?: string;
  /** candidates for the current value (full replacements) */
  complete?: (value: string) => Promise<string[]> | string[];
  isActive?: boolean;
  /** masks nothing; a label before the text */
  prompt?: string;
  /** shown instead of the value (a picked choice whose value is not for reading, e.g. "＋ Create a role") */
  display?: string;
  /** the value is a suggestion: the first key typed replaces it (see the file's head) */
  selected?: boolean;
}

function commonPrefix(xs: string[]): string {
  if (!xs.length) return '';
  let p = xs[0];
  for (const x of xs) while (!x.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/**
 * Applies one chunk of typed input to `value`, key by key: Ctrl-U clears, Backspace (DEL or BS)
 * deletes one character, Ctrl-W deletes a word, Enter ends the chunk and submits; other control
 * characters are dropped (they would otherwise land invisibly in the value).
 */
export function applyTyped(value: string, chunk: string): { value: string; submit: boolean; cleared: boolean } {
  let v = value;
  let cleared = false;
  for (const ch of chunk) {
    if (ch === '\r' || ch === '\n') return { value: v, submit: true, cleared };
    if (ch === '\x15') (v = ''), (cleared = true);
    else if (ch === '\x7f' || ch === '\b') v = Array.from(v).slice(0, -1).join('');
    else if (ch === '\x17') v = v.replace(/[^\s/]*[\s/]*$/, '');
    else if (ch >= ' ') v += ch;
  }
  return { value: v, submit: false, cleared };
}

export function TextInput({ value, onChange, onSubmit, onBack, placeholder, complete, isActive = true, prompt = '› ', display, selected = false }: TextInputProps) {
  const [choices, setChoices] = useState<string[]>([]);
  // Tab found nothing (an empty bucket or folder, no file by that start): said, not silent
  const [nothing, setNothing] = useState<string | undefined>();
  const latest = useRef(value);
  const rendered = useRef(value);
  // a new value from the parent (not typed here) wins
  if (rendered.current !== value) {
    rendered.current = value;
    latest.current = value;
  }

  // Whether the value is still a suggestion, through a ref too: a key read before the handler of the
  // latest render is subscribed must not see a stale `selected` (→ then typing at once replaced).
  const sel = useRef(selected);
  const selProp = useRef(selected);
  if (selProp.current !== selected) {
    selProp.current = selected;
    sel.current = selected;
  }

  // Keys can arrive faster than React re-renders (a paste, Ctrl-U then typing): edit the latest
  // value through a ref, not the value this render closed over.
  const set = (v: string, cleared = false) => {
    latest.current = v;
    sel.current = false;
    onChange(v, cleared);
  };
  useKeys(
    (input, key) => {
      const cur = latest.current;
      if (key.return) return onSubmit(cur);
      if (key.escape) return onBack?.();
      if (key.tab) {
        if (!complete) return;
        const asked = cur;
        void Promise.resolve(complete(asked)).then((c) => {
          if (latest.current !== asked) return;
          setNothing(c.length ? undefined : asked);
          if (c.length === 1) set(c[0]);
          else if (c.length > 1) {
            const p = commonPrefix(c);
            if (p.length > asked.length) set(p);
            setChoices(c);
          } else setChoices([]);
        }, () => setChoices([]));
        return;
      }
      setChoices([]);
      setNothing(undefined);
      if (sel.current && cur) {
        if (key.rightArrow) return set(cur);
        if (key.backspace || key.delete) return set('');
      }
      if (key.backspace || key.delete) return set(cur.slice(0, -1));
      if (key.ctrl && input === 'u') return set('', true);
      if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.ctrl || key.meta) return;
      if (!input) return;
      // a chunk can hold several keys (a paste, or keys faster than a read: Ctrl-U then typing)
      const { value: typed, submit, cleared } = applyTyped(sel.current && !input.startsWith('\r') ? '' : cur, input);
      set(typed, cleared);
      if (submit) onSubmit(typed);
    },
    { isActive },
  );

  return (
    <Box flexDirection="column">
      <Text wrap="truncate-start">
        <Text color="cyan">{prompt}</Text>
        {display !== undefined ? <Text color="cyan">{display}</Text> : value ? selected && isActive ? <Text inverse>{visible(value)}</Text> : visible(value) : <Text dimColor>{placeholder ?? ''}</Text>}
        {isActive ? <Text inverse> </Text> : null}
      </Text>
      {nothing !== undefined ? (
        // a box, not leading spaces: its wrapped lines keep the indent (#16 item 19)
        <Box marginLeft={2}>
          <Text dimColor wrap="wrap">Tab: nothing {nothing ? `under ${visible(nothing)}${nothing.endsWith('/') ? '' : '…'}` : 'here'} to complete{/^s3:\/\/[^/]+\/$/i.test(nothing) ? ' (the bucket is empty)' : ''}.</Text>
        </Box>
      ) : null}
      {choices.length > 1 && (
        <Text dimColor wrap="truncate-end">
          {'  '}
          {choices.slice(0, 8).map((c) => visible(c.replace(/^.*\/(?=.)/, ''))).join('  ')}
          {choices.length > 8 ? `  … ${choices.length - 8} more` : ''}
        </Text>
      )}
    </Box>
  );
}

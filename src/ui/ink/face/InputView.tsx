// An input step: the model's lines, its question, a text field holding the default, the model's
// check run on Enter (its message shown, the answer not taken); listed choices picked with ↑↓ (a
// choice whose value is not for reading shows its label); Tab completes local paths and s3://
// locations when the model says the input names a file (complete: 'path').
import React, { useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from '../keys.js';
import type { StorageApi } from '../../../core/ports.js';
import { visible } from '../../../core/sanitize.js';
import { TextInput } from '../components/TextInput.js';
import { KeyHints } from '../components/KeyHints.js';
import { Spinner } from '../components/Spinner.js';
import { WrappedPath } from '../components/WrappedPath.js';
import { completePath } from './complete-path.js';
import textWidth from '../text-width.js';
import wrap from '../wrap.js';
import { Lines, Hanging } from './lines.js';
import type { ViewProps } from './ChooseView.js';

export function InputView({ m, listLimit, columns, answer, back, cwd, s3 }: ViewProps & { cwd: string; s3?: Pick<StorageApi, 'listBuckets' | 'list'> }) {
  const choices = m.choices ?? [];
  const [value, setValueState] = useState(m.default ?? '');
  // ↑↓ can come faster than React re-renders (keys held down, a slow link: several in one read):
  // each moves from the value the previous one picked, not the one this render closed over
  const latest = useRef(value);
  const setValue = (v: string) => {
    latest.current = v;
    setValueState(v);
  };
  // the default, or a choice picked with ↑↓, is a suggestion until edited: typing replaces it
  const [fresh, setFresh] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const [checking, setChecking] = useState(false);
  const idx = choices.findIndex((c) => c.value === value);
  // a picked choice whose value is a token (not what the user would type) shows its label
  const token = idx >= 0 && choices[idx].label !== choices[idx].value ? choices[idx] : undefined;
  const shown = Math.max(3, Math.min(8, listLimit));

  useKeys((_i, key) => {
    if (!choices.length || checking) return;
    if (key.upArrow || key.downArrow) setFresh(true);
    const at = choices.findIndex((c) => c.value === latest.current);
    if (key.upArrow) setValue(choices[(at <= 0 ? choices.length : at) - 1].value);
    if (key.downArrow) setValue(choices[(at + 1) % choices.length].value);
  });
  // the rows shown keep the picked choice in view, as a Select list does (↓ past the last row used to
  // move it out of sight); a longer list shows a row fewer, for a "more" line above and one below
  const count = choices.length > shown ? shown - 1 : choices.length;
  const start = Math.max(0, Math.min((idx < 0 ? 0 : idx) - Math.floor(count / 2), choices.length - count));
  // A description that does not fit on its choice's row ("./ — this folder: …  (every CSV here, each
  // into its dataset…" at 80 columns, the row cut) is shown whole under the list while its choice is
  // picked, wrapped; the rows for the longest are kept whether or not one is picked, so that ↑↓ never
  // makes the frame taller than the terminal (Ink then clears it and redraws it on every key).
  const fits = (c: (typeof choices)[number]) => !c.description || textWidth(`  ${visible(c.label)}  (${visible(c.description)})`) <= columns;
  const below = (c: (typeof choices)[number]) => wrap(visible(c.description ?? ''), Math.max(20, columns - 4), { hard: true, trim: false }).split('\n');
  const under = choices.filter((c) => !fits(c));
  const underRows = under.reduce((n, c) => Math.max(n, below(c).length), 0);
  const picked = idx >= 0 && !fits(choices[idx]) ? below(choices[idx]) : [];

  const submit = async (v: string) => {
    setChecking(true);
    try {
      const problem = m.check ? await m.check(v) : undefined;
      if (problem) setError(problem);
      else answer(v);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setChecking(false);
    }
  };

  return (
    <Box flexDirection="column">
      <Lines lines={m.lines} room={Math.max(4, listLimit)} width={columns} />
      <Text wrap="wrap">{visible(m.question)}:</Text>
      <TextInput
        value={value}
        display={token ? visible(token.label) : undefined}
        onChange={(v, cleared) => {
          // typing over a picked token starts a fresh value, and deleting from it clears it; the token
          // is the one of the value before this key, not of this render, and Ctrl-U then a path typed
          // at once (a paste: one read, or two before a redraw) is that path — whole, even when it
          // begins with the token's value (Ctrl-U and "samples/interactions.csv" over "samples/")
          const was = cleared ? undefined : choices.find((c) => c.value === latest.current && c.label !== c.value);
          setValue(!was ? v : v.startsWith(was.value) ? v.slice(was.value.length) : was.value.startsWith(v) ? '' : v);
          setFresh(false);
          setError(undefined);
        }}
        onSubmit={(v) => void submit(v)}
        onBack={back}
        placeholder={m.placeholder}
        complete={m.complete === 'path' ? (v) => completePath(v, cwd, s3) : undefined}
        isActive={!checking}
        selected={fresh && !token && value !== ''}
      />
      {fresh && !token && value !== '' && !checking ? <Text dimColor>  (suggested: typing replaces it, → edits it)</Text> : null}
      {/* what the answer makes (the upload step: the object's whole s3:// key), wrapped at its '/'s:
          cut in the middle at 80 columns, it hid the very folder being typed */}
      {m.describe && !token && m.describe(value) !== value ? (
        <Box>
          <Text dimColor>→ </Text>
          <WrappedPath text={visible(m.describe(value))} dim />
        </Box>
      ) : null}
      {checking ? <Spinner label="Checking…" /> : null}
      {/* a wrapped row goes on under the message, not under the ✖ */}
      {error ? <Hanging text={`✖ ${visible(error)}`} color="red" /> : null}
      {choices.length ? (
        <Box flexDirection="column" marginTop={1}>
          <Text dimColor>{m.choicesTitle ?? 'Or pick one (↑↓):'}</Text>
          {start > 0 ? <Text dimColor>  ↑ {start} more</Text> : null}
          {choices.slice(start, start + count).map((c, i) => (
            <Text key={c.value} wrap="truncate-end">
              {start + i === idx ? <Text color="cyan">❯ {visible(c.label)}</Text> : `  ${visible(c.label)}`}
              {c.description && fits(c) ? <Text dimColor>  ({visible(c.description)})</Text> : null}
            </Text>
          ))}
          {choices.length > start + count ? <Text dimColor>  ↓ {choices.length - start - count} more{m.complete ? ' (type or Tab)' : ''}</Text> : null}
          {underRows ? (
            <Box flexDirection="column" paddingLeft={4} height={underRows}>
              {picked.map((row, i) => <Text key={i} dimColor>{row}</Text>)}
            </Box>
          ) : null}
        </Box>
      ) : m.complete === 'path' ? (
        <Text dimColor>No .csv files in {visible(cwd)}.</Text>
      ) : null}
      <KeyHints hints={['Enter next', m.complete && 'Tab complete', choices.length > 0 && '↑↓ pick', m.back !== false && 'Esc back', 'Ctrl-C quit']} />
    </Box>
  );
}

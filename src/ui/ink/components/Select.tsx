// A list to choose from: ↑↓ move, Enter picks, typing filters (for long lists), disabled items
// are shown dim and say why when highlighted.
import React, { useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { useKeys } from '../keys.js';

export interface SelectItem<T> {
  label: string;
  value: T;
  /** dim text after the label */
  hint?: string;
  /** why it cannot be picked */
  disabled?: string;
  /** extra lines shown under the list while this item is highlighted */
  details?: string[];
}

export interface SelectProps<T> {
  items: SelectItem<T>[];
  onSelect: (value: T) => void;
  onBack?: () => void;
  /** the item highlighted first; -1: none (Enter takes nothing until ↑↓ picks one) */
  initialIndex?: number;
  /** rows visible at once */
  limit?: number;
  /** type-to-filter (default: on when the list is longer than `limit`) */
  filter?: boolean;
  isActive?: boolean;
  onHighlight?: (value: T) => void;
}

export function Select<T>({ items, onSelect, onBack, initialIndex = 0, limit = 8, filter, isActive = true, onHighlight }: SelectProps<T>) {
  const filtering = filter ?? items.length > limit;
  const [query, setQueryState] = useState('');
  const [index, setIndexState] = useState(initialIndex < 0 ? -1 : Math.max(0, Math.min(initialIndex, items.length - 1)));
  // Keys can arrive faster than React re-renders: read and write the latest state through refs.
  const q = useRef(query);
  const ix = useRef(index);
  const setQuery = (v: string) => {
    q.current = v;
    setQueryState(v);
  };
  const setIndex = (v: number) => {
    ix.current = v;
    setIndexState(v);
  };
  const filterItems = (text: string) => {
    const t = text.toLowerCase();
    return t ? items.filter((it) => `${it.label} ${it.hint ?? ''}`.toLowerCase().includes(t)) : items;
  };
  const shown = useMemo(() => filterItems(query), [items, query]); // eslint-disable-line react-hooks/exhaustive-deps
  const cur = index < 0 ? -1 : Math.min(index, Math.max(0, shown.length - 1));

  useKeys(
    (input, key) => {
      const list = filterItems(q.current);
      const at = ix.current < 0 ? -1 : Math.min(ix.current, Math.max(0, list.length - 1));
      const move = (to: number) => {
        const n = list.length;
        if (!n) return;
        const next = ((to % n) + n) % n;
        setIndex(next);
        onHighlight?.(list[next].value);
      };
      // none highlighted yet: the first ↑ takes the last, ↓ the first
      if (at < 0 && (key.upArrow || key.downArrow)) return move(key.upArrow ? list.length - 1 : 0);
      if (key.upArrow) return move(at - 1);
      if (key.downArrow) return move(at + 1);
      if (key.pageDown) return move(Math.min(list.length - 1, at + limit));
      if (key.pageUp) return move(Math.max(0, at - limit));
      if (key.return) {
        const it = list[at];
        if (it && !it.disabled) onSelect(it.value);
        return;
      }
      if (key.escape) {
        if (q.current) {
          setQuery('');
          setIndex(0);
        } else onBack?.();
        return;
      }
      if (!filtering) return;
      if (key.backspace || key.delete) {
        setQuery(q.current.slice(0, -1));
        setIndex(0);
        return;
      }
      if (input && !key.ctrl && !key.meta && !key.tab && input >= ' ') {
        setQuery(q.current + input);
        setIndex(0);
      }
    },
    { isActive },
  );

  const start = Math.max(0, Math.min(cur - Math.floor(limit / 2), shown.length - limit));
  const visible = shown.slice(start, start + limit);
  const highlighted = shown[cur];
  return (
    <Box flexDirection="column">
      {filtering && (
        <Text>
          <Text dimColor>Filter: </Text>
          {query ? query : <Text dimColor>(type to filter)</Text>}
          {query ? <Text dimColor>  {shown.length} of {items.length}</Text> : null}
        </Text>
      )}
      {start > 0 && <Text dimColor>  ↑ {start} more</Text>}
      {visible.map((it, i) => {
        const on = start + i === cur;
        return (
          <Text key={`${start + i}-${it.label}`} wrap="truncate-end">
            <Text color={on ? 'cyan' : undefined}>{on ? '❯ ' : '  '}</Text>
            <Text color={on && !it.disabled ? 'cyan' : undefined} dimColor={Boolean(it.disabled)} bold={on && !it.disabled}>
              {it.label}
            </Text>
            {it.hint ? <Text dimColor>  {it.hint}</Text> : null}
          </Text>
        );
      })}
      {shown.length - start - visible.length > 0 && <Text dimColor>  ↓ {shown.length - start - visible.length} more</Text>}
      {!shown.length && <Text dimColor>  Nothing matches “{query}”. Backspace to edit, Esc to clear.</Text>}
      {highlighted?.disabled && (
        // a box, not leading spaces: the reason's wrapped lines keep the indent
        <Box paddingLeft={2}>
          <Text color="yellow" wrap="wrap">Not available: {highlighted.disabled}</Text>
        </Box>
      )}
      {highlighted?.details?.map((d, i) => (
        <Box key={i} paddingLeft={4}>
          <Text dimColor wrap="wrap">{d}</Text>
        </Box>
      ))}
    </Box>
  );
}

import React from 'react';
import { Text } from 'ink';

export function bar(ratio: number, width: number): string {
  const r = Math.max(0, Math.min(1, Number.isFinite(ratio) ? ratio : 0));
  const full = Math.round(r * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

export function ProgressBar({ ratio, width = 30, label }: { ratio: number; width?: number; label?: string }) {
  return (
    <Text>
      <Text color="cyan">{bar(ratio, width)}</Text> {Math.floor(Math.max(0, Math.min(1, ratio)) * 100)}%{label ? `  ${label}` : ''}
    </Text>
  );
}

import React from 'react';
import { Text } from 'ink';

/** The footer that always says what to press. */
export function KeyHints({ hints }: { hints: (string | false | undefined)[] }) {
  const shown = hints.filter(Boolean) as string[];
  return <Text dimColor>{shown.join(' · ')}</Text>;
}

/** "↑↓ move" only where there is somewhere to move: a menu of one choice (the sandbox's lone "Continue") has not. */
export const moveHint = (choices: number) => choices > 1 && '↑↓ move';

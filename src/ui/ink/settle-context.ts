// The gate of the stream Ink writes to (settle-gate.ts), for the face that knows when its screen
// stands still. None in component tests: nothing is held there.
import { createContext } from 'react';
import type { SettleGate } from './settle-gate.js';

export const Settle = createContext<Pick<SettleGate<unknown>, 'hold' | 'settled' | 'made'> | undefined>(undefined);

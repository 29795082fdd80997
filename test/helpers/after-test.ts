// Undo-after-the-test lists for helper modules. A helper module must not register `afterEach` at its
// top level: vitest runs test files without isolation (vitest.config.ts, `isolate: false`), so a
// helper is evaluated once per worker and a top-level hook would belong to the first file that
// imported it only. Instead the list arms an `onTestFinished` hook of the test that first adds to it;
// the hook undoes everything added during that test, last first, each awaited.
import { onTestFinished } from 'vitest';

export interface UndoList {
  push(...undo: (() => unknown)[]): number;
}

export function undoAfterTest(): UndoList {
  const list: (() => unknown)[] = [];
  let armed = false;
  return {
    push(...undo) {
      if (!armed) {
        onTestFinished(async () => {
          armed = false;
          for (const u of list.splice(0).reverse()) await u();
        });
        armed = true;
      }
      return list.push(...undo);
    },
  };
}

// What the wizard draws after step 1, loaded with import() once step 1 is on screen, so the first
// frame waits only for Ink, React and step 1 (issue 17: the step machine, the validator, the schema
// parser, diagnose and the records path are parsed while the user reads the first screen).
// A new step needs nothing here: it goes in src/flow/machine/registry.ts and the face draws it by
// its kind (src/ui/ink/face/).
import type { FlowScreen as Screen } from './face/FlowScreen.js';
import type { flowFor as FlowFor } from './face/ports.js';
import type { RecordsRun as Records } from './steps/RecordsStep.js';

export interface LaterSteps {
  FlowScreen: typeof Screen;
  flowFor: typeof FlowFor;
  RecordsRun: typeof Records;
}

let ready: LaterSteps | undefined;
let loading: Promise<LaterSteps> | undefined;

/** the later code once loaded, else undefined */
export function laterSteps(): LaterSteps | undefined {
  return ready;
}

/** Loads it (once; a second call gets the same promise). */
export function loadLaterSteps(): Promise<LaterSteps> {
  loading ??= (async () => {
    const [f, p, r] = await Promise.all([import('./face/FlowScreen.js'), import('./face/ports.js'), import('./steps/RecordsStep.js')]);
    ready = { FlowScreen: f.FlowScreen, flowFor: p.flowFor, RecordsRun: r.RecordsRun };
    return ready;
  })();
  return loading;
}

// The wizard's steps after the first one, loaded with import() once step 1 is on screen, so the first
// frame waits only for Ink, React and step 1 (issue 17: the validator, the schema parser, the profile
// store's checker, diagnose and the records path are parsed while the user reads the first screen).
// A new step's component goes in `load` below (and in STEP_ORDER, src/ui/ink/types.ts).
import type React from 'react';
import type { StepId } from '../../flow/steps.js';
import type { StepProps } from './types.js';
import type { recordsOffered as RecordsOffered, RECORDS_STEP_INFO as RecordsInfo, RecordsStep as Records } from './steps/RecordsStep.js';

export type StepView = (p: StepProps) => React.ReactElement | null;

export interface LaterSteps {
  views: Partial<Record<StepId, StepView>>;
  records: typeof Records;
  recordsOffered: typeof RecordsOffered;
  RECORDS_STEP_INFO: typeof RecordsInfo;
}

let ready: LaterSteps | undefined;
let loading: Promise<LaterSteps> | undefined;

/** the later steps once loaded, else undefined */
export function laterSteps(): LaterSteps | undefined {
  return ready;
}

/** the component of `step` once loaded, else undefined */
export function later(step: StepId): StepView | undefined {
  return ready?.views[step];
}

/** Loads every later step (once; a second call gets the same promise). */
export function loadLaterSteps(): Promise<LaterSteps> {
  loading ??= (async () => {
    const [g, d, c, v, u, m, j, r, w, s, rec] = await Promise.all([
      import('./steps/GroupStep.js'), import('./steps/DatasetStep.js'), import('./steps/CsvStep.js'), import('./steps/ValidateStep.js'),
      import('./steps/UploadStep.js'), import('./steps/ModeStep.js'), import('./steps/JobStep.js'), import('./steps/ReviewStep.js'),
      import('./steps/WatchStep.js'), import('./steps/SaveStep.js'), import('./steps/RecordsStep.js'),
    ]);
    ready = {
      views: { group: g.GroupStep, dataset: d.DatasetStep, csv: c.CsvStep, validate: v.ValidateStep, upload: u.UploadStep, mode: m.ModeStep, job: j.JobStep, review: r.ReviewStep, watch: w.WatchStep, save: s.SaveStep },
      records: rec.RecordsStep,
      recordsOffered: rec.recordsOffered,
      RECORDS_STEP_INFO: rec.RECORDS_STEP_INFO,
    };
    return ready;
  })();
  return loading;
}

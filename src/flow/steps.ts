// The import flow as data: the steps every front end walks (the Ink wizard, plain mode, and the
// questions `import` asks on a terminal), each with the one line that says what it is for.

export type StepId = 'where' | 'group' | 'dataset' | 'csv' | 'validate' | 'upload' | 'mode' | 'job' | 'review' | 'watch' | 'save';

export interface StepInfo {
  id: StepId;
  title: string;
  /** one line: what this step is for */
  purpose: string;
}

export const STEPS: readonly StepInfo[] = [
  { id: 'where', title: 'Where', purpose: 'Which AWS account and region to import into (or a saved profile).' },
  { id: 'group', title: 'Dataset group', purpose: 'The dataset group holds the datasets your recommenders train on.' },
  { id: 'dataset', title: 'Dataset', purpose: 'The dataset this CSV goes into; its schema decides which columns the file needs.' },
  { id: 'csv', title: 'CSV', purpose: 'The file to import: a local CSV (uploaded for you) or one already in S3.' },
  { id: 'validate', title: 'Validation', purpose: 'Checks the file against the schema now, so the job does not fail 10 minutes in.' },
  { id: 'upload', title: 'Upload', purpose: 'Personalize reads from S3: the file is uploaded to a bucket it may read.' },
  { id: 'mode', title: 'Import mode', purpose: 'FULL replaces the bulk data in the dataset; INCREMENTAL adds to it.' },
  { id: 'job', title: 'Import job', purpose: 'Name the job and the IAM role Personalize uses to read the file.' },
  { id: 'review', title: 'Review', purpose: 'Everything the import job will be created with. The job is not created until you press Enter.' },
  { id: 'watch', title: 'Import', purpose: 'The job runs in AWS; this screen follows it until it finishes.' },
  { id: 'save', title: 'Save profile', purpose: 'Save these answers so the next import is a few keys.' },
];

/**
 * A step's title and purpose. `where` says where the job runs: the Import step's purpose says what
 * is true with the embedded sandbox (the job runs in this command and ends with it) or an endpoint
 * override, not "in AWS" (issue #16 item 10).
 */
export function stepInfo(id: StepId, where?: { sandbox?: boolean; endpointOverride?: string }, jobs = 1): StepInfo {
  const s = STEPS.find((x) => x.id === id);
  if (!s) throw new Error(`unknown step ${id}`);
  if (id !== 'watch') return s;
  // several files: the jobs (plural), each followed on its own row
  const [they, runs, ends, it] = jobs > 1 ? ['The jobs', 'run', 'end', 'them until they finish'] : ['The job', 'runs', 'ends', 'it until it finishes'];
  if (where?.sandbox) return { ...s, purpose: `${they} ${runs} in the embedded sandbox and ${ends} with this command; this screen follows ${it}.` };
  if (where?.endpointOverride) return { ...s, purpose: `${they} ${runs} at ${where.endpointOverride}, not in AWS; this screen follows ${it}.` };
  return { ...s, purpose: `${they} ${runs} in AWS; this screen follows ${it}.` };
}

/** 1-based position among the question steps (for "step 3 of 9"). */
export function stepNumber(id: StepId): { n: number; of: number } {
  const questions = STEPS.filter((s) => s.id !== 'watch' && s.id !== 'save');
  const i = questions.findIndex((s) => s.id === id);
  return { n: i + 1, of: questions.length };
}

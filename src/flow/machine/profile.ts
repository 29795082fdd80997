// What a saved profile answers: the steps it presets (not asked, shown as answered "from profile
// NAME"; Esc back into one asks it) — the same for every face (plain mode, the Ink wizard).
import type { SavedProfile } from '../../profiles/store.js';
import type { Answers } from '../plan.js';

export function profilePresets(p: SavedProfile): { answers: Partial<Answers>; presetFrom: Record<string, string> } {
  const by = `profile ${p.name}`;
  return {
    answers: {
      profileName: p.name, datasetGroupArn: p.datasetGroupArn, datasetGroupName: p.datasetGroupName, datasetArn: p.datasetArn, datasetName: p.datasetName,
      datasetType: p.datasetType, bucket: p.bucket, prefix: p.prefix, ...(p.roleArn ? { roleArn: p.roleArn } : {}),
    },
    // the role too: a profile is saved to make the next import a few keys (Esc back into it asks it)
    presetFrom: { group: by, dataset: by, ...(p.bucket ? { bucket: by, prefix: by } : {}), ...(p.roleArn ? { role: by } : {}) },
  };
}

// What to say when a job ARN is not found (status, diagnose): where the ARN points against where the
// run looks. A region differs when --region overrode the ARN's; an account differs when the
// credentials are another account's — the commonest cause when a customer's ARN is pasted. The
// caller's account is read from a dataset group's ARN (no STS call, as step 1 of the wizard); with
// none, or the listing refused, the account is not compared. Core module: the port only.
import type { PersonalizeApi } from '../core/ports.js';

const JOB_ARN = /^arn:aws[a-z-]*:personalize:([a-z0-9-]+):(\d{12}):dataset-import-job\/./;

/** the account the credentials reach, as a dataset group's ARN says; undefined when none can say */
async function callerAccount(p: Pick<PersonalizeApi, 'listDatasetGroups'>): Promise<string | undefined> {
  try {
    const groups = await p.listDatasetGroups();
    return groups.map((g) => /^arn:aws[a-z-]*:personalize:[a-z0-9-]*:(\d{12}):/.exec(g.arn)?.[1]).find(Boolean);
  } catch {
    return undefined;
  }
}

/** A sentence naming the region or account mismatch between `arn` and where the run looked, or undefined. */
export async function whereNotFound(p: Pick<PersonalizeApi, 'listDatasetGroups'>, arn: string, region: string | undefined): Promise<string | undefined> {
  const m = JOB_ARN.exec(arn);
  if (!m) return undefined;
  const [, arnRegion, arnAccount] = m;
  if (region && arnRegion !== region) return `The ARN is in ${arnRegion}, and this run looked in ${region}: pass --region ${arnRegion}.`;
  const mine = await callerAccount(p);
  if (mine && mine !== arnAccount) return `The ARN is in account ${arnAccount}, and your credentials reach account ${mine}: use that account's credentials (--aws-profile <profile>), or ask its owner to run this.`;
  return undefined;
}

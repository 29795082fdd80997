// Personalize ARNs: checked before any call, so a pasted fragment fails fast as a usage error
// naming the flag rather than as a service round trip.
import { usageError } from '../core/errors.js';

export interface PersonalizeArn {
  partition: string;
  region: string;
  account: string;
  /** e.g. "dataset-import-job", "dataset", "dataset-group" */
  resourceType: string;
  /** what follows the resource type's "/" */
  resource: string;
}

const ARN = /^arn:(aws[a-z-]*):personalize:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):([a-z-]+)\/(.+)$/;

export function parsePersonalizeArn(s: string): PersonalizeArn | undefined {
  const m = ARN.exec(s.trim());
  if (!m) return undefined;
  return { partition: m[1], region: m[2], account: m[3], resourceType: m[4], resource: m[5] };
}

const EXAMPLES: Record<string, string> = {
  'dataset-import-job': 'arn:aws:personalize:us-east-1:123456789012:dataset-import-job/my-import',
  dataset: 'arn:aws:personalize:us-east-1:123456789012:dataset/my-group/INTERACTIONS',
  'dataset-group': 'arn:aws:personalize:us-east-1:123456789012:dataset-group/my-group',
};

/** Parses an ARN of the given type or throws a usage error naming `what` (a flag or argument). */
export function requireArn(value: string | undefined, type: 'dataset-import-job' | 'dataset' | 'dataset-group', what: string): PersonalizeArn {
  if (!value) throw usageError(`Missing ${what}.`, `Pass it, e.g. ${EXAMPLES[type]}`);
  const arn = parsePersonalizeArn(value);
  if (!arn || arn.resourceType !== type) {
    const got = arn ? ` (that is a ${arn.resourceType} ARN)` : '';
    throw usageError(`${what} '${value}' is not a ${type} ARN${got}.`, `It looks like ${EXAMPLES[type]}`);
  }
  return arn;
}

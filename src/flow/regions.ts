// The regions Amazon Personalize is offered in, for step 1's region choice (issue #16 item 7: with
// credentials but no region the wizard used to stop at "Region none — pass --region"). The list is
// botocore's endpoint data (botocore/data/endpoints.json, partition "aws", service "personalize"),
// not a guess; a region missing from it can still be typed (or passed with --region).
export const PERSONALIZE_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-central-1',
  'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2',
] as const;

const NAMES: Record<string, string> = {
  'us-east-1': 'US East (N. Virginia)', 'us-east-2': 'US East (Ohio)', 'us-west-2': 'US West (Oregon)', 'ca-central-1': 'Canada (Central)',
  'eu-west-1': 'Europe (Ireland)', 'eu-central-1': 'Europe (Frankfurt)', 'ap-south-1': 'Asia Pacific (Mumbai)', 'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)', 'ap-southeast-1': 'Asia Pacific (Singapore)', 'ap-southeast-2': 'Asia Pacific (Sydney)',
};

export interface RegionChoice {
  value: string;
  label: string;
  description?: string;
}

/** The Personalize regions, the given default (the AWS profile's or environment's region) first. */
export function regionChoices(current?: string, from = 'your AWS configuration'): RegionChoice[] {
  const list: string[] = [...PERSONALIZE_REGIONS];
  const first = current && list.includes(current) ? current : undefined;
  const ordered = first ? [first, ...list.filter((r) => r !== first)] : list;
  // each description short enough for its row at 80 columns after "❯ ap-southeast-3  " (Step 1's list
  // cuts a row): "Asia Pacific (Sydney) — the default from your AWS configuration" and "Amazon
  // Personalize is not listed in this region" lost their last words
  const out: RegionChoice[] = ordered.map((r) => ({ value: r, label: r, description: `${NAMES[r] ?? ''}${r === first ? ` — from ${from}` : ''}` }));
  // a configured region that Personalize is not listed in: still offered first, and said so
  if (current && !first) out.unshift({ value: current, label: current, description: `from ${from}; Personalize is not offered there` });
  return out;
}

/** A region name's shape (us-east-1); undefined when fine. */
export function checkRegion(v: string): string | undefined {
  return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(v.trim()) ? undefined : `"${v.trim()}" is not a region name: pick one by its number or type one like us-east-1.`;
}

// Step 1's region list (issue #16 item 7): the regions botocore's endpoint data lists for
// Personalize, the configured default first.
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PERSONALIZE_REGIONS, checkRegion, regionChoices } from '../../src/flow/regions.js';

/** botocore's endpoints.json on this machine, when Python has botocore */
function botocoreEndpoints(): string | undefined {
  try {
    const dir = execFileSync('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const f = `${dir}/data/endpoints.json`;
    return existsSync(f) ? f : undefined;
  } catch {
    return undefined;
  }
}

describe('regionChoices', () => {
  const file = botocoreEndpoints();
  it.skipIf(!file)('lists the regions botocore lists for personalize (partition aws)', () => {
    const data = JSON.parse(readFileSync(file!, 'utf8')) as { partitions: { partition: string; services: Record<string, { endpoints: Record<string, unknown> }> }[] };
    const aws = data.partitions.find((p) => p.partition === 'aws')!;
    const listed = Object.keys(aws.services.personalize.endpoints).filter((r) => /^[a-z]{2}(-[a-z]+)+-\d+$/.test(r));
    expect([...PERSONALIZE_REGIONS].sort()).toEqual(listed.sort());
  });

  it('puts the configured region first and says where it came from', () => {
    const c = regionChoices('eu-west-1');
    expect(c[0]).toEqual({ value: 'eu-west-1', label: 'eu-west-1', description: 'Europe (Ireland) — from your AWS configuration' });
    expect(c.map((x) => x.value).sort()).toEqual([...PERSONALIZE_REGIONS].sort());
    expect(regionChoices(undefined)[0].value).toBe('us-east-1');
    // a configured region Personalize is not listed in stays first, with a note
    const other = regionChoices('sa-east-1');
    expect(other[0]).toMatchObject({ value: 'sa-east-1', description: 'from your AWS configuration; Personalize is not offered there' });
    expect(other).toHaveLength(PERSONALIZE_REGIONS.length + 1);
  });

  it('every row of the list fits 80 columns ("❯ " + region + two spaces + its description): none is cut', () => {
    // a region name is at most 14 characters (ap-southeast-3); the note for an unlisted one was cut
    for (const c of [...regionChoices('ap-southeast-3'), ...regionChoices('ap-southeast-2')]) {
      expect(`❯ ${c.label}  ${c.description ?? ''}`.length, c.description).toBeLessThanOrEqual(80);
    }
  });

  it('checks a typed region name', () => {
    expect(checkRegion(' eu-west-1 ')).toBeUndefined();
    expect(checkRegion('Ireland')).toBe('"Ireland" is not a region name: pick one by its number or type one like us-east-1.');
  });
});

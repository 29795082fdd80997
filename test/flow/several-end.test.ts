// The end of a several-files run (src/flow/machine/several-end.ts): each job's outcome, ARN and, when
// it did not end ACTIVE, its own explanation and next step — a job whose watch gave up (the service
// stopped answering) included: it goes on in AWS, and the end says how to follow it.
import { describe, expect, it } from 'vitest';
import { groupCommands, summaryLines } from '../../src/flow/machine/several-end.js';
import type { FlowPorts, FlowState } from '../../src/flow/machine/types.js';
import type { GroupJobResult } from '../../src/flow/group-jobs.js';

const job = (type: GroupJobResult['type'], over: Partial<GroupJobResult>): GroupJobResult => ({
  type, file: `/data/${type.toLowerCase()}.csv`, datasetArn: `arn:aws:personalize:us-east-1:111122223333:dataset/shop/${type}`,
  dataLocation: `s3://b/${type}.csv`, jobName: `shop-${type}`, status: 'ACTIVE',
  datasetImportJobArn: `arn:aws:personalize:us-east-1:111122223333:dataset-import-job/shop-${type.toLowerCase()}`, ...over,
});

describe('several files: the end lines', () => {
  it('a failed job and a job the watch lost each get their explanation and next step; an ACTIVE one none', () => {
    const lines = summaryLines([
      job('INTERACTIONS', {}),
      job('ITEMS', { status: 'CREATE FAILED', failureReason: 'Length cannot be more than 256 characters for ITEM_ID', explanation: { title: 'An ID is too long', cause: 'ITEM_ID over 256 characters', fix: 'Shorten the IDs, then import again' } }),
      job('USERS', { status: 'CREATE IN_PROGRESS', interrupted: true, explanation: { title: 'Could not follow the job', cause: 'connect ECONNREFUSED', fix: 'Follow it with: personalize-import status arn:aws:personalize:us-east-1:111122223333:dataset-import-job/shop-users' } }),
    ]);
    expect(lines[0]).toBe('Import jobs: 1 of 3 ACTIVE');
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const items = at(/^ {2}✗ items +CREATE FAILED · items\.csv$/);
    expect(lines.slice(items + 1, items + 4)).toEqual([
      '      arn:aws:personalize:us-east-1:111122223333:dataset-import-job/shop-items',
      '      An ID is too long: ITEM_ID over 256 characters',
      '      → Shorten the IDs, then import again',
    ]);
    const users = at(/^ {2}… users +CREATE IN_PROGRESS · users\.csv$/);
    expect(lines.slice(users + 2, users + 4)).toEqual([
      '      Could not follow the job: connect ECONNREFUSED',
      '      → Follow it with: personalize-import status arn:aws:personalize:us-east-1:111122223333:dataset-import-job/shop-users',
    ]);
    const interactions = at(/^ {2}✓ interactions +ACTIVE/);
    expect(lines[interactions + 2]).toMatch(/^ {2}[✓✗…] /);
  });
});

describe('several files: the commands at the end', () => {
  const state = { loaded: { group: { name: 'shoe-store', arn: 'arn:aws:personalize:eu-west-1:111122223333:dataset-group/shoe-store' } } } as unknown as FlowState;
  const ports = (sandbox: boolean) => ({ context: { sandbox } }) as unknown as FlowPorts;

  it('AWS (or a sandbox kept running): the group’s history in its region, status and diagnose; diagnose first after a failure', () => {
    expect(groupCommands(state, ports(false), true)).toEqual([
      'Commands:',
      '  personalize-import history --dataset-group shoe-store --region eu-west-1',
      '  personalize-import status <job-arn>',
      '  personalize-import diagnose <job-arn>',
      'Start with diagnose on a job that failed: it says why and what to change.',
    ]);
  });

  it('the embedded sandbox: no command (a new one knows only its sample groups: "history --sandbox --dataset-group shoe-store" ended in exit 2), how to keep a sandbox instead', () => {
    const lines = groupCommands(state, ports(true), true);
    expect(lines.join('\n')).not.toMatch(/personalize-import (history|status|diagnose)/);
    expect(lines.join('\n')).toMatch(/keep a sandbox running: personalize-import sandbox --help/);
  });
});

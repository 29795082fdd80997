// flowFor (src/ui/ink/face/ports.ts): the Ink wizard's flags reach the step machine's answers as
// plain mode's do. --event-type, --keep and --event-names were dropped on this way (the Ink wizard
// ignored them while its help and the README said they answer their steps).
import { describe, expect, it } from 'vitest';
import { flowFor } from '../../../../src/ui/ink/face/ports.js';
import type { Connected, WizardServices } from '../../../../src/ui/ink/types.js';

// the connection and services flowFor reads (no call is made here: it only builds the ports and state)
const conn = { personalize: {}, s3: {}, context: { region: 'eu-west-1', sandbox: true, roleArn: 'arn:aws:iam::1:role/r', bucket: 'b' } } as unknown as Connected;
const services = { cwd: '/tmp' } as unknown as WizardServices;

describe('flowFor: the flags\' answers', () => {
  it('--dates, --decimal, --event-type, --keep and --event-names are in the state the machine starts from', () => {
    const { state } = flowFor(services, conn, { region: 'eu-west-1', dateOrder: 'day-first', decimalMark: 'comma', eventType: 'Purchase', keep: ['Billing Country'], eventNames: { transaction: 'Purchase' } });
    expect(state.answers).toMatchObject({ region: 'eu-west-1', sandbox: true, dateOrder: 'day-first', decimalMark: 'comma', eventType: 'Purchase', keep: ['Billing Country'], eventNames: { transaction: 'Purchase' } });
    expect(state.presetFrom.dates).toBe('--dates');
  });

  it('none given: none set', () => {
    const { state } = flowFor(services, conn, { region: 'eu-west-1' });
    for (const k of ['dateOrder', 'decimalMark', 'eventType', 'keep', 'eventNames'] as const) expect(state.answers[k], k).toBeUndefined();
  });
});

// What record by record says before sending: true for each dataset type. Users and items are
// upserted by ID; events are not (PutEvents adds: an event sent twice is stored twice, and only
// the service's de-duplication in training makes it count once) — so "replaces" is said of them only.
import { describe, expect, it } from 'vitest';
import { differenceText } from '../../src/records/texts.js';

describe('differenceText', () => {
  it('users and items: the same ID sent again replaces the earlier record', () => {
    expect(differenceText('USERS').join('\n')).toContain('a user with the same ID sent again replaces the earlier one');
    expect(differenceText('ITEMS').join('\n')).toContain('an item with the same ID sent again replaces the earlier one');
  });
  it('interactions: an event sent again is added, not replaced', () => {
    const text = differenceText('INTERACTIONS').join('\n');
    expect(text).toContain('an event sent again is added, not replaced');
    expect(text).not.toMatch(/same ID sent again replaces/);
  });
});

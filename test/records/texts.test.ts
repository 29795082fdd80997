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

describe('influenceText in a Domain dataset group', () => {
  // a Domain group has recommenders (retrained by Personalize every 7 days), no recipes or solution
  // versions of the user's: "other recipes need a new solution version" was said to it too
  it('says what the recommenders do, never what recipes or solution versions need', () => {
    for (const type of ['INTERACTIONS', 'ITEMS', 'USERS'] as const) {
      for (const domain of ['ECOMMERCE', 'VIDEO_ON_DEMAND'] as const) {
        const text = differenceText(type, domain).join('\n');
        expect(text, `${type} ${domain}`).toContain(`Personalize retrains your ${domain} recommenders on all the data every 7 days; no solution version to train`);
        expect(text, `${type} ${domain}`).not.toMatch(/recipes? need|train a new solution version|solution version is trained|User-Personalization/);
      }
    }
    expect(differenceText('ITEMS', 'ECOMMERCE').join('\n')).toContain('Top picks for you and Recommended for you add them within two hours');
  });
  it('a Custom group (no domain) keeps the solution-version advice', () => {
    expect(differenceText('ITEMS').join('\n')).toContain('other recipes need a new solution version');
  });
});

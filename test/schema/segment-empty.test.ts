// The schema inferred from a Segment tracks export whose visitors who never signed in have no user_id:
// "USER_ID (column user_id) is required, yet 300 of 1,200 values are empty. Fill them in or drop those
// rows." said nothing of the anonymous_id every one of those rows has. Now it says so, and that the
// fix step can use it; an export without anonymous_id reads as before.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../src/schema/index.js';
import { segmentCsv } from '../helpers/segment-csv.js';

const empty = async (csv: string) => (await inferSchema(Readable.from([Buffer.from(csv)]))).problems.find((p) => p.code === 'REQUIRED_EMPTY')?.message;

describe('USER_ID required, yet empty, in a Segment export', () => {
  it('says those rows have an anonymous_id the fix step can use', async () => {
    expect(await empty(segmentCsv(1200, 4))).toBe('USER_ID (column user_id) is required, yet 300 of 1,200 values are empty. They are visitors who never signed in (a Segment export): each of those 300 rows has an anonymous_id, which the fix step can use — “Fix and continue, anonymous visitors by their anonymous_id” writes it as their USER_ID (a visitor who signs in later is then two users). Or drop those rows.');
  });
  it('without an anonymous_id column: as before', async () => {
    const csv = segmentCsv(1200, 4).replace(/^anonymous_id,/, 'session,');
    expect(await empty(csv)).toBe('USER_ID (column user_id) is required, yet 300 of 1,200 values are empty. Fill them in or drop those rows.');
  });
});

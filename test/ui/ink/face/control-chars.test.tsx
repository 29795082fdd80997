// Text from a file, S3 or the service never reaches the terminal with its control characters: the
// Ink face's own lines beside the model's (which it escapes wherever it draws them).
import React from 'react';
import { describe, expect, it } from 'vitest';
import { RunView } from '../../../../src/ui/ink/face/RunView.js';
import type { FlowEvent } from '../../../../src/flow/machine/types.js';
import { drawAt } from '../../../helpers/draw.js';

const EVIL = 'x\x1b[2J\x07y';

describe('control characters in the Ink face', () => {
  it('a refused create: the likely cause quoting the service (an S3 key named from the file) is escaped', () => {
    // the upload's key is the file's name: a CSV named "x<ESC>[2J<BEL>y.csv" is quoted back by the service
    const error = Object.assign(new Error(`Invalid S3 path: s3://personalize-sandbox-data/personalize-import/${EVIL}.csv`), { name: 'InvalidInputException', awsName: 'InvalidInputException' });
    const frame = drawAt(<RunView events={[{ type: 'create-refused', error } as FlowEvent]} listLimit={10} sandbox={false} seenAt={0} />, 200);
    expect(frame).toContain('Likely cause:');
    expect(frame).toContain('personalize-import/x\\x1b[2J\\x07y.csv');
    expect(frame).not.toContain('\x1b[2J');
    expect(frame).not.toContain('\x07');
  });
});

// #16 item 20: the README's wizard table counts the steps the wizard counts ("step n of 9"), with
// the wizard's titles, and the unnumbered screens after the review are not given numbers.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { STEPS, stepNumber } from '../src/flow/steps.js';

describe('README wizard steps', () => {
  it('numbers the same steps, with the same titles, as the wizard', () => {
    const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## The wizard'), readme.indexOf('Before the job is created'));
    const numbered = [...table.matchAll(/^\| (\d+) ([^|]+?) \|/gm)].map((m) => [Number(m[1]), m[2]]);
    const questions = STEPS.filter((s) => stepNumber(s.id).n > 0);
    expect(numbered).toEqual(questions.map((s) => [stepNumber(s.id).n, s.title]));
    expect(numbered.length).toBe(stepNumber('review').of);
  });
});

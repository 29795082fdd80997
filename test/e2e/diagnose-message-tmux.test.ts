// `diagnose --message` in a real terminal (tmux): a support engineer pastes a block, ends it with
// Ctrl-D and reads the diagnosis; hostile bytes in the paste are shown escaped, never acted on; the
// help shows the entry point with a pasted CLI error. The built CLI (dist/cli.js), no AWS at all.
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, Terminal } from '../helpers/tmux.js';

let t: Terminal | undefined;
afterEach(() => t?.close());

const ENV = { HOME: '/nonexistent', NO_COLOR: '1', PATH: process.env.PATH };

/** `diagnose --message -`: the text typed as a paste (its parts in turn), Enter, Ctrl-D; the screen once `until` shows */
async function pasted(parts: string[], until: string): Promise<string> {
  const term = new Terminal([process.execPath, CLI, 'diagnose', '--message', '-'], { cols: 80, rows: 40, env: ENV });
  t = term;
  await term.waitFor('Paste the error text, then press Ctrl-D', 20_000);
  for (const p of parts) term.type(p);
  term.send('Enter');
  term.send('C-d');
  return term.waitFor(until, 20_000);
}

/** `diagnose --message <text>` at 80×24, exit 0; the summary is longer than the screen: what the user scrolls back through */
async function at80x24(text: string): Promise<string> {
  t = new Terminal([process.execPath, CLI, 'diagnose', '--message', text], { cols: 80, rows: 24, env: ENV });
  expect(await t.exitCode(20_000)).toBe(0);
  return t.history();
}

describe('diagnose --message in a terminal', () => {
  it('--message -: paste a CLI error, Ctrl-D, read the parsed facts and the diagnosis; exit 0', async () => {
    const screen = await pasted([
      'An error occurred (ResourceAlreadyExistsException) when calling the CreateDatasetGroup operation: ',
      'Dataset group arn:aws:personalize:us-east-1:123456789012:dataset-group/shop already exists.',
    ], 'Diagnosis: A dataset group with this name already exists');
    expect(screen).toContain('Pasted error (AWS CLI)');
    expect(screen).toMatch(/Operation\s+CreateDatasetGroup/);
    expect(screen).toContain('--dataset-group shop');
    expect(await t!.exitCode()).toBe(0);
  });

  it('a message retyped into a chat, with a slip in it: read with the word respelled, the diagnosis says so', async () => {
    const screen = await pasted(['hi team, the import failed again with "Insufficent privileges for accessing data in S3" - any idea?'], 'Diagnosis: Personalize could not read the data in S3');
    expect(screen).toMatch(/Read as\s+Insufficent → Insufficient/);
    expect(screen).not.toContain('not in the catalogue');
    expect(await t!.exitCode()).toBe(0);
  });

  it('a banner inside an e-mail, with a key ARN: the message is its paragraph (not the sign-off), and at 80 columns the ARN is whole on one line', async () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const term = new Terminal([process.execPath, CLI, 'diagnose', '--message', `Hi team, from the console:\n\nFailed to create dataset import job: User: arn:aws:sts::123456789012:assumed-role/PersonalizeS3/imp is not authorized to perform: kms:Decrypt on resource: ${key}\n\nWe changed nothing. Thanks, Dana`], { cols: 80, rows: 40, env: ENV });
    t = term;
    const out = await term.waitFor('Diagnosis:', 20_000);
    expect(await term.exitCode()).toBe(0);
    const lines = out.split('\n');
    // the key ARN (75 characters) that ends the Message field whole on a line of its own, not cut by the terminal at column 80
    const at = lines.findIndex((l) => l.includes('kms:Decrypt on resource:'));
    expect(lines[at + 1].trim(), out).toBe(key);
    expect(out).toMatch(/Operation\s+CreateDatasetImportJob/);
    expect(out).not.toContain('Thanks, Dana');
  });

  it('a log with two different CLI errors (CRLF line ends): each diagnosed under its own heading, at 80 columns', async () => {
    const term = new Terminal([process.execPath, CLI, 'diagnose', '--message', [
      'An error occurred (LimitExceededException) when calling the CreateDatasetImportJob operation: More than 5 resources with PENDING or IN_PROGRESS status.',
      'An error occurred (ResourceAlreadyExistsException) when calling the CreateDatasetImportJob operation: Dataset import job arn:aws:personalize:us-east-1:123456789012:dataset-import-job/nightly already exists.',
    ].join('\r\n')], { cols: 80, rows: 60, env: ENV });
    t = term;
    const out = await term.waitFor('Diagnosis: An import job with this name already exists', 20_000);
    expect(await term.exitCode()).toBe(0);
    expect(out).toContain('The text holds 2 different errors: each is diagnosed on its own, in the');
    const [, one, two] = out.split(/── Error \d of 2 ──/);
    expect(one).toMatch(/Exception\s+LimitExceededException/);
    expect(one).toContain('Diagnosis: Too many import jobs running at once');
    expect(one).not.toContain('already exists');
    expect(two).toMatch(/Exception\s+ResourceAlreadyExistsException/);
  });

  it('a CLI error copied out of an 80-column terminal that hard-wrapped it (mid operation name, mid ARN): read whole, and the screen says the breaks were taken out', async () => {
    const error = 'aws: [ERROR]: An error occurred (AccessDeniedException) when calling the CreateDatasetImportJob operation: User: arn:aws:sts::123456789012:assumed-role/DataEngineer/alice is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/PersonalizeS3Role';
    const copied = error.match(/.{1,80}/g)!.join('\n');
    expect(copied).toContain('CreateD\natasetImportJob');
    const screen = await at80x24(copied);
    expect(screen).toContain('Diagnosis: You may not pass the service role to Personalize');
    expect(screen).toContain('Pasted error (AWS CLI)');
    expect(screen).toMatch(/Operation\s+CreateDatasetImportJob/);
    expect(screen).toMatch(/Line breaks\s+taken out where a terminal 80 columns wide broke the/);
    expect(screen).toContain('iam:PassRole on arn:aws:iam::123456789012:role/PersonalizeS3Role');
  });

  it('a Java SDK exception with its stack trace: the exception line is the message, the stack is not shown', async () => {
    const java = 'Exception in thread "main" com.amazonaws.services.personalize.model.InvalidInputException: Length cannot be more than 256 characters for ITEM_ID (Service: AmazonPersonalize; Status Code: 400; Error Code: InvalidInputException; Request ID: 8f7e6d5c-4b3a-4291-8e7f-6d5c4b3a2910; Proxy: null)\n' +
      '\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.handleErrorResponse(AmazonHttpClient.java:1879)\n' +
      '\tat com.amazonaws.services.personalize.AmazonPersonalizeClient.createDatasetImportJob(AmazonPersonalizeClient.java:1471)';
    const screen = await at80x24(java);
    expect(screen).toContain('Diagnosis: A value is longer than the column allows');
    expect(screen).toContain('Pasted error (AWS SDK for Java)');
    expect(screen).toMatch(/Operation\s+CreateDatasetImportJob/);
    expect(screen).toMatch(/Message\s+Length cannot be more than 256 characters for ITEM_ID\n/);
    expect(screen).not.toContain('AmazonHttpClient');
  });

  it('escape sequences in the pasted text are shown escaped, the screen is not cleared', async () => {
    const hostile = 'An error occurred (InvalidInputException) when calling the CreateSchema operation: bad\x1b[2J\x1b[H\x1b]0;pwned\x07 field \x1b[31mRED';
    t = new Terminal([process.execPath, CLI, 'diagnose', '--message', hostile], { cols: 100, rows: 40, env: ENV });
    const screen = await t.waitFor('Diagnosis:', 20_000);
    expect(await t.exitCode()).toBe(0);
    // the first line is still there (no ESC[2J wiped it) and the bytes are printed as text
    expect(screen.split('\n')[0]).toContain('Pasted error (AWS CLI)');
    expect(screen).toContain('\\x1b[2J');
    expect(screen).toContain('\\x1b]0;pwned\\x07');
  });

  it('diagnose --help shows the --message entry point with a pasted CLI error', async () => {
    t = new Terminal([process.execPath, CLI, 'diagnose', '--help'], { cols: 100, rows: 80, env: ENV });
    const screen = await t.waitFor(/personalize-import diagnose --message 'An error occurred \(ResourceAlreadyExistsException\)/, 20_000);
    expect(screen).toContain('--message <text|->');
    expect(await t.exitCode()).toBe(0);
  });
});

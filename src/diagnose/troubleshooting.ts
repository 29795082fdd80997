// The catalogue as the README's troubleshooting section (scripts/update-readme.ts writes it; a
// test keeps README and catalogue from drifting apart). Core module.
import { CATALOGUE_EXAMPLES, diagnoseText } from './catalogue.js';

export const PASTED_CLI_EXAMPLE =
  'An error occurred (ResourceAlreadyExistsException) when calling the CreateSchema operation: Another resource with Arn arn:aws:personalize:eu-west-1:123456789012:schema/shop-users already exists.';

function fence(text: string): string[] {
  return ['```text', ...text.split('\n'), '```'];
}

export function troubleshootingMarkdown(): string {
  const out: string[] = [
    '## Troubleshooting',
    '',
    '`personalize-import diagnose <job-arn>` (a job name works too) matches a failed job\'s failure reason against the catalogue below and runs the permission and data checks. ' +
      'For the text alone — what a customer pastes into a ticket — use `diagnose --message`: no AWS call, any of the usual wrappers (AWS CLI, boto3/botocore traceback, ' +
      'the JavaScript SDK\'s `Name: message` and `$metadata` dump, the Java, .NET and Go SDKs\' exception lines, a PowerShell error record, CloudFormation "Resource handler returned message", Step Functions error/cause JSON, ' +
      'a CloudTrail event, a JSON log line, a console banner — also as a terminal hard-wrapped it, cut at its width) ' +
      'is read into the exception name, operation, HTTP status, request id and message, and all of them are matched on:',
    '',
    '```sh',
    `personalize-import diagnose --message '${PASTED_CLI_EXAMPLE}'`,
    'pbpaste | personalize-import diagnose --message -          # a whole pasted block from stdin',
    'personalize-import diagnose --message - --json < ticket.txt  # {"parsed": {…}, "match": {…}}',
    '```',
    '',
  ];
  const seen = new Set<string>();
  for (const { id, example } of CATALOGUE_EXAMPLES) {
    if (seen.has(id)) continue;
    seen.add(id);
    const { match } = diagnoseText(example);
    out.push(`### ${match.title}`, '', ...fence(example), '', `**Cause.** ${match.cause}`, '', `**Fix.** ${match.fix}`, '');
    if (match.known && match.docs) out.push(`Docs: ${match.docs}`, '');
  }
  out.push('Any other message is reported as not recognised — no cause is guessed — with what the text does say (exception, operation, status, request id) and the checks to run next.', '');
  return out.join('\n');
}

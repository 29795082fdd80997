// Pasted texts as customers really send them from a terminal: an AWS CLI v2 error copied out of a
// terminal that hard-wrapped it at its width (line breaks in the middle of the operation name, an
// ARN's account id, a bucket name) — with and without the "aws: [ERROR]:" prefix, in a botocore
// traceback — and the exception lines of the Java, .NET and Go SDKs with their stack traces under
// them. Each must find the entry, the facts and the values a fix is written with.
import { describe, expect, it } from 'vitest';
import { diagnoseText } from '../../src/diagnose/catalogue.js';
import { messageJson, renderMessageText } from '../../src/diagnose/message.js';
import { unwrapTerminal } from '../../src/diagnose/unwrap.js';

const ACCT = '123456789012';
const RID = '8f7e6d5c-4b3a-4291-8e7f-6d5c4b3a2910';

/** What a terminal `cols` wide shows of `text`, copied with a line break wherever it wrapped a line (a tab goes to the next stop of 8). */
function terminal(text: string, cols: number): string {
  return text.split('\n').map((line) => {
    let out = '';
    let col = 0;
    for (const ch of line) {
      const next = ch === '\t' ? (Math.floor(col / 8) + 1) * 8 : col + 1;
      if (next > cols) {
        out += '\n';
        col = 0;
      }
      out += ch;
      col = ch === '\t' ? (Math.floor(col / 8) + 1) * 8 : col + 1;
    }
    return out;
  }).join('\n');
}

const PASSROLE = `aws: [ERROR]: An error occurred (AccessDeniedException) when calling the CreateDatasetImportJob operation: User: arn:aws:sts::${ACCT}:assumed-role/DataEngineer/alice is not authorized to perform: iam:PassRole on resource: arn:aws:iam::${ACCT}:role/PersonalizeS3Role`;
const EXISTS = `\nAn error occurred (ResourceAlreadyExistsException) when calling the CreateDatasetImportJob operation: Dataset import job arn:aws:personalize:us-east-1:${ACCT}:dataset-import-job/acme-interactions-20261201 already exists.\n`;
const PRIVILEGES = 'An error occurred (InvalidInputException) when calling the CreateDatasetImportJob operation: Insufficient privileges for accessing data in S3 bucket acme-personalize-data.';

describe('an AWS CLI error a terminal hard-wrapped at its width', () => {
  it('the break in "CreateDa|tasetImportJob" and in the account id of both ARNs: PassRole with the whole role and principal', () => {
    const text = terminal(PASSROLE, 80);
    expect(text.split('\n')[0]).toHaveLength(80);
    const { parsed, match } = diagnoseText(text);
    expect(parsed).toMatchObject({ wrapper: 'aws-cli', name: 'AccessDeniedException', operation: 'CreateDatasetImportJob', unwrapped: 80 });
    expect(match.id).toBe('passrole-denied');
    expect(match.captured).toEqual({ principal: `arn:aws:sts::${ACCT}:assumed-role/DataEngineer/alice`, role: `arn:aws:iam::${ACCT}:role/PersonalizeS3Role` });
    expect(match.fix).toContain(`iam:PassRole on arn:aws:iam::${ACCT}:role/PersonalizeS3Role for arn:aws:sts::${ACCT}:assumed-role/DataEngineer/alice`);
  });

  it('"CreateDataset|ImportJob" and a job ARN cut in its account id: the reused job name, not "a resource" with the event-tracker advice', () => {
    const { parsed, match } = diagnoseText(terminal(EXISTS, 80));
    expect(parsed).toMatchObject({ wrapper: 'aws-cli', name: 'ResourceAlreadyExistsException', operation: 'CreateDatasetImportJob' });
    expect(match.id).toBe('already-exists-import-job');
    expect(match.captured).toMatchObject({ name: 'acme-interactions-20261201', arn: `arn:aws:personalize:us-east-1:${ACCT}:dataset-import-job/acme-interactions-20261201` });
    expect(match.fix).toContain('personalize-import status acme-interactions-20261201');
    expect(match.fix).not.toContain('event tracker');
  });

  it.each([80, 100, 120, 93])('a bucket name cut by the wrap is whole again (%i columns)', (cols) => {
    const { parsed, match } = diagnoseText(terminal(PRIVILEGES, cols));
    expect(parsed).toMatchObject({ name: 'InvalidInputException', operation: 'CreateDatasetImportJob', message: 'Insufficient privileges for accessing data in S3 bucket acme-personalize-data.' });
    expect(match.captured).toEqual({ bucket: 'acme-personalize-data' });
    expect(match.fix).toContain('on acme-personalize-data and acme-personalize-data/*');
  });

  it('a botocore traceback wrapped at 80 columns: the exception line is read whole, the traceback lines stay lines', () => {
    const tb = 'Traceback (most recent call last):\n  File "/home/ec2-user/import_job.py", line 14, in <module>\n    response = personalize.create_dataset_import_job(\n' +
      '  File "/usr/local/lib/python3.11/site-packages/botocore/client.py", line 1021, in _make_api_call\n    raise error_class(parsed_response, operation_name)\n' +
      'botocore.errorfactory.InvalidInputException: An error occurred (InvalidInputException) when calling the CreateDatasetImportJob operation: Dataset has fewer than 1000 interactions after filtering by event type: Purchase';
    const { parsed, match } = diagnoseText(terminal(tb, 80));
    expect(parsed).toMatchObject({ wrapper: 'botocore', operation: 'CreateDatasetImportJob', unwrapped: 80 });
    expect(match.id).toBe('too-few-interactions-event-type');
    expect(match.captured).toEqual({ minimum: '1000', eventType: 'Purchase' });
  });

  it('the summary says the line breaks were taken out, and --json carries the width', () => {
    const { parsed, match } = diagnoseText(terminal(PASSROLE, 80));
    expect(renderMessageText(parsed, match)).toMatch(/Line breaks\s+taken out where a terminal 80 columns wide broke the text/);
    expect((messageJson(parsed, match) as { parsed: { unwrapped: number } }).parsed.unwrapped).toBe(80);
  });

  it('text a word-wrapper broke between words (an e-mail) keeps its spaces: no line is joined', () => {
    const mail = 'Hi team, our nightly import failed again this morning and we do not know\nwhy. The console said: Insufficient privileges for accessing data in S3\nbucket acme-data. We did not change the bucket policy or the role at all\nas far as anyone here knows. Could you take a look at it for us please?\nThanks';
    expect(unwrapTerminal(mail)).toBeUndefined();
    const { parsed, match } = diagnoseText(mail);
    expect(parsed.unwrapped).toBeUndefined();
    expect(match.captured).toEqual({ bucket: 'acme-data' });
  });

  it('a short paste with nothing at the width is left as it is', () => {
    expect(unwrapTerminal('An error occurred (X) when calling the Y operation:\nshort')).toBeUndefined();
    expect(unwrapTerminal(PRIVILEGES)).toBeUndefined();
  });
});

describe('the Java, .NET and Go SDKs and PowerShell: the exception line is the message, the stack trace is not', () => {
  const java1 = `Exception in thread "main" com.amazonaws.services.personalize.model.InvalidInputException: Length cannot be more than 256 characters for ITEM_ID (Service: AmazonPersonalize; Status Code: 400; Error Code: InvalidInputException; Request ID: ${RID}; Proxy: null)\n` +
    '\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.handleErrorResponse(AmazonHttpClient.java:1879)\n' +
    '\tat com.amazonaws.services.personalize.AmazonPersonalizeClient.doInvoke(AmazonPersonalizeClient.java:4321)\n' +
    '\tat com.amazonaws.services.personalize.AmazonPersonalizeClient.executeCreateDatasetImportJob(AmazonPersonalizeClient.java:1502)\n' +
    '\tat com.amazonaws.services.personalize.AmazonPersonalizeClient.createDatasetImportJob(AmazonPersonalizeClient.java:1471)\n' +
    '\tat com.acme.reco.Importer.main(Importer.java:42)';
  const java2 = `software.amazon.awssdk.services.personalize.model.InvalidInputException: Insufficient privileges for accessing data in S3 bucket acme-data (Service: Personalize, Status Code: 400, Request ID: ${RID})\n` +
    '\tat software.amazon.awssdk.core.internal.http.CombinedResponseHandler.handleErrorResponse(CombinedResponseHandler.java:125)\n' +
    '\tat software.amazon.awssdk.services.personalize.DefaultPersonalizeClient.createDatasetImportJob(DefaultPersonalizeClient.java:1123)';
  const javaAsync = `java.util.concurrent.CompletionException: software.amazon.awssdk.services.personalize.model.LimitExceededException: More than 5 resources with PENDING or IN_PROGRESS status. (Service: Personalize, Status Code: 400, Request ID: ${RID})\n` +
    '\tat software.amazon.awssdk.utils.CompletableFutureUtils.errorAsCompletionException(CompletableFutureUtils.java:65)\n' +
    `Caused by: software.amazon.awssdk.services.personalize.model.LimitExceededException: More than 5 resources with PENDING or IN_PROGRESS status. (Service: Personalize, Status Code: 400, Request ID: ${RID})\n` +
    '\t... 21 more';
  const dotnet = 'Unhandled exception. Amazon.Personalize.Model.InvalidInputException: Input CSV is missing the following columns: [USER_ID]\n' +
    " ---> Amazon.Runtime.Internal.HttpErrorResponseException: Exception of type 'Amazon.Runtime.Internal.HttpErrorResponseException' was thrown.\n" +
    '   at Amazon.Runtime.HttpWebRequestMessage.ProcessHttpResponseMessage(HttpResponseMessage responseMessage)\n   --- End of inner exception stack trace ---\n' +
    '   at Amazon.Personalize.AmazonPersonalizeClient.CreateDatasetImportJobAsync(CreateDatasetImportJobRequest request, CancellationToken cancellationToken)\n' +
    '   at Program.<Main>$(String[] args) in /src/Program.cs:line 12';
  const ps = 'New-PERSDatasetImportJob : Insufficient privileges for accessing data in S3 bucket acme-data\nAt line:1 char:1\n+ New-PERSDatasetImportJob -JobName acme-1 -DatasetArn arn:aws:personal ...\n' +
    '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n' +
    '    + CategoryInfo          : InvalidOperation: (Amazon.PowerShell.Cmdlets.PERS.NewPERSDatasetImportJobCmdlet:NewPERSDatasetImportJobCmdlet) [New-PERSDatasetImportJob], InvalidOperationException\n' +
    '    + FullyQualifiedErrorId : Amazon.Personalize.Model.InvalidInputException,Amazon.PowerShell.Cmdlets.PERS.NewPERSDatasetImportJobCmdlet';
  const go = `2026/12/01 09:14:22 failed to create import job: operation error Personalize: CreateDatasetImportJob, https response error StatusCode: 400, RequestID: ${RID}, InvalidInputException: Insufficient privileges for accessing data in S3 bucket acme-data\nexit status 1`;

  it.each([
    ['Java SDK v1', java1, { wrapper: 'java-sdk', name: 'InvalidInputException', operation: 'CreateDatasetImportJob', status: 400, requestId: RID, service: 'Personalize', message: 'Length cannot be more than 256 characters for ITEM_ID' }, 'value-too-long', { limit: '256', column: 'ITEM_ID' }],
    ['Java SDK v2', java2, { wrapper: 'java-sdk', name: 'InvalidInputException', operation: 'CreateDatasetImportJob', status: 400, requestId: RID, message: 'Insufficient privileges for accessing data in S3 bucket acme-data' }, 's3-insufficient-privileges', { bucket: 'acme-data' }],
    ['Java async (CompletionException)', javaAsync, { wrapper: 'java-sdk', name: 'LimitExceededException', status: 400, requestId: RID, message: 'More than 5 resources with PENDING or IN_PROGRESS status.' }, 'too-many-running-jobs', { limit: '5' }],
    ['.NET', dotnet, { wrapper: 'dotnet-sdk', name: 'InvalidInputException', operation: 'CreateDatasetImportJob', service: 'Personalize', message: 'Input CSV is missing the following columns: [USER_ID]' }, 'missing-columns', { columns: 'USER_ID' }],
    ['Go v2', go, { wrapper: 'go-sdk', name: 'InvalidInputException', operation: 'CreateDatasetImportJob', status: 400, requestId: RID, service: 'Personalize', message: 'Insufficient privileges for accessing data in S3 bucket acme-data' }, 's3-insufficient-privileges', { bucket: 'acme-data' }],
    ['AWS Tools for PowerShell', ps, { wrapper: 'powershell', name: 'InvalidInputException', operation: 'CreateDatasetImportJob', service: 'Personalize', message: 'Insufficient privileges for accessing data in S3 bucket acme-data' }, 's3-insufficient-privileges', { bucket: 'acme-data' }],
  ] as const)('%s', (_label, text, facts, id, captured) => {
    for (const copy of [text, terminal(text, 80)]) {
      const { parsed, match } = diagnoseText(copy);
      expect(parsed).toMatchObject(facts);
      expect(match.id).toBe(id);
      expect(match.captured).toEqual(captured);
    }
    const { parsed, match } = diagnoseText(text);
    expect(parsed).toMatchObject(facts);
    expect(match.id).toBe(id);
    expect(match.captured).toEqual(captured);
    expect(parsed.message).not.toMatch(/\bat\s+[\w.$]+\(|Caused by|exit status|Request ID|At line:|CategoryInfo/);
    expect(renderMessageText(parsed, match)).toMatch(/^Pasted error \(AWS (?:SDK for (?:Java|\.NET|Go)|Tools for PowerShell)\)/);
  });
});

describe('a log line and a console banner as copied', () => {
  it('a CloudWatch Logs line (time, request id, level, then the logged JS SDK error as JSON): the error inside is read, not the whole line', () => {
    const line = `2026-12-01T09:14:22.123Z\t5f3e2a1b-1c2d-4e5f-8a9b-0c1d2e3f4a5b\tERROR\t${JSON.stringify({ level: 'error', msg: 'import failed', error: { name: 'InvalidInputException', $fault: 'client', $metadata: { httpStatusCode: 400, requestId: RID, attempts: 1 }, __type: 'com.amazonaws.personalize#InvalidInputException', message: 'Input CSV is missing the following columns: [ITEM_ID]' } })}`;
    const { parsed, match } = diagnoseText(line);
    expect(parsed).toMatchObject({ wrapper: 'js-sdk', name: 'InvalidInputException', status: 400, requestId: RID, message: 'Input CSV is missing the following columns: [ITEM_ID]' });
    expect(match).toMatchObject({ id: 'missing-columns', captured: { columns: 'ITEM_ID' } });
  });

  it('a structured log line whose "message" holds the SDK error text: its name and message, and the bucket without the JSON around it', () => {
    const { parsed, match } = diagnoseText(JSON.stringify({ timestamp: '2026-12-01T09:14:22.123Z', level: 'ERROR', message: 'InvalidInputException: Insufficient privileges for accessing data in S3 bucket acme-data' }));
    expect(parsed).toMatchObject({ name: 'InvalidInputException', message: 'Insufficient privileges for accessing data in S3 bucket acme-data' });
    expect(match).toMatchObject({ id: 's3-insufficient-privileges', captured: { bucket: 'acme-data' } });
  });

  it('a banner copied with a no-break space, curly quotes and zero-width spaces: the message without them', () => {
    const a = diagnoseText('Failed to create dataset import job:\u00a0\u201cInsufficient privileges for accessing data in Amazon\u00a0S3.\u201d');
    expect(a.parsed.message).toBe('Insufficient privileges for accessing data in Amazon S3.');
    expect(a.match.id).toBe('s3-insufficient-privileges');
    const b = diagnoseText('Create dataset import job failed\n\u200bDataset has fewer than 1000 interactions after filtering by event type: \u2018purchase\u2019\u200b');
    expect(b.parsed.message).toBe('Dataset has fewer than 1000 interactions after filtering by event type: \u2018purchase\u2019');
    expect(b.match).toMatchObject({ id: 'too-few-interactions-event-type', captured: { eventType: 'purchase' } });
  });
});

describe('a log of two CLI errors, both hard-wrapped', () => {
  it('the first is read whole and first (not the second, because as written only its PassRole words were recognisable), the second handed on whole', () => {
    const { parsed, match } = diagnoseText(terminal(`${EXISTS}${PASSROLE}\n`, 80));
    expect(parsed).toMatchObject({ name: 'ResourceAlreadyExistsException', operation: 'CreateDatasetImportJob', unwrapped: 80 });
    expect(match.id).toBe('already-exists-import-job');
    expect(parsed.message).toBe(`Dataset import job arn:aws:personalize:us-east-1:${ACCT}:dataset-import-job/acme-interactions-20261201 already exists.`);
    const second = diagnoseText(parsed.next!);
    expect(second.match.id).toBe('passrole-denied');
    expect(second.match.captured?.role).toBe(`arn:aws:iam::${ACCT}:role/PersonalizeS3Role`);
  });
});

// Pasted error text → the facts in it: exception name, operation, HTTP status, request id and the
// service's own message. Support engineers get the text, not the job, wrapped in whatever printed
// it: the AWS CLI, a boto3/botocore traceback, the JS SDK (`Name: message` and its `$metadata`
// dump), CloudFormation ("Resource handler returned message: …"), Step Functions error/cause JSON,
// a CloudTrail event, a console banner, the Java / .NET / Go SDKs' exception lines (parse-sdk.ts) —
// or a bare failureReason. Every regex here is linear (no nested quantifiers) and the text is cut to
// a bounded size first: a pasted blob, however large or odd, parses quickly and never throws.
// Core module: nothing outside src/diagnose.

import { sdkLine } from './parse-sdk.js';

export type Wrapper = 'aws-cli' | 'botocore' | 'js-sdk' | 'java-sdk' | 'dotnet-sdk' | 'go-sdk' | 'powershell' | 'cloudformation' | 'step-functions' | 'cloudtrail' | 'console' | 'plain';

export interface ParsedError {
  /** what printed it */
  wrapper: Wrapper;
  /** the exception name without namespace or service prefix ("ResourceAlreadyExistsException") */
  name?: string;
  /** the API operation in PascalCase ("CreateSchema") */
  operation?: string;
  /** HTTP status code */
  status?: number;
  requestId?: string;
  /** the service's message, trimmed of the wrapper */
  message: string;
  /** "Personalize", "S3", "IAM", "KMS", … when the text says */
  service?: string;
  /** CloudFormation resource type ("AWS::Personalize::DatasetGroup") when the text names one */
  resourceType?: string;
  /** CloudFormation HandlerErrorCode ("AlreadyExists") */
  handlerErrorCode?: string;
  /** words the text was read with respelled (catalogue.ts: a retyped message that matched nothing as written) */
  respelled?: { from: string; to: string }[];
  /** with `respelled`: the title of the entry the text as written matched (a broader one), or undefined for none */
  asWritten?: string;
  /** the width of the terminal whose hard line breaks were taken out before reading (unwrap.ts) */
  unwrapped?: number;
  /** the text from a second AWS CLI error on (a log with two failures): not part of this message, read on its own */
  next?: string;
  /** a describe-dataset-import-job output (or list-…'s summary): the job the failure is of */
  job?: PastedJob;
}

/** What a pasted import job's JSON says besides its failureReason (each as written). */
export interface PastedJob {
  name?: string;
  arn?: string;
  status?: string;
  datasetArn?: string;
  dataLocation?: string;
  roleArn?: string;
  mode?: string;
  created?: string;
  updated?: string;
}

/** Pasted text beyond this is not read (a support ticket's error is at its start or end). */
export const MAX_PARSED_CHARS = 200_000;

// Colour (SGR) from a terminal the text was copied out of is dropped; any other escape sequence
// stays in the text, to be shown escaped (\x1b[2J …): it is odd, and the reader should see it.
const SGR = /\x1b\[[0-9;]{0,64}m/g;

function clean(text: string, asSent: boolean): string {
  let t = text.length > MAX_PARSED_CHARS ? `${text.slice(0, MAX_PARSED_CHARS / 2)}\n${text.slice(-MAX_PARSED_CHARS / 2)}` : text;
  t = (asSent ? t : t.replace(SGR, '')).replace(/\r\n/g, '\n');
  // a lone surrogate or NUL makes no sense in a message; keep the rest as it is
  return t.replace(/\u0000/g, '');
}

const EDGE_MARKS = /^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$/g;

function tidy(s: string, asSent: boolean): string {
  // (as sent: only spaces, tabs and line breaks run together — a CR inside a quoted value is the data's)
  return asSent ? s.replace(/[ \t\n]+/g, ' ').replace(/^ | $/g, '') : s.replace(/\s+/g, ' ').trim();
}

/** "personalize.create_dataset_import_job" / "create-dataset-import-job" / "createDatasetImportJob" → "CreateDatasetImportJob" */
export function pascalOperation(s: string): string | undefined {
  const last = s.split(/[.:/]/).pop() ?? '';
  const words = last.split(/[_-]/).filter(Boolean);
  if (!words.length || words.some((w) => !/^[A-Za-z0-9]+$/.test(w))) return undefined;
  const op = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return /^[A-Z][A-Za-z0-9]{2,80}$/.test(op) ? op : undefined;
}

const SERVICE_ALIASES: [RegExp, string][] = [
  [/^(?:amazon\s*)?personalize(?:[-\s]?(?:events|runtime))?$/i, 'Personalize'],
  [/^(?:amazon\s*)?s3$/i, 'S3'],
  [/^(?:aws\s*)?(?:identity\s*management|iam)$/i, 'IAM'],
  [/^(?:aws\s*)?kms$/i, 'KMS'],
  [/^(?:aws\s*)?(?:sts|security\s*token(?:\s*service)?)$/i, 'STS'],
  [/^(?:aws\s*)?(?:sfn|states|step\s*functions)$/i, 'StepFunctions'],
  [/^(?:aws\s*)?lambda$/i, 'Lambda'],
];

function serviceName(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const t = s.trim();
  for (const [re, name] of SERVICE_ALIASES) if (re.test(t)) return name;
  return /^[A-Za-z][A-Za-z0-9 ]{0,40}$/.test(t) ? t : undefined;
}

/** "com.amazonaws.personalize#ResourceNotFoundException" / "Personalize.X" / "botocore.errorfactory.X" → { name, service } */
export function splitName(raw: string | undefined): { name?: string; service?: string } {
  if (!raw) return {};
  let s = raw.trim().replace(/^['"]|['"]$/g, '');
  if (s.includes('#')) s = s.slice(s.lastIndexOf('#') + 1);
  if (s.includes(':') && !s.startsWith('States.')) s = s.slice(s.lastIndexOf(':') + 1);
  const parts = s.split('.');
  if (parts[0] === 'States') return { name: s, service: 'StepFunctions' };
  const name = parts.pop() ?? '';
  const prefix = parts.join('.');
  if (!/^[A-Za-z][A-Za-z0-9_]{1,100}$/.test(name)) return {};
  const service = /^(botocore|boto3)\b/.test(prefix) ? undefined : serviceName(prefix.replace(/^com\.amazonaws\./i, ''));
  return { name, ...(service ? { service } : {}) };
}

// ---- facts findable anywhere ------------------------------------------------------------------

const REQUEST_ID = [
  /Request\s*ID\s*[:=]\s*['"]?([A-Za-z0-9][A-Za-z0-9-]{7,127})/i,
  /\brequestId\s*[:=]\s*['"]([A-Za-z0-9][A-Za-z0-9-]{7,127})['"]/i,
  /['"]RequestId['"]\s*:\s*['"]([A-Za-z0-9][A-Za-z0-9-]{7,127})['"]/i,
  /x-amzn-RequestId\s*[:=]\s*['"]?([A-Za-z0-9][A-Za-z0-9-]{7,127})/i,
];
const STATUS = [
  /Status\s*Code\s*[:=]\s*(\d{3})\b/i,
  /\bhttpStatusCode\s*['"]?\s*[:=]\s*(\d{3})\b/i,
  /['"]HTTPStatusCode['"]\s*:\s*(\d{3})\b/,
  /\bstatusCode\s*['"]?\s*[:=]\s*(\d{3})\b/,
  /\bHTTP(?:\/\d(?:\.\d)?)?\s+(\d{3})\b/,
];

function first(res: RegExp[], text: string): string | undefined {
  for (const re of res) {
    const m = re.exec(text);
    if (m) return m[1];
  }
  return undefined;
}

/** The Java/Go SDK trailer "(Service: X, Status Code: N, Request ID: R[, …])" or its ";" form with "Error Code". */
const TRAILER = /\s*\(Service:\s*([^,;()]{1,60})[,;]\s*Status\s*Code:\s*(\d{3})[,;]\s*(?:Error\s*Code:\s*([A-Za-z0-9_.]{1,100})[,;]\s*)?Request\s*ID:\s*([A-Za-z0-9-]{1,128})[^()]{0,300}\)/i;

interface Facts {
  name?: string;
  service?: string;
  operation?: string;
  status?: number;
  requestId?: string;
}

function stripTrailer(message: string, facts: Facts): string {
  const m = TRAILER.exec(message);
  if (!m) return message;
  facts.service ??= serviceName(m[1]);
  facts.status ??= Number(m[2]);
  if (m[3] && !facts.name) Object.assign(facts, { name: splitName(m[3]).name });
  facts.requestId ??= m[4];
  return message.slice(0, m.index) + message.slice(m.index + m[0].length);
}

// ---- the wrappers --------------------------------------------------------------------------------

const CLI = /An error occurred \(([^)\n]{1,120})\)(?: \(reached max retries: \d+\))? when calling the ([A-Za-z0-9]{1,80}) operation(?: \(reached max retries: \d+\))?\s*:?[ \t]*/;
const BOTO_OTHER = /(?:^|\s)botocore\.exceptions\.([A-Za-z]{1,80}):[ \t]*/m;
const CFN = /Resource handler returned message:\s*"/i;
const CFN_END = /"\s*\((?:RequestToken|HandlerErrorCode)\b/;
const HANDLER = /HandlerErrorCode:\s*([A-Za-z]{1,40})/;
const CFN_TYPE = /\b(AWS::[A-Za-z0-9]{1,40}::[A-Za-z0-9]{1,60})\b/;
// JS SDK: "ResourceNotFoundException: message" on a line of its own (maybe after a log prefix)
const JS_LINE = /(?:^|[\s\]>|])((?:[A-Z][A-Za-z0-9]{0,40}\.)?[A-Z][A-Za-z0-9]{1,80}(?:Exception|Error|Fault|Denied|Exists|NotFound|ByYou|Bucket|Key|Upload)):[ \t]+([^\n]{1,10000})/m;
const JS_STACK_OP = /\b(?:de_|deserializeAws_[a-z0-9]{1,20}_)([A-Z][A-Za-z0-9]{1,80}?)Command(?:Error)?\b/;
const SFN_TEXT = /(?:^|\n)[ \t]*Error[ \t]*:?[ \t]*\n?[ \t]*([A-Za-z][A-Za-z0-9]{0,30}\.[A-Za-z][A-Za-z0-9.]{1,100})[ \t]*\n[ \t]*Cause[ \t]*:?[ \t]*\n?([\s\S]{1,20000})/i;
const SFN_TASK = /aws-sdk:([a-z0-9]{1,40}):([a-zA-Z0-9]{1,80})/;
const CONSOLE_VERB = /\b(?:failed\s+to|unable\s+to|could\s+not|couldn't|error(?:\s+while)?|there\s+was\s+an\s+error)\s+(creat|updat|delet|describ|list|import|start)(?:e|ing)?\s+(?:the\s+|a\s+|an\s+|your\s+)?(dataset\s+import\s+job|dataset\s+group|dataset|schema|event\s+tracker|solution\s+version|solution|recommender|campaign|filter|role|bucket)\b/i;
const CONSOLE_FAILED = /\b(dataset\s+import\s+job|dataset\s+group|dataset|schema|solution\s+version|solution|recommender|campaign)(?:\s+(?:creation|create|import))?\s+failed\b/i;
const PY_CALL = /\.\s*((?:create|update|delete|describe|list|put|get|tag|untag)_[a-z_]{2,80})\s*\(/;
const CLI_COMMAND = /\baws\s+(personalize|s3api|s3|iam|kms|personalize-events)\s+([a-z][a-z-]{2,80})/;

const VERBS: Record<string, string> = { creat: 'Create', updat: 'Update', delet: 'Delete', describ: 'Describe', list: 'List', import: 'Create', start: 'Create' };
const NOUNS: Record<string, string> = {
  'dataset import job': 'DatasetImportJob', 'dataset group': 'DatasetGroup', dataset: 'Dataset', schema: 'Schema', 'event tracker': 'EventTracker',
  'solution version': 'SolutionVersion', solution: 'Solution', recommender: 'Recommender', campaign: 'Campaign', filter: 'Filter', role: 'Role', bucket: 'Bucket',
};

function consoleOperation(verb: string, noun: string): string | undefined {
  const n = NOUNS[noun.toLowerCase().replace(/\s+/g, ' ')];
  const v = VERBS[verb.toLowerCase()];
  if (!n || !v) return undefined;
  if (v === 'List') return `List${n === 'DatasetGroup' ? 'DatasetGroups' : `${n}s`}`;
  if (verb.toLowerCase() === 'import') return 'CreateDatasetImportJob';
  return `${v}${n}`;
}

function fromJson(text: string): { facts: Facts; message?: string; wrapper?: Wrapper; inner?: string; job?: PastedJob } | undefined {
  const t = text.trim();
  if (!t.startsWith('{') || t.length > MAX_PARSED_CHARS) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(t);
  } catch {
    return undefined;
  }
  const facts: Facts = {};
  let found: { message?: string; wrapper?: Wrapper; job?: PastedJob } | undefined;
  const visit = (o: unknown, depth: number): void => {
    if (found || depth > 6 || !o || typeof o !== 'object') return;
    const r = o as Record<string, unknown>;
    const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : undefined);
    // Step Functions: {"Error": "Personalize.X", "Cause": "…"} (also lower-case in event details)
    const err = str('Error') ?? str('error');
    const cause = str('Cause') ?? str('cause');
    if (err !== undefined && cause !== undefined) {
      Object.assign(facts, splitName(err));
      const res = str('resource');
      const rtype = str('resourceType');
      if (res && /^aws-sdk:/.test(rtype ?? '')) facts.operation = pascalOperation(res);
      const task = SFN_TASK.exec(`${rtype ?? ''}:${res ?? ''}`);
      if (task && !facts.operation) facts.operation = pascalOperation(task[2]);
      found = { message: cause, wrapper: 'step-functions' };
      return;
    }
    // botocore response dict / JSON: {"Error": {"Code", "Message"}, "ResponseMetadata": {…}}
    const e = r.Error as Record<string, unknown> | undefined;
    if (e && typeof e === 'object' && (typeof e.Code === 'string' || typeof e.Message === 'string')) {
      Object.assign(facts, splitName(String(e.Code ?? '')));
      const md = r.ResponseMetadata as Record<string, unknown> | undefined;
      if (md && typeof md === 'object') {
        if (typeof md.RequestId === 'string') facts.requestId = md.RequestId;
        if (typeof md.HTTPStatusCode === 'number') facts.status = md.HTTPStatusCode;
      }
      found = { message: String(e.Message ?? ''), wrapper: 'botocore' };
      return;
    }
    // JS SDK error serialised: {"name", "$metadata": {httpStatusCode, requestId}, "message"}
    const md = r.$metadata as Record<string, unknown> | undefined;
    if (md && typeof md === 'object') {
      Object.assign(facts, splitName(str('name') ?? str('__type') ?? str('Code') ?? str('code')));
      if (typeof md.httpStatusCode === 'number') facts.status = md.httpStatusCode;
      if (typeof md.requestId === 'string') facts.requestId = md.requestId;
      found = { message: str('message') ?? str('Message') ?? '', wrapper: 'js-sdk' };
      return;
    }
    // a CloudTrail event (also inside an EventBridge event's "detail"): {"eventSource", "eventName",
    // "errorCode", "errorMessage", "requestID"} — the operation and the request id AWS Support asks for
    if (str('errorMessage') !== undefined && str('eventName') !== undefined && str('eventSource') !== undefined) {
      Object.assign(facts, splitName(str('errorCode')));
      const service = serviceName(str('eventSource')!.replace(/\.amazonaws\.com$/, ''));
      if (service) facts.service = service;
      facts.operation = pascalOperation(str('eventName')!);
      if (str('requestID')) facts.requestId = str('requestID');
      found = { message: str('errorMessage'), wrapper: 'cloudtrail' };
      return;
    }
    // a Lambda error {"errorType", "errorMessage"} or a CloudFormation stack event
    if (str('errorMessage') !== undefined) {
      Object.assign(facts, splitName(str('errorType')));
      found = { message: str('errorMessage'), wrapper: 'plain' };
      return;
    }
    if (str('ResourceStatusReason') !== undefined) {
      found = { message: str('ResourceStatusReason'), wrapper: 'cloudformation' };
      if (str('ResourceType')) found.message = `${found.message} [${str('ResourceType')}]`;
      return;
    }
    // {"__type": "…#X", "message": "…"} — the raw JSON 1.1 error body
    if (str('__type') !== undefined) {
      Object.assign(facts, splitName(str('__type')));
      found = { message: str('message') ?? str('Message') ?? '', wrapper: 'plain' };
      return;
    }
    // `aws personalize describe-dataset-import-job` (or list-…, the console's JSON view): the job's
    // failureReason, not the whole document, is the message
    if (str('failureReason') !== undefined) {
      // and the job's own facts, which a support engineer otherwise asks for again
      const source = r.dataSource && typeof r.dataSource === 'object' ? (r.dataSource as Record<string, unknown>).dataLocation : undefined;
      const when = (k: string) => (typeof r[k] === 'string' || typeof r[k] === 'number' ? String(r[k]) : undefined);
      const job = definedOf({
        name: str('jobName'), arn: str('datasetImportJobArn'), status: str('status'), datasetArn: str('datasetArn'),
        dataLocation: typeof source === 'string' ? source : undefined, roleArn: str('roleArn'), mode: str('importMode'),
        created: when('creationDateTime'), updated: when('lastUpdatedDateTime'),
      }) as PastedJob;
      found = { message: str('failureReason'), wrapper: 'aws-cli', ...(Object.keys(job).length ? { job } : {}) };
      return;
    }
    for (const v of Object.values(r)) visit(v, depth + 1);
  };
  visit(doc, 0);
  // a structured log line ({"level": "ERROR", "message": "CreateDatasetImportJob failed: …"}): its
  // message is the text to read (an SDK error's name and message may be inside it)
  if (!found && doc && typeof doc === 'object' && !Array.isArray(doc)) {
    const r = doc as Record<string, unknown>;
    const said = ['message', 'msg', 'error', 'err', 'Message'].map((k) => r[k]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (said.length) found = { message: said.reduce((a, b) => (b.length > a.length ? b : a)), wrapper: 'plain' };
  }
  return found ? { facts, ...found } : undefined;
}

/** One log line that ends in a JSON object (CloudWatch Logs: "2026-… <request id> ERROR {…}"): that object. */
function jsonInLine(text: string): string | undefined {
  const line = text.trim();
  const open = line.indexOf('{');
  if (open <= 0 || line.includes('\n') || !line.endsWith('}')) return undefined;
  try {
    const doc: unknown = JSON.parse(line.slice(open));
    return doc && typeof doc === 'object' ? line.slice(open) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Pasted text → the facts it carries. Never throws; an unrecognised wrapper is 'plain'. `asSent`: the
 * text is the service's own (a job's failureReason), not copied out of a terminal — a colour code or
 * a carriage return in it is a byte of the customer's data that it quotes, kept to be shown escaped.
 */
export function parsePasted(input: unknown, asSent = false): ParsedError {
  const text = clean(typeof input === 'string' ? input : input === undefined || input === null ? '' : String(input), asSent);
  return parseText(text, 0, asSent);
}

function parseText(text: string, depth: number, asSent = false): ParsedError {
  const facts: Facts = {};
  let wrapper: Wrapper = 'plain';
  let message = text;
  let resourceType: string | undefined;
  let handlerErrorCode: string | undefined;
  let next: string | undefined;
  /** the part of the text this error's facts are looked for in (not the next error's request id) */
  let own = text;

  const embedded = depth < 3 && !text.trimStart().startsWith('{') ? jsonInLine(text) : undefined;
  const json = depth < 3 ? fromJson(text) ?? (embedded ? fromJson(embedded) : undefined) : undefined;
  if (json) {
    // the message inside may itself be a wrapper (a Cause that is a CLI or Java-trailer text, a JSON string)
    const inner = parseText(json.message ?? '', depth + 1, asSent);
    return {
      ...inner,
      wrapper: json.wrapper ?? inner.wrapper,
      ...definedOf({ name: json.facts.name ?? inner.name, service: json.facts.service ?? inner.service, operation: json.facts.operation ?? inner.operation, status: json.facts.status ?? inner.status, requestId: json.facts.requestId ?? inner.requestId }),
      ...(json.job ? { job: json.job } : {}),
    };
  }

  const cfn = CFN.exec(text);
  const cli = CLI.exec(text);
  const sfn = SFN_TEXT.exec(text);
  if (cfn) {
    wrapper = 'cloudformation';
    const start = cfn.index + cfn[0].length;
    const rest = text.slice(start);
    const end = CFN_END.exec(rest);
    message = end ? rest.slice(0, end.index) : rest.replace(/"\s*$/, '');
    handlerErrorCode = HANDLER.exec(rest)?.[1];
    resourceType = CFN_TYPE.exec(text)?.[1];
    if (/\\"/.test(message)) message = message.replace(/\\"/g, '"');
    const innerCli = CLI.exec(message);
    if (innerCli) {
      Object.assign(facts, splitName(innerCli[1]));
      facts.operation = innerCli[2];
      message = message.slice(innerCli.index + innerCli[0].length);
    }
  } else if (cli) {
    wrapper = /Traceback \(most recent call last\)|botocore|boto3|File "[^"\n]{1,400}", line \d/.test(text) ? 'botocore' : 'aws-cli';
    Object.assign(facts, splitName(cli[1]));
    facts.operation = cli[2];
    message = text.slice(cli.index + cli[0].length);
    // a traceback may go on after the message (chained exceptions): stop at the next traceback
    const cut = /\n\s*\n(?:During handling|The above exception|Traceback)/.exec(message);
    if (cut) message = message.slice(0, cut.index);
    // a second "An error occurred (…)" is another failure (a script's log, two commands pasted):
    // this message ends before it, and the caller reads it on its own
    const again = CLI.exec(message);
    if (again) {
      next = message.slice(again.index);
      // (AWS CLI v2 puts "aws: [ERROR]:" before it: that belongs to the next error, not this message)
      message = message.slice(0, again.index).replace(/\baws:\s*\[ERROR\]:?\s*$/, '');
      own = text.slice(0, cli.index + cli[0].length + again.index);
    }
  } else if (sfn) {
    wrapper = 'step-functions';
    Object.assign(facts, splitName(sfn[1]));
    message = sfn[2];
    const innerCli = CLI.exec(message);
    if (innerCli) {
      facts.operation = innerCli[2];
      message = message.slice(innerCli.index + innerCli[0].length);
    }
  } else {
    // another SDK's exception line (Java, .NET, Go): its own line is the message, not the stack under it
    const sdk = sdkLine(text);
    const boto = sdk ? undefined : BOTO_OTHER.exec(text);
    const js = sdk || boto ? undefined : JS_LINE.exec(text);
    if (sdk) {
      wrapper = sdk.wrapper;
      facts.name = sdk.name;
      facts.service = serviceName(sdk.service);
      facts.operation = sdk.operation;
      if (sdk.status !== undefined) facts.status = sdk.status;
      if (sdk.requestId) facts.requestId = sdk.requestId;
      message = sdk.message;
    } else if (boto) {
      wrapper = 'botocore';
      facts.name = boto[1];
      message = text.slice(boto.index + boto[0].length);
    } else if (js && !/^(?:Error|TypeError|SyntaxError|RangeError)$/.test(js[1])) {
      const looksJs = /\$metadata|\$fault|\n\s+at\s+\S|@aws-sdk|@smithy/.test(text);
      wrapper = looksJs ? 'js-sdk' : 'plain';
      Object.assign(facts, splitName(js[1]));
      // with a stack or a dump after it, the message is the line; a bare "Name: message" keeps it all
      message = looksJs ? js[2] : text.slice(js.index + js[0].length - js[2].length);
      if (looksJs) {
        facts.operation ??= JS_STACK_OP.exec(text)?.[1];
        const msgInDump = /\bmessage:\s*'((?:[^'\\\n]|\\.){1,10000})'/.exec(text);
        if (msgInDump && msgInDump[1].length > message.length) message = msgInDump[1].replace(/\\'/g, "'");
      }
    } else if (/\$metadata/.test(text)) {
      wrapper = 'js-sdk';
      const n = /\bname:\s*'([A-Za-z0-9_.#:]{2,120})'/.exec(text) ?? /__type:\s*'([A-Za-z0-9_.#:]{2,160})'/.exec(text);
      if (n) Object.assign(facts, splitName(n[1]));
      const msg = /\bmessage:\s*'((?:[^'\\\n]|\\.){0,10000})'/.exec(text) ?? /\bMessage:\s*'((?:[^'\\\n]|\\.){0,10000})'/.exec(text);
      if (msg) message = msg[1].replace(/\\'/g, "'");
      facts.operation ??= JS_STACK_OP.exec(text)?.[1];
    }
    // the botocore error dict printed by Python: {'Error': {'Code': 'X', 'Message': 'Y'}, …}
    const pyCode = /'Error':\s*\{[^}]{0,200}?'Code':\s*'([A-Za-z0-9_.]{1,100})'/.exec(text);
    if (pyCode) {
      wrapper = 'botocore';
      facts.name = splitName(pyCode[1]).name;
      const pyMsg = /'Message':\s*(?:'((?:[^'\\\n]|\\.){0,10000})'|"((?:[^"\\\n]|\\.){0,10000})")/.exec(text);
      if (pyMsg) message = (pyMsg[1] ?? pyMsg[2] ?? '').replace(/\\'/g, "'");
    }
  }

  // a console banner: "Failed to create dataset group: …", "Dataset import job failed"
  const verb = CONSOLE_VERB.exec(text);
  const failed = verb ? undefined : CONSOLE_FAILED.exec(text);
  if (wrapper === 'plain' && (verb || failed)) {
    wrapper = 'console';
    facts.operation ??= verb ? consoleOperation(verb[1], verb[2]) : failed ? consoleOperation('creat', failed[1]) : undefined;
    const after = verb ? verb.index + verb[0].length : failed!.index + failed![0].length;
    // up to the end of its paragraph: what follows a blank line is the rest of an e-mail or ticket
    const rest = text.slice(after).replace(/^[^:.\n]{0,80}[:.]?\s*/, '').split(/\n[ \t]*\n/)[0];
    if (rest.trim()) message = rest;
  } else if (!facts.operation && verb) {
    facts.operation = consoleOperation(verb[1], verb[2]);
  }

  if (!facts.operation) {
    const py = PY_CALL.exec(text);
    const cmd = CLI_COMMAND.exec(text);
    const task = SFN_TASK.exec(text);
    facts.operation = task ? pascalOperation(task[2]) : cmd ? pascalOperation(cmd[2]) : py ? pascalOperation(py[1]) : undefined;
    if (cmd && !facts.service) facts.service = serviceName(cmd[1].replace(/^s3api$/, 's3'));
  }

  // "ResourceAlreadyExistsException: Dataset … already exists" inside a plain message
  const lead = /^\s*((?:[A-Z][A-Za-z0-9]{0,40}\.)?[A-Z][A-Za-z0-9]{1,80}(?:Exception|Error|Fault)):\s+/.exec(message);
  if (lead && !facts.name && !/^(?:Error|TypeError)$/.test(lead[1])) {
    Object.assign(facts, splitName(lead[1]));
    message = message.slice(lead[0].length);
  }

  message = stripTrailer(message, facts);
  facts.requestId ??= first(REQUEST_ID, own);
  const st = facts.status ?? Number(first(STATUS, own) ?? NaN);
  if (Number.isFinite(st) && st >= 100 && st <= 599) facts.status = st;
  else delete facts.status;
  // (the quotes a banner or a chat put around it, straight or curly, and the zero-width spaces a copy
  // out of a web page leaves at its ends, are not part of the message)
  message = tidy(message, asSent).replace(EDGE_MARKS, '').replace(/^“([^]*)”$|^‘([^]*)’$/, '$1$2').replace(/^["']|["']$/g, '').replace(EDGE_MARKS, '');

  if (!facts.name && handlerErrorCode) facts.name = HANDLER_NAMES[handlerErrorCode];
  return {
    wrapper,
    message,
    ...definedOf({ ...facts, ...(resourceType ? { resourceType } : {}), ...(handlerErrorCode ? { handlerErrorCode } : {}), ...(next ? { next } : {}) }),
  };
}

/** CloudFormation handler error codes → the exception they stand for, when the message names none. */
const HANDLER_NAMES: Record<string, string> = {
  AlreadyExists: 'ResourceAlreadyExistsException',
  NotFound: 'ResourceNotFoundException',
  InvalidRequest: 'InvalidInputException',
  AccessDenied: 'AccessDeniedException',
  ServiceLimitExceeded: 'LimitExceededException',
  Throttling: 'ThrottlingException',
  ResourceConflict: 'ResourceInUseException',
};

function definedOf<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

// InvalidInputException / ValidationException, read by member: which request member failed which
// constraint (pattern, length, enum, not null), with the advice for that member — and the value that
// is really an unresolved placeholder ('$.DatasetArn' sent literally by a Step Functions state whose
// key lacks ".$", a "${BUCKET}" a shell never expanded). Core module.
import { captureOf, DOCS, type Ctx, type Rule } from './entry.js';

export interface ValidationProblem {
  value?: string;
  /** the request member, e.g. "jobName", "dataSource.dataLocation" */
  field: string;
  constraint: string;
}

/**
 * "1 validation error detected: Value 'x' at 'jobName' failed to satisfy constraint: Member must …"
 * "2 validation errors detected: Value … at 'a' failed …; Value … at 'b' failed …"
 * Returns undefined when the text is not of that shape.
 */
export function parseValidationErrors(message: string): ValidationProblem[] | undefined {
  const head = /(\d{1,4})\s+validation\s+errors?\s+detected\s*:?/i.exec(message);
  if (!head) return undefined;
  const body = message.slice(head.index + head[0].length, head.index + head[0].length + 20_000);
  const out: ValidationProblem[] = [];
  const re = /(?:Value\s+(?:'((?:[^']|'(?!\s+at\s+'))*)'|(null))\s+)?at\s+'([^']{1,300})'\s+failed\s+to\s+satisfy\s+constraint\s*:?\s*([\s\S]*?)(?=;\s*(?:Value\s|at\s')|$)/gi;
  for (let m = re.exec(body); m && out.length < 20; m = re.exec(body)) {
    out.push({ value: m[2] === 'null' ? undefined : m[1], field: m[3], constraint: m[4].trim().replace(/[.;]\s*$/, '') });
  }
  return out.length ? out : [{ field: '(unknown)', constraint: body.trim() }];
}

/** A value that is a template nobody filled in: "$.DatasetArn", "$$.Execution.Id", "${BUCKET}", "{{bucket}}". */
export function placeholderIn(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /(?:^|[\s/:='"])(\$\$?\.[A-Za-z_][A-Za-z0-9_.[\]'"*-]{0,200}|\$\{[A-Za-z_][A-Za-z0-9_.:-]{0,100}\}|\{\{[A-Za-z_][A-Za-z0-9_.: -]{0,100}\}\})/.exec(value);
  return m?.[1];
}

const MEMBER_ADVICE: Record<string, string> = {
  jobName: 'Job names are 1–63 characters, start with a letter or digit, and use only letters, digits, "-" and "_".',
  name: 'Names are 1–63 characters, start with a letter or digit, and use only letters, digits, "-" and "_".',
  datasetArn: 'Pass the dataset ARN exactly as `describe-dataset` shows it (arn:aws:personalize:REGION:ACCOUNT:dataset/GROUP/TYPE).',
  datasetGroupArn: 'Pass the dataset group ARN (arn:aws:personalize:REGION:ACCOUNT:dataset-group/NAME), not its name.',
  schemaArn: 'Pass the schema ARN (arn:aws:personalize:REGION:ACCOUNT:schema/NAME).',
  'dataSource.dataLocation': 'The data location is s3://BUCKET/KEY for a file or s3://BUCKET/PREFIX/ for a folder, at most 256 characters.',
  roleArn: 'The role ARN looks like arn:aws:iam::123456789012:role/NAME — an IAM role, not a user or a policy.',
  kmsKeyArn: 'Pass the KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), not an alias name.',
  importMode: 'importMode is FULL or INCREMENTAL (in capitals); FULL is the only mode before a first bulk import.',
  datasetType: 'datasetType is Interactions, Items, Users, Actions or Action_Interactions.',
  domain: 'domain is ECOMMERCE or VIDEO_ON_DEMAND (leave it out for a custom group).',
  schema: 'The schema is the Avro JSON as a string (type record, fields with name and type), at most 10,000 characters.',
  tags: 'The request takes at most 200 tags, but a resource carries at most 50 (counting those it has); keys 1–128 characters, values 0–256.',
};

function memberKey(field: string): string | undefined {
  const f = field.replace(/^[a-zA-Z]+Request\./, '');
  return Object.keys(MEMBER_ADVICE).find((k) => k.toLowerCase() === f.toLowerCase()) ??
    (/^tags/i.test(f) ? 'tags' : /datalocation/i.test(f) ? 'dataSource.dataLocation' : /name$/i.test(f) ? 'name' : undefined);
}

export function adviceFor(field: string): string {
  const key = memberKey(field);
  return key ? MEMBER_ADVICE[key] : 'Fix that value to satisfy the constraint.';
}

type Kind = 'pattern' | 'length' | 'enum' | 'required' | 'other';
function kindOf(constraint: string): Kind {
  if (/regular\s+expression\s+pattern/i.test(constraint)) return 'pattern';
  if (/length\s+(?:less|greater)\s+than|have\s+length/i.test(constraint)) return 'length';
  if (/enum\s+value\s+set/i.test(constraint)) return 'enum';
  if (/must\s+not\s+be\s+null/i.test(constraint)) return 'required';
  return 'other';
}

function problemsOf(c: Ctx): ValidationProblem[] | undefined {
  return parseValidationErrors(c.msg);
}

function listText(problems: ValidationProblem[]): string {
  return problems.map((p) => `${p.field}${p.value !== undefined ? ` = '${p.value}'` : ''}: ${p.constraint}`).join('; ');
}

function byKind(kind: Kind, id: string, title: string, examples: string[], detail: (p: ValidationProblem) => { cause: string; fix: string; captured: Record<string, string | undefined> }): Rule {
  return {
    id, title, examples,
    test: (c) => {
      const ps = problemsOf(c);
      return Boolean(ps && ps.length && kindOf(ps[0].constraint) === kind);
    },
    build: (c) => {
      const ps = problemsOf(c)!;
      const d = detail(ps[0]);
      const others = ps.slice(1);
      const advice = [...new Set(ps.map((p) => `${p.field}: ${adviceFor(p.field)}`))];
      return {
        title: `${title} (${ps[0].field})`,
        cause: `${c.op ? `${c.op} was` : 'The request was'} rejected before anything was done: ${d.cause}${others.length ? ` Also: ${listText(others)}.` : ''}`,
        fix: `${d.fix} ${advice.join(' ')}`,
        docs: c.op ? `https://docs.aws.amazon.com/personalize/latest/dg/API_${c.op}.html` : DOCS.createJob,
        checks: [],
        captured: captureOf({ member: ps[0].field, value: ps[0].value, constraint: ps[0].constraint, ...d.captured, problems: String(ps.length) }),
      };
    },
  };
}

export const INVALID_INPUT_RULES: Rule[] = [
  {
    id: 'unresolved-placeholder',
    title: 'A value is an unresolved placeholder',
    examples: [
      '{"Error": "Personalize.InvalidInputException", "Cause": "1 validation error detected: Value \'$.DatasetArn\' at \'datasetArn\' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:([a-z\\\\d-]+):personalize:.*:.*:.+ (Service: Personalize, Status Code: 400, Request ID: 3e1f0c52-9d7a-4b8e-a2c6-5f4d3b2a1c0e)"}',
      '{"error": "States.Runtime", "cause": "An error occurred while executing the state \'Import\' (entered at the event id #2). The JSONPath \'$.DatasetArn\' specified for the field \'DatasetArn.$\' could not be found in the input \'{\\"bucket\\": \\"shop-data\\"}\'"}',
      'An error occurred (InvalidInputException) when calling the CreateDatasetImportJob operation: 1 validation error detected: Value \'s3://${BUCKET}/interactions.csv\' at \'dataSource.dataLocation\' failed to satisfy constraint: Member must satisfy regular expression pattern: (s3|http|https)://.+',
    ],
    test: (c) => {
      if (/JSONPath\s+'[^']{1,300}'\s+specified\s+for\s+the\s+field\s+'[^']{1,300}'\s+could\s+not\s+be\s+found/i.test(c.msg)) return true;
      const ps = problemsOf(c);
      return Boolean(ps?.some((p) => placeholderIn(p.value)));
    },
    build: (c) => {
      const missing = /JSONPath\s+'([^']{1,300})'\s+specified\s+for\s+the\s+field\s+'([^']{1,300})'\s+could\s+not\s+be\s+found/i.exec(c.msg);
      if (missing) {
        const [, path, field] = missing;
        return {
          title: `The state input has no ${path}`,
          cause: `The Step Functions state maps ${field} from ${path}, and its input has no such path (a previous state's output was dropped or renamed, or ResultPath overwrote it).`,
          fix: `Make the previous state pass ${path} along (ResultPath "$.result" instead of replacing the input, or an output that carries it), or change the path in ${field}. The execution's input/output tabs show what the state received.`,
          docs: DOCS.sfnPaths,
          checks: [],
          captured: { placeholder: path, field },
        };
      }
      const p = problemsOf(c)!.find((x) => placeholderIn(x.value))!;
      const ph = placeholderIn(p.value)!;
      const json = /^\$\$?\./.test(ph);
      const key = p.field.split('.').pop()!;
      const upper = key[0].toUpperCase() + key.slice(1);
      return {
        cause: `${p.field} was sent as the literal text '${p.value}': ${ph} is a placeholder that was never replaced by a value. ` +
          (json ? `In a Step Functions task, a parameter whose value is a JSONPath needs ".$" at the end of its key ("${upper}.$": "${ph}"); without it the path is sent as a string.` : 'A variable (shell, template or pipeline) was not expanded before the call.'),
        fix: json
          ? `Rename the key to "${upper}.$" so Step Functions resolves ${ph} from the state input (check the input really has ${ph}), or pass the ARN itself. With JSONata, use "{% $states.input.${ph.replace(/^\$\$?\./, '')} %}".`
          : `Expand ${ph} before the call (export the variable, or fill in the template) and check the value the call receives.`,
        docs: json ? DOCS.sfnPaths : DOCS.createJob,
        checks: [],
        captured: captureOf({ member: p.field, value: p.value, placeholder: ph }),
      };
    },
  },
  byKind('pattern', 'invalid-input-pattern', 'A request value does not match the required pattern', [
    "An error occurred (ValidationException) when calling the CreateDatasetImportJob operation: 1 validation error detected: Value 'my import' at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*",
    "1 validation error detected: Value 'arn:aws:iam::123456789012:user/dev' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
  ], (p) => {
    const pattern = /pattern\s*:?\s*(.+)$/i.exec(p.constraint)?.[1];
    return {
      cause: `${p.field}${p.value !== undefined ? ` '${p.value}'` : ''} does not match the pattern ${pattern ?? 'the API requires'}.`,
      fix: `Change ${p.field}${p.value !== undefined && /\s/.test(p.value) ? ' (it contains a space)' : ''}.`,
      captured: { pattern },
    };
  }),
  byKind('length', 'invalid-input-length', 'A request value is too long or too short', [
    "An error occurred (InvalidInputException) when calling the CreateDatasetGroup operation: 1 validation error detected: Value 'shop-recommendations-for-the-whole-catalogue-including-archived-items-2026' at 'name' failed to satisfy constraint: Member must have length less than or equal to 63",
    "1 validation error detected: Value '' at 'jobName' failed to satisfy constraint: Member must have length greater than or equal to 1",
  ], (p) => {
    const m = /length\s+(less|greater)\s+than\s+or\s+equal\s+to\s+(\d{1,9})/i.exec(p.constraint);
    const limit = m?.[2];
    const max = m?.[1]?.toLowerCase() === 'less';
    const len = p.value !== undefined ? String([...p.value].length) : undefined;
    return {
      cause: `${p.field} is ${len !== undefined ? `${len} characters` : 'a length'} long; it must be ${max ? 'at most' : 'at least'} ${limit ?? 'the limit'}${/^tags/i.test(p.field) ? ' entries' : ' characters'}.`,
      fix: max ? `Shorten ${p.field} to ${limit} or fewer.` : `Give ${p.field} a value (at least ${limit}).`,
      captured: { limit, length: len, bound: max ? 'max' : 'min' },
    };
  }),
  byKind('enum', 'invalid-input-enum', 'A request value is not one of the allowed values', [
    "An error occurred (InvalidInputException) when calling the CreateDatasetImportJob operation: 1 validation error detected: Value 'incremental' at 'importMode' failed to satisfy constraint: Member must satisfy enum value set: [FULL, INCREMENTAL]",
  ], (p) => {
    const allowed = /enum\s+value\s+set\s*:?\s*\[([^\]]{0,500})\]/i.exec(p.constraint)?.[1];
    const exact = allowed?.split(/\s*,\s*/).find((a) => a.toLowerCase() === (p.value ?? '').toLowerCase());
    return {
      cause: `${p.field} '${p.value ?? ''}' is not one of ${allowed ? `[${allowed}]` : 'the allowed values'}${exact ? ` — only the case differs (${exact})` : ''}.`,
      fix: `Use ${exact ?? (allowed ? `one of ${allowed}` : 'an allowed value')} for ${p.field}.`,
      captured: { allowed, suggestion: exact },
    };
  }),
  byKind('required', 'invalid-input-required', 'A required request value is missing', [
    "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
  ], (p) => ({
    cause: `${p.field} was not sent (null), and the API requires it.`,
    fix: `Pass ${p.field}${/arn$/i.test(p.field) ? ' (an empty variable or a missing Parameters key is the usual reason)' : ''}.`,
    captured: {},
  })),
];

/** InvalidInputException with a message of no known shape: what the service said, and the member if it names one. */
export const INVALID_INPUT_FALLBACK: Rule = {
  id: 'invalid-input',
  title: 'The service rejected a value in the request',
  examples: [
    'An error occurred (InvalidInputException) when calling the CreateSchema operation: Invalid schema: field USER_ID must be of type string.',
    'botocore.exceptions.ParamValidationError: Parameter validation failed:\nInvalid length for parameter jobName, value: 0, valid min length: 1',
  ],
  test: (c) => /^(?:InvalidInput|Validation|InvalidParameter\w*|InvalidArgument|InvalidRequest|ParamValidation)(?:Exception|Error)?$/.test(c.name) || /\b\d{1,4}\s+validation\s+errors?\s+detected\b/i.test(c.msg),
  build: (c) => {
    const ps = parseValidationErrors(c.msg);
    // botocore checks some constraints itself before sending ("Invalid length for parameter jobName, …")
    const local = /\bparameter\s+([A-Za-z][A-Za-z0-9_.[\]]{0,100}?)(?=[,\s]|$)/.exec(c.msg)?.[1];
    const member = ps?.[0]?.field !== '(unknown)' ? ps?.[0]?.field ?? local : local;
    const schema = c.op === 'CreateSchema' || /\bschema\b/i.test(c.msg);
    return {
      cause: `${c.op ? `${c.op}` : 'The call'} was refused because a value is not acceptable${member ? ` (${member})` : ''}: "${c.msg}".`,
      fix: schema
        ? 'Check the schema against the dataset type\'s rules: Avro record JSON, required fields with their types (USER_ID/ITEM_ID string, TIMESTAMP long), optional ones as ["null", type], categorical only on strings, unique names. `personalize-import validate` checks a file against it.'
        : `${member ? `${member}: ${adviceFor(member)} ` : ''}Change the value the message names and send the request again; the API reference lists each member's constraints.`,
      docs: schema ? DOCS.schemas : c.op ? `https://docs.aws.amazon.com/personalize/latest/dg/API_${c.op}.html` : DOCS.errors,
      checks: [],
      captured: captureOf({ member }),
    };
  },
};

// `personalize-import history`: a dataset's (or a dataset group's) import jobs, newest first.
import { visibleWidth, writeFitted } from '../core/fit.js';
import { EXIT } from '../core/exit-codes.js';
import { usageError } from '../core/errors.js';
import { DATASET_TYPES, type Dataset, type DatasetType, type ImportJob } from '../core/resources.js';
import type { PersonalizeApi } from '../core/ports.js';
import type { CommandContext } from '../cli/context.js';
import { withJsonErrors } from '../cli/json-errors.js';
import { AWS_OPTIONS, COMMON_OPTIONS, parse } from '../cli/args.js';
import { parsePersonalizeArn, requireArn } from '../job/arn.js';

export const help = `personalize-import history (--dataset-arn <arn> | --dataset-group <name|arn> [--dataset-type <type>]) [flags]
List import jobs — every page, newest first — with their mode, status, creation time, duration,
the job ARN beneath the row (whole, to copy into status / diagnose) and, for failed jobs, the
failure reason. When AWS throttles or the connection drops, each page is retried with backoff
(a note on stderr every 30 s) for up to 10 minutes; pages already read are kept.

Flags
  --dataset-arn <arn>     the dataset whose jobs to list
  --dataset-group <g>     a dataset group by name or ARN: lists the jobs of its datasets
  --dataset-type <t>      with --dataset-group: only this dataset (${DATASET_TYPES.join(', ')})
  --json                  one JSON document on stdout: {"jobs": [...]} ({"error": …} on failure)
  --region <r>            AWS region (default: the region in the ARN, else AWS_REGION / profile)
  --aws-profile <p>       AWS named profile
  --sandbox               use an embedded local sandbox instead of AWS
  --debug                 log every AWS request and response to stderr (secrets redacted)
  -h, --help              this help

Examples
  personalize-import history --dataset-arn arn:aws:personalize:us-east-1:123456789012:dataset/shop/INTERACTIONS
  personalize-import history --dataset-group shop --dataset-type interactions
  personalize-import history --dataset-group shop --json | jq '.jobs[] | select(.status == "CREATE FAILED")'
`;

const OPTIONS = {
  ...AWS_OPTIONS,
  ...COMMON_OPTIONS,
  'dataset-arn': { type: 'string' },
  'dataset-group': { type: 'string' },
  'dataset-type': { type: 'string' },
} as const;

/** for the completion scripts (src/commands/completion.ts) */
export const options = OPTIONS;

function parseType(v: string | undefined): DatasetType | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().toUpperCase().replace(/[- ]/g, '_') as DatasetType;
  if (!DATASET_TYPES.includes(t)) throw usageError(`--dataset-type '${v}' is not a dataset type.`, `Use one of: ${DATASET_TYPES.join(', ')}.`);
  return t;
}

interface Row extends ImportJob {
  datasetType?: string;
}

async function datasetsOfGroup(api: PersonalizeApi, group: string, type: DatasetType | undefined): Promise<Dataset[]> {
  let groupArn = group;
  if (!group.startsWith('arn:')) {
    const groups = await api.listDatasetGroups();
    const found = groups.find((g) => g.name === group);
    if (!found) {
      const names = groups.map((g) => g.name).sort();
      throw usageError(`--dataset-group '${group}': no dataset group of that name here.`, names.length ? `Dataset groups: ${names.join(', ')}.` : 'This account and region have no dataset groups; check --region / --aws-profile.');
    }
    groupArn = found.arn;
  } else {
    requireArn(group, 'dataset-group', '--dataset-group');
  }
  const datasets = await api.listDatasets(groupArn);
  const chosen = type ? datasets.filter((d) => d.datasetType === type) : datasets;
  if (type && chosen.length === 0) {
    throw usageError(`--dataset-type ${type}: the dataset group has no such dataset.`, `It has: ${datasets.map((d) => d.datasetType).join(', ') || 'no datasets'}.`);
  }
  return chosen;
}

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  return withJsonErrors(argv, ctx, () => historyCommand(argv, ctx));
}

async function historyCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parse('history', argv, OPTIONS, 0);
  const { io } = ctx;
  const datasetArn = values['dataset-arn'];
  const group = values['dataset-group'];
  if (datasetArn && group) throw usageError('history: pass --dataset-arn or --dataset-group, not both.', 'See `personalize-import history --help`.');
  if (!datasetArn && !group) throw usageError('history: missing --dataset-arn or --dataset-group.', 'e.g. personalize-import history --dataset-group shop --dataset-type interactions');
  if (datasetArn && values['dataset-type']) throw usageError('--dataset-type goes with --dataset-group, not --dataset-arn.', 'Drop --dataset-type: the dataset ARN names the dataset.');
  const type = parseType(values['dataset-type']);
  const arnRegion = datasetArn ? requireArn(datasetArn, 'dataset', '--dataset-arn').region : group?.startsWith('arn:') ? parsePersonalizeArn(group)?.region : undefined;
  if (group?.startsWith('arn:')) requireArn(group, 'dataset-group', '--dataset-group');

  const [{ createDeps }, { jobJson, jobDurationMs }, { useColor, paint, humanDuration }, { newestFirstJobs }] = await Promise.all([
    import('../aws/deps.js'), import('../job/json.js'), import('../job/format.js'), import('../job/history.js'),
  ]);
  const { safeLine } = await import('../diagnose/escape.js');
  const deps = await createDeps({
    io, region: values.region ?? (values.sandbox ? undefined : arnRegion), awsProfile: values['aws-profile'], sandbox: values.sandbox, debug: values.debug,
    onRetryNote: (n) => writeFitted(io.stderr, `${n}\n`),
  });
  try {
    const datasets: { arn: string; type?: string }[] = datasetArn
      ? [{ arn: datasetArn }]
      : (await datasetsOfGroup(deps.personalize, group!, type)).map((d) => ({ arn: d.arn, type: d.datasetType }));
    const rows: Row[] = [];
    for (const d of datasets) {
      for (const j of await deps.personalize.listImportJobs(d.arn)) rows.push({ ...j, datasetArn: j.datasetArn ?? d.arn, datasetType: d.type });
    }
    const jobs = newestFirstJobs(rows);
    const now = Date.now();
    if (values.json) {
      const doc = {
        ...(datasetArn ? { datasetArn } : { datasetGroup: group, datasets: datasets.map((d) => ({ datasetArn: d.arn, datasetType: d.type })) }),
        jobs: jobs.map((j) => ({ ...jobJson(j, now), ...(j.datasetType ? { datasetType: j.datasetType } : {}) })),
      };
      io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
      return EXIT.OK;
    }
    const p = paint(useColor(io.env, Boolean((io.stdout as { isTTY?: boolean }).isTTY)));
    if (jobs.length === 0) {
      io.stdout.write(`No import jobs yet for ${datasetArn ?? `the ${type ?? ''} dataset${datasets.length === 1 ? '' : 's'} of ${group}`.replace(/\s+/g, ' ')}.\n`);
      return EXIT.OK;
    }
    const showType = !datasetArn && datasets.length > 1;
    const table = jobs.map((j) => {
      const d = jobDurationMs(j, now);
      const running = j.status !== 'ACTIVE' && j.status !== 'CREATE FAILED';
      return [
        safeLine(j.name),
        ...(showType ? [j.datasetType ?? ''] : []),
        j.importMode ?? '',
        j.status,
        j.createdAt ? formatTime(j.createdAt) : '',
        d === undefined ? '' : running ? `${humanDuration(d)} so far` : humanDuration(d),
      ];
    });
    const head = ['NAME', ...(showType ? ['DATASET'] : []), 'MODE', 'STATUS', 'CREATED (UTC)', 'DURATION'];
    const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
    const out = io.stdout as { isTTY?: boolean; columns?: number };
    const cols = out.isTTY ? out.columns : undefined;
    if (cols && Math.max(...[head, ...table].map((r) => visibleWidth(line(r)))) > cols) {
      // a terminal narrower than the table (the tool's own job names, <dataset>-<yyyymmdd-hhmmss>,
      // are ~40 characters: a row is ~100 columns): the terminal would break every row mid-word, so
      // each job is a block instead — name and status, then its facts, fitted between words
      const blocks = jobs.map((j, i) => {
        const [, ...rest] = table[i];
        const [mode, status, created, duration] = rest.slice(showType ? 1 : 0);
        const running = j.status !== 'ACTIVE' && j.status !== 'CREATE FAILED';
        const facts = [showType ? rest[0] : '', mode, created && `created ${created} UTC`, duration && !running ? `took ${duration}` : duration].filter(Boolean).join(' · ');
        return [
          `${p.bold(table[i][0])}  ${j.status === 'CREATE FAILED' ? p.red(status) : status}`,
          ...(facts ? [`  ${facts}`] : []),
          `  ${p.dim(safeLine(j.arn))}`,
          ...(j.failureReason ? [`  ${p.dim('└')} ${safeLine(j.failureReason)}`] : []),
        ].join('\n');
      });
      writeFitted(io.stdout, `${blocks.join('\n')}\n`);
    } else {
      const lines = [p.bold(line(head))];
      jobs.forEach((j, i) => {
        const text = line(table[i]);
        lines.push(j.status === 'CREATE FAILED' ? text.replace(j.status, p.red(j.status)) : text);
        // the ARN on its own line, never cut: what status / diagnose take
        lines.push(`  ${p.dim(safeLine(j.arn))}`);
        if (j.failureReason) lines.push(`  ${p.dim('└')} ${safeLine(j.failureReason)}`);
      });
      // (on a terminal a long failure reason breaks between words, under its own text)
      writeFitted(io.stdout, `${lines.join('\n')}\n`);
    }
    io.stdout.write(p.dim(`${jobs.length} job${jobs.length === 1 ? '' : 's'}, newest first.\n`));
    return EXIT.OK;
  } finally {
    await deps.close();
  }
}

function formatTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
}

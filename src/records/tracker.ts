// Interactions go in through an event tracker: a dataset group has at most one, and PutEvents
// names it by its tracking ID. Use the group's tracker when there is one; otherwise create it (the
// caller decides whether that is allowed, after telling the user what it is) and wait until ACTIVE.
import { AppError } from '../core/errors.js';
import type { EventTrackerInfo, RecordsApi } from './ports.js';
import { realSleep, type Sleep } from './send.js';

export interface TrackerChoice {
  arn: string;
  name: string;
  trackingId: string;
  created: boolean;
}

export interface EnsureTrackerOptions {
  api: RecordsApi;
  datasetGroupArn: string;
  /** asked only when the group has none; false = stop with a usage error that says how to allow it */
  mayCreate: () => boolean | Promise<boolean>;
  /** default: <group name>-events */
  name?: string;
  onStatus?: (s: string) => void;
  sleep?: Sleep;
  signal?: AbortSignal;
  /** how long to wait for a new tracker to be ACTIVE (default 10 min) */
  timeoutMs?: number;
}

export function groupName(datasetGroupArn: string): string {
  return datasetGroupArn.replace(/^.*:dataset-group\//, '');
}

/** A tracker name the API accepts (^[a-zA-Z0-9][a-zA-Z0-9\-_]*, ≤ 63). */
export function trackerName(datasetGroupArn: string): string {
  return `${groupName(datasetGroupArn)}-events`.replace(/[^a-zA-Z0-9\-_]/g, '-').replace(/^[^a-zA-Z0-9]+/, '').slice(0, 63) || 'personalize-import-events';
}

const BUSY = new Set(['CREATE PENDING', 'CREATE IN_PROGRESS']);

export async function ensureTracker(o: EnsureTrackerOptions): Promise<TrackerChoice> {
  const sleep = o.sleep ?? realSleep;
  const trackers = await o.api.listEventTrackers(o.datasetGroupArn);
  const usable = trackers.find((t) => t.status === 'ACTIVE') ?? trackers.find((t) => BUSY.has(t.status));
  let arn: string;
  let created = false;
  let name: string;
  if (usable) {
    arn = usable.arn;
    name = usable.name;
    o.onStatus?.(`Using the dataset group's event tracker ${usable.name} (${usable.status}).`);
  } else {
    if (trackers.length) {
      const t = trackers[0];
      throw new AppError('conflict', `The dataset group's event tracker ${t.name} is ${t.status}; a group has at most one.`, { hint: 'Wait until it is deleted, then try again (a new one is created then).' });
    }
    if (!(await o.mayCreate())) {
      throw new AppError('usage', `The dataset group ${groupName(o.datasetGroupArn)} has no event tracker, and interactions go in only through one.`, { hint: `Allow creating it (run the same command with --create-event-tracker, or answer yes in the wizard), or create one yourself: aws personalize create-event-tracker --name ${o.name ?? trackerName(o.datasetGroupArn)} --dataset-group-arn ${o.datasetGroupArn}` });
    }
    name = o.name ?? trackerName(o.datasetGroupArn);
    o.onStatus?.(`Creating the event tracker ${name}…`);
    arn = (await o.api.createEventTracker({ name, datasetGroupArn: o.datasetGroupArn })).arn;
    created = true;
  }
  const deadline = Date.now() + (o.timeoutMs ?? 10 * 60_000);
  let wait = 100;
  let said = '';
  for (;;) {
    const t: EventTrackerInfo = await o.api.describeEventTracker(arn);
    if (t.status === 'ACTIVE') {
      if (!t.trackingId) throw new AppError('internal', `DescribeEventTracker returned no tracking ID for ${arn}.`);
      return { arn, name: t.name || name, trackingId: t.trackingId, created };
    }
    if (!BUSY.has(t.status)) throw new AppError('internal', `The event tracker ${t.name || name} is ${t.status}, not ACTIVE.`, { hint: 'Check it in the Personalize console (Event trackers), then try again.' });
    if (o.signal?.aborted) throw new AppError('interrupted', `Stopped while the event tracker ${name} was ${t.status}; it keeps being created in AWS.`);
    if (Date.now() > deadline) throw new AppError('internal', `The event tracker ${name} is still ${t.status} after ${Math.round((o.timeoutMs ?? 600_000) / 60_000)} minutes.`, { hint: 'Run the import again later: it uses the tracker once it is ACTIVE.' });
    if (t.status !== said) o.onStatus?.(`Event tracker ${name}: ${t.status}…`);
    said = t.status;
    await sleep(wait, o.signal);
    wait = Math.min(wait * 2, 5000);
  }
}

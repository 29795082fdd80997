// RecordsApi over the real SDK clients: personalize-events (PutUsers / PutItems / PutEvents) and
// the control plane's event tracker operations. AWS or the sandbox: the same code either way.
import { PersonalizeEventsClient, PutEventsCommand, PutItemsCommand, PutUsersCommand } from '@aws-sdk/client-personalize-events';
import { type PersonalizeClient, CreateEventTrackerCommand, DescribeEventTrackerCommand, paginateListEventTrackers } from '@aws-sdk/client-personalize';
import { AppError } from '../core/errors.js';
import type { EventBatch, EventTrackerInfo, ItemRecord, RecordsApi, UserRecord } from '../records/ports.js';
import type { ClientSettings } from './clients.js';
import { profileConfig } from './settings.js';
import { call, mayHaveLanded, type ErrorContext } from './errors.js';
import type { AwsPlace } from './personalize.js';

type Env = Record<string, string | undefined>;

/** AWS_ENDPOINT_URL_PERSONALIZE_EVENTS, then AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true (the SDK's rules). */
export function eventsEndpointFromEnv(env: Env): string | undefined {
  if ((env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true') return undefined;
  const v = env.AWS_ENDPOINT_URL_PERSONALIZE_EVENTS?.trim() || env.AWS_ENDPOINT_URL?.trim();
  return v || undefined;
}

export function createEventsClient(s: ClientSettings, endpoint: string | undefined): PersonalizeEventsClient {
  return new PersonalizeEventsClient({
    ...(s.region ? { region: s.region } : {}),
    ...profileConfig(s),
    ...(s.credentials ? { credentials: s.credentials } : {}),
    ...(endpoint ? { endpoint } : {}),
    // the SDK retries throttling a few times; beyond that the records are reported unsent (--resume)
    maxAttempts: 3,
  });
}

/**
 * Sends a data-plane command, watching each of the SDK's attempts (a middleware inside its retry
 * loop): the error the call ends with is only the last attempt's, and an earlier attempt that was
 * cut after its request was written, or answered 5xx, may have stored the records — then the final
 * error (throttled, refused) does not mean they did not go in (AppError.mayHaveLanded).
 */
async function sendWatched(client: PersonalizeEventsClient, cmd: PutUsersCommand | PutItemsCommand | PutEventsCommand, signal: AbortSignal | undefined): Promise<void> {
  let landed = false;
  // high priority in the deserialize step: outside the SDK's deserializer (a 5xx is an error here
  // with its status), inside the retry loop (finalizeRequest): every attempt comes through
  const stack = cmd.middlewareStack as unknown as { add(mw: unknown, o: { step: string; name: string; priority: string }): void };
  stack.add(
    (next: (a: unknown) => Promise<unknown>) => async (args: unknown) => {
      try {
        return await next(args);
      } catch (e) {
        if (mayHaveLanded(e)) landed = true;
        throw e;
      }
    },
    { step: 'deserialize', name: 'personalizeImportAttemptOutcome', priority: 'high' },
  );
  try {
    await client.send(cmd as PutUsersCommand, signal ? { abortSignal: signal } : {});
  } catch (e) {
    if (landed) Object.assign(e as object, { $mayHaveLanded: true });
    throw e;
  }
}

function tracker(t: { name?: string; eventTrackerArn?: string; status?: string; datasetGroupArn?: string; trackingId?: string; creationDateTime?: Date }): EventTrackerInfo {
  return {
    arn: t.eventTrackerArn ?? '',
    name: t.name ?? '',
    status: t.status ?? '',
    ...(t.datasetGroupArn ? { datasetGroupArn: t.datasetGroupArn } : {}),
    ...(t.trackingId ? { trackingId: t.trackingId } : {}),
    ...(t.creationDateTime ? { createdAt: t.creationDateTime } : {}),
  };
}

export class SdkRecords implements RecordsApi {
  constructor(
    readonly events: PersonalizeEventsClient,
    readonly personalize: PersonalizeClient,
    private readonly place: AwsPlace & { eventsEndpoint?: string } = {},
  ) {}

  private ctx(what: string, dataPlane = false): ErrorContext {
    const { eventsEndpoint, ...rest } = this.place;
    return { what, service: 'Personalize', ...rest, ...(dataPlane ? { endpoint: eventsEndpoint } : {}) };
  }

  putUsers(datasetArn: string, users: UserRecord[], signal?: AbortSignal): Promise<void> {
    return call(this.ctx(`put ${users.length} user${users.length === 1 ? '' : 's'} into ${datasetArn}`, true), async () => {
      await sendWatched(this.events, new PutUsersCommand({ datasetArn, users }), signal);
    });
  }

  putItems(datasetArn: string, items: ItemRecord[], signal?: AbortSignal): Promise<void> {
    return call(this.ctx(`put ${items.length} item${items.length === 1 ? '' : 's'} into ${datasetArn}`, true), async () => {
      await sendWatched(this.events, new PutItemsCommand({ datasetArn, items }), signal);
    });
  }

  putEvents(b: EventBatch, signal?: AbortSignal): Promise<void> {
    return call(this.ctx(`put ${b.events.length} event${b.events.length === 1 ? '' : 's'}`, true), async () => {
      await sendWatched(this.events, new PutEventsCommand({ trackingId: b.trackingId, ...(b.userId ? { userId: b.userId } : {}), sessionId: b.sessionId, eventList: b.events }), signal);
    });
  }

  listEventTrackers(datasetGroupArn: string): Promise<EventTrackerInfo[]> {
    return call(this.ctx(`list the event trackers of ${datasetGroupArn}`), async () => {
      const out: EventTrackerInfo[] = [];
      for await (const page of paginateListEventTrackers({ client: this.personalize, pageSize: 100 }, { datasetGroupArn })) {
        for (const t of page.eventTrackers ?? []) out.push(tracker({ ...t, datasetGroupArn }));
      }
      return out;
    });
  }

  describeEventTracker(arn: string): Promise<EventTrackerInfo> {
    return call(this.ctx(`describe the event tracker ${arn}`), async () => {
      const r = await this.personalize.send(new DescribeEventTrackerCommand({ eventTrackerArn: arn }));
      if (!r.eventTracker) throw new AppError('not-found', `Event tracker ${arn} was not returned.`);
      return tracker(r.eventTracker);
    });
  }

  createEventTracker(input: { name: string; datasetGroupArn: string; tags?: Record<string, string> }): Promise<{ arn: string; trackingId?: string }> {
    return call(this.ctx(`create the event tracker ${input.name}`), async () => {
      const tags = Object.entries(input.tags ?? {}).map(([tagKey, tagValue]) => ({ tagKey, tagValue }));
      const r = await this.personalize.send(new CreateEventTrackerCommand({ name: input.name, datasetGroupArn: input.datasetGroupArn, ...(tags.length ? { tags } : {}) }));
      if (!r.eventTrackerArn) throw new AppError('internal', 'CreateEventTracker returned no ARN.');
      return { arn: r.eventTrackerArn, ...(r.trackingId ? { trackingId: r.trackingId } : {}) };
    });
  }
}

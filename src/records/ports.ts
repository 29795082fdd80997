// The edge the record-by-record import talks through (personalize-events data plane + the event
// tracker operations of the control plane). src/aws/events.ts implements it with the real SDK
// clients (AWS or the sandbox); nothing here imports @aws-sdk/*.

/** A user as PutUsers takes it: `properties` is a JSON string with camelCase keys. */
export interface UserRecord {
  userId: string;
  properties?: string;
}

/** An item as PutItems takes it. */
export interface ItemRecord {
  itemId: string;
  properties?: string;
}

/** One interaction as PutEvents takes it (the user and session are per call, see EventBatch). */
export interface EventRecord {
  eventType: string;
  /** when it happened (the CSV's TIMESTAMP, epoch seconds) */
  sentAt: Date;
  itemId?: string;
  eventValue?: number;
  eventId?: string;
  recommendationId?: string;
  impression?: string[];
  /** the CSV's EVENT_ATTRIBUTION_SOURCE */
  metricAttribution?: { eventAttributionSource: string };
  /** JSON string, camelCase keys; ≤ 1024 characters */
  properties?: string;
}

export interface EventBatch {
  trackingId: string;
  userId?: string;
  sessionId: string;
  events: EventRecord[];
}

export interface EventTrackerInfo {
  arn: string;
  name: string;
  status: string;
  datasetGroupArn?: string;
  /** what PutEvents takes; only DescribeEventTracker returns it */
  trackingId?: string;
  createdAt?: Date;
}

export interface RecordsApi {
  /** 1–10 users; all-or-nothing: a rejected call throws (AppError, awsName InvalidInputException…).
   * `signal` aborts the call in flight (AppError 'interrupted'): its request may have reached the service. */
  putUsers(datasetArn: string, users: UserRecord[], signal?: AbortSignal): Promise<void>;
  /** 1–10 items */
  putItems(datasetArn: string, items: ItemRecord[], signal?: AbortSignal): Promise<void>;
  /** 1–10 events of one user and session */
  putEvents(batch: EventBatch, signal?: AbortSignal): Promise<void>;
  /** every page; summaries (no trackingId) */
  listEventTrackers(datasetGroupArn: string): Promise<EventTrackerInfo[]>;
  describeEventTracker(arn: string): Promise<EventTrackerInfo>;
  /** returns { arn, trackingId } */
  createEventTracker(input: { name: string; datasetGroupArn: string; tags?: Record<string, string> }): Promise<{ arn: string; trackingId?: string }>;
}

// One answered request of the sandbox's Personalize endpoints (control and data plane), for tests
// and the request log. Its own file so personalize.ts and events.ts both import it from below
// (no import circle between them).
export interface RequestLogEntry {
  operation: string;
  /** epoch milliseconds */
  time: number;
  /** HTTP status answered; 0 = connection destroyed */
  status: number;
  /** the error's __type, when one was answered */
  error?: string;
  /** data plane (PutUsers / PutItems / PutEvents): records in the call */
  records?: number;
  /** data plane: the dataset (PutUsers / PutItems) or event tracker (PutEvents) ARN */
  target?: string;
  /** data plane: the caller's app id, when it set one (AWS_SDK_UA_APP_ID: "app/<id>" in its user agent) */
  app?: string;
}

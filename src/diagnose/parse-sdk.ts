// The error lines the other AWS SDKs print, read into their facts: Java (v1
// "com.amazonaws.services.personalize.model.X: message (Service: AmazonPersonalize; Status Code: 400;
// Error Code: X; Request ID: …)", v2 "software.amazon.awssdk.services.personalize.model.X: message
// (Service: Personalize, Status Code: 400, Request ID: …)", also inside a CompletionException or
// after "Caused by:"), .NET ("Amazon.Personalize.Model.X: message" with "at …Client.OpAsync(" frames)
// and Go v2 ("operation error Personalize: Op, https response error StatusCode: 400, RequestID: …,
// X: message"), and AWS Tools for PowerShell's error record ("New-PERSDatasetImportJob : message",
// then "At line:…", "+ CategoryInfo …", "+ FullyQualifiedErrorId : Amazon.Personalize.Model.X,…"). The message is the exception's own line — not the stack trace under it; the
// operation comes from the client method in the stack. Core module: no dependencies.

export interface SdkLine {
  wrapper: 'java-sdk' | 'dotnet-sdk' | 'go-sdk' | 'powershell';
  /** the exception's simple name ("InvalidInputException") */
  name: string;
  /** the service as the package names it ("personalize", "s3", "Personalize") */
  service?: string;
  /** the client method the stack names, as written ("createDatasetImportJob", "CreateDatasetImportJobAsync") */
  method?: string;
  operation?: string;
  status?: number;
  requestId?: string;
  /** the rest of the exception's line (with the Java trailer, which the caller reads) */
  message: string;
}

const JAVA = /(?:^|[\s:(])(?:com\.amazonaws\.services|software\.amazon\.awssdk\.services)\.([a-z0-9]{1,40})\.model\.([A-Z][A-Za-z0-9]{1,100}):[ \t]*([^\n]{0,10000})/m;
// (SdkClientException and friends are not the service's answer, but still the exception to name)
const JAVA_CORE = /(?:^|[\s:(])(?:com\.amazonaws|software\.amazon\.awssdk\.core\.exception)\.([A-Z][A-Za-z0-9]{1,100}(?:Exception|Error)):[ \t]*([^\n]{0,10000})/m;
const JAVA_FRAME = /\bat\s+[\w.$]{1,300}?\.(?:Amazon|Default)?[A-Za-z0-9]{0,60}(?:Async)?Client\.(?:execute)?([a-zA-Z][A-Za-z0-9]{2,80})\(/g;
const DOTNET = /(?:^|[\s:])Amazon\.([A-Za-z0-9]{1,40})\.Model\.([A-Z][A-Za-z0-9]{1,100}):[ \t]*([^\n]{0,10000})/m;
const DOTNET_FRAME = /\bat\s+Amazon\.[A-Za-z0-9]{1,40}\.Amazon[A-Za-z0-9]{1,60}Client\.([A-Z][A-Za-z0-9]{2,80}?)(?:Async)?\(/g;
const GO = /operation\s+error\s+([A-Za-z0-9 ]{1,40}):\s*([A-Z][A-Za-z0-9]{2,80}),\s*(?:https?\s+response\s+error\s+StatusCode:\s*(\d{3}),\s*RequestID:\s*([A-Za-z0-9-]{0,128}),\s*)?(?:api\s+error\s+)?([A-Z][A-Za-z0-9]{1,100}):[ \t]*([^\n]{0,10000})/;

const PS_LINE = /^([A-Z][a-z]{1,12})-([A-Z]{2,8}?)((?:Dataset|Schema|Solution|Campaign|Recommender|Filter|Event|Batch|Metric|Data|Tag|Resource)[A-Za-z0-9]{0,80})\s+:\s*([^\n]{1,10000})/m;
const PS_ID = /FullyQualifiedErrorId\s*:\s*Amazon\.([A-Za-z0-9]{1,40})\.Model\.([A-Z][A-Za-z0-9]{1,100}),/;
const PS_VERBS: Record<string, string> = { New: 'Create', Remove: 'Delete', Update: 'Update', Start: 'Start', Stop: 'Stop', Write: 'Put' };

/** "New" + "DatasetImportJob" → CreateDatasetImportJob; "Get" + "DatasetImportJobList" → ListDatasetImportJobs. */
function psOperation(verb: string, noun: string): string | undefined {
  if (verb === 'Get') return /List$/.test(noun) ? `List${noun.replace(/List$/, '')}s` : `Describe${noun}`;
  return PS_VERBS[verb] ? `${PS_VERBS[verb]}${noun}` : undefined;
}

const VERB = /^(?:create|describe|list|update|delete|put|get|tag|untag|start|stop|head|upload|copy|assume|simulate)[A-Z]/i;

/** The first client method in the stack that is an API call (not doInvoke, invoke, execute …). */
function methodIn(text: string, frame: RegExp): string | undefined {
  frame.lastIndex = 0;
  for (let m = frame.exec(text), n = 0; m && n < 200; m = frame.exec(text), n++) {
    if (VERB.test(m[1])) return m[1];
  }
  return undefined;
}

const pascal = (s: string | undefined) => (s ? s[0].toUpperCase() + s.slice(1).replace(/Async$/, '') : undefined);

/** The SDK error line in `text`, or undefined when none of these SDKs printed it. Never throws. */
export function sdkLine(text: string): SdkLine | undefined {
  const go = GO.exec(text);
  if (go) {
    return { wrapper: 'go-sdk', name: go[5], service: go[1].trim(), operation: go[2], ...(go[3] ? { status: Number(go[3]) } : {}), ...(go[4] ? { requestId: go[4] } : {}), message: go[6] };
  }
  const java = JAVA.exec(text);
  const core = java ? undefined : JAVA_CORE.exec(text);
  if (java || core) {
    const method = methodIn(text, JAVA_FRAME);
    return {
      wrapper: 'java-sdk', name: java ? java[2] : core![1], ...(java ? { service: java[1] } : {}),
      ...(method ? { method, operation: pascal(method) } : {}), message: java ? java[3] : core![2],
    };
  }
  const psId = PS_ID.exec(text);
  const ps = psId ? PS_LINE.exec(text) : undefined;
  if (psId && ps) {
    const operation = psOperation(ps[1], ps[3]);
    return { wrapper: 'powershell', name: psId[2], service: psId[1], ...(operation ? { operation } : {}), message: ps[4] };
  }
  const dotnet = DOTNET.exec(text);
  if (dotnet) {
    const method = methodIn(text, DOTNET_FRAME);
    return { wrapper: 'dotnet-sdk', name: dotnet[2], service: dotnet[1], ...(method ? { method, operation: pascal(method) } : {}), message: dotnet[3] };
  }
  return undefined;
}

// --debug: one line per HTTP attempt (operation, method, URL, HTTP status, request id, duration)
// plus the request headers — with every credential-bearing header and query parameter redacted.
// Added innermost (deserialize step, low priority) so it sees the signed request and each retry.

const SECRET_HEADERS = /^(authorization|x-amz-security-token|x-amz-signature|x-amz-credential|x-amz-content-sha256-signature|cookie|set-cookie|x-amz-server-side-encryption-customer-key.*|x-amz-copy-source-server-side-encryption-customer-key.*|proxy-authorization)$/i;
const SECRET_QUERY = /^(x-amz-signature|x-amz-security-token|x-amz-credential|signature|awsaccesskeyid|x-amz-sso_bearer_token)$/i;
const REDACTED = '[REDACTED]';

export function redactHeaders(h: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k] = SECRET_HEADERS.test(k) ? REDACTED : String(v ?? '');
  return out;
}

export function redactQuery(q: Record<string, unknown> | undefined): string {
  if (!q) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) {
    const vals = Array.isArray(v) ? v : [v];
    for (const x of vals) parts.push(`${k}${x === null || x === undefined ? '' : `=${SECRET_QUERY.test(k) ? REDACTED : String(x)}`}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Last line of defence: scrub anything that looks like a secret from a line before printing. */
export function scrub(line: string, secrets: string[]): string {
  let out = line;
  for (const s of secrets) if (s && s.length >= 8) out = out.split(s).join(REDACTED);
  return out;
}

interface HttpReqLike {
  method?: string;
  protocol?: string;
  hostname?: string;
  port?: number;
  path?: string;
  query?: Record<string, unknown>;
  headers?: Record<string, string>;
}
interface HttpResLike {
  statusCode?: number;
  headers?: Record<string, string>;
}

export interface DebugSink {
  write(s: string): unknown;
}

interface Stack {
  add(mw: unknown, opts: { step: string; priority?: string; name: string; override?: boolean }): void;
}

/**
 * The lines of one HTTP attempt: "→" with the (redacted) request at once, then "←" with the status
 * or "✗" with the error, through the returned function.
 */
export function logAttempt(service: string, op: string, req: HttpReqLike, sink: DebugSink, secrets: () => string[]): (res: HttpResLike | undefined, err?: unknown) => void {
  const url = `${req.protocol ?? 'https:'}//${req.hostname ?? ''}${req.port ? `:${req.port}` : ''}${req.path ?? ''}${redactQuery(req.query)}`;
  const emit = (line: string) => sink.write(`${scrub(line, secrets())}\n`);
  emit(`[debug] → ${service} ${op} ${req.method ?? ''} ${url}`);
  emit(`[debug]   headers ${JSON.stringify(redactHeaders(req.headers ?? {}))}`);
  const started = performance.now();
  return (res, e) => {
    if (e === undefined) {
      const h = res?.headers ?? {};
      const rid = h['x-amzn-requestid'] ?? h['x-amz-request-id'] ?? h['x-amzn-request-id'] ?? '-';
      emit(`[debug] ← ${service} ${op} HTTP ${res?.statusCode ?? '?'} request-id ${rid} ${Math.round(performance.now() - started)} ms`);
    } else {
      const err = e as { name?: string; code?: string; message?: string };
      emit(`[debug] ✗ ${service} ${op} ${err.code ?? err.name ?? 'Error'}: ${err.message ?? String(e)} ${Math.round(performance.now() - started)} ms`);
    }
  };
}

/** Adds the logging middleware to a client. `secrets()` yields values to scrub (keys, tokens). */
export function addDebugLogging(client: { middlewareStack: unknown }, service: string, sink: DebugSink, secrets: () => string[]): void {
  const mw = (next: (a: { request: unknown }) => Promise<{ response: unknown }>, context: { commandName?: string }) =>
    async (args: { request: unknown }) => {
      const done = logAttempt(service, (context.commandName ?? 'Unknown').replace(/Command$/, ''), args.request as HttpReqLike, sink, secrets);
      try {
        const out = await next(args);
        done(out.response as HttpResLike);
        return out;
      } catch (e) {
        done(undefined, e ?? new Error('failed'));
        throw e;
      }
    };
  (client.middlewareStack as Stack).add(mw, { step: 'deserialize', priority: 'low', name: 'personalizeImportDebugLog', override: true });
}

// The sandbox S3 front's wire: XML replies and errors as S3 words them, request ids, request bodies
// (aws-chunked decoded). Used by s3.ts; no state of its own but the request counter.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function sendXml(res: ServerResponse, status: number, body: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(text), 'x-amz-request-id': requestId() });
  res.end(text);
}

export function s3Error(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  const more = Object.entries(extra).map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`).join('');
  sendXml(res, status, `<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message>${more}<RequestId>${requestId()}</RequestId></Error>`);
}

let reqCounter = 0;
export function requestId(): string {
  reqCounter++;
  return `SANDBOX${reqCounter.toString(16).toUpperCase().padStart(9, '0')}`;
}

/** Decodes an aws-chunked body: `<hex-size>[;chunk-signature=…]\r\n<bytes>\r\n … 0\r\n<trailers>\r\n\r\n`. */
export async function decodeAwsChunked(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const out: Buffer[] = [];
  let i = 0;
  while (i < raw.length) {
    const eol = raw.indexOf('\r\n', i);
    if (eol < 0) break;
    const size = parseInt(raw.subarray(i, eol).toString('latin1').split(';')[0], 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(raw.subarray(eol + 2, eol + 2 + size));
    i = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

export async function readBody(r: IncomingMessage): Promise<Buffer> {
  const encoding = String(r.headers['content-encoding'] ?? '');
  const sha = String(r.headers['x-amz-content-sha256'] ?? '');
  if (encoding.includes('aws-chunked') || sha.startsWith('STREAMING-')) return decodeAwsChunked(r);
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export const xmlValue = (xml: string, tag: string): string | undefined => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1]?.trim();

// What IAM and KMS in the sandbox share: their state persisted as a JSON list in the data directory
// (roles, keys), and "do these policy texts allow this request?" — an unparsable policy allows nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { evaluate, parsePolicy, type Decision, type PolicyDocument, type RequestContext } from '../diagnose/policy.js';

/** The list saved in `file` by an earlier start; [] on a first start or an unreadable file. */
export function loadSaved<T>(file: string | undefined): T[] {
  if (!file) return [];
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T[];
  } catch {
    return [];
  }
}

export function saveList(file: string | undefined, values: Iterable<unknown>): void {
  if (file) writeFileSync(file, JSON.stringify([...values], null, 2));
}

/** The policies (JSON texts) evaluated together for `ctx`, with the parsed documents; undefined when one does not parse. */
export function evaluateTexts(texts: string | string[], ctx: RequestContext): { decision: Decision; docs: PolicyDocument[] } | undefined {
  let docs: PolicyDocument[];
  try {
    docs = (Array.isArray(texts) ? texts : [texts]).map((t) => parsePolicy(t));
  } catch {
    return undefined;
  }
  return { decision: evaluate(docs, ctx), docs };
}

/** Do the policies allow it (an explicit Deny wins; conditions taken as met)? */
export function policiesAllow(texts: string | string[], ctx: RequestContext): boolean {
  return evaluateTexts(texts, ctx)?.decision.decision === 'allow';
}

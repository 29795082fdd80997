// What the Ink face hands the machine: its ports (the wizard's connection and services) and the
// state it starts from (Where's answers, a saved profile's presets — the same rule as plain mode).
import { newState } from '../../../flow/machine/drive.js';
import { profilePresets } from '../../../flow/machine/profile.js';
import type { FlowPorts, FlowState } from '../../../flow/machine/types.js';
import type { Answers } from '../../../flow/plan.js';
import type { SavedProfile } from '../../../profiles/store.js';
import type { Connected, WizardServices } from '../types.js';

export function flowFor(services: WizardServices, conn: Connected, answers: Answers, profile?: SavedProfile): { ports: FlowPorts; state: FlowState } {
  const ctx = conn.context;
  const pre = profile ? profilePresets(profile) : undefined;
  const ports: FlowPorts = {
    personalize: conn.personalize, s3: conn.s3, context: ctx, cwd: services.cwd,
    ...(conn.preflight ? { preflight: conn.preflight } : {}),
    recordsAvailable: Boolean(conn.records),
    ...(conn.accessSetup ? { accessSetup: conn.accessSetup } : {}),
    ...(ctx.sandbox ? { sandboxDefaults: { roleArn: ctx.roleArn, bucket: ctx.bucket } } : {}),
    ...(services.samplesDir ? { samplesDir: services.samplesDir } : {}),
    ...(profile?.roleArn ? { profileRole: profile.roleArn } : {}),
    now: services.now ?? (() => new Date()),
    ...(services.watch ? { watch: services.watch } : {}),
    ...(services.profiles ? { profiles: services.profiles } : {}),
  };
  // the flags' answers, as plain mode takes them: --dates answers "How are the dates written?" (asked
  // only for a file with dates in numbers only), --decimal, --event-type, --keep, --event-names (these
  // three were dropped here, so the Ink wizard ignored them)
  const a: Answers = {
    region: ctx.region ?? answers.region, awsProfile: answers.awsProfile, sandbox: Boolean(ctx.sandbox), ...(pre ? pre.answers : {}),
    ...(answers.dateOrder ? { dateOrder: answers.dateOrder } : {}), ...(answers.decimalMark ? { decimalMark: answers.decimalMark } : {}),
    ...(answers.eventType !== undefined ? { eventType: answers.eventType } : {}), ...(answers.keep?.length ? { keep: answers.keep } : {}), ...(answers.eventNames ? { eventNames: answers.eventNames } : {}),
  };
  return { ports, state: newState(a, { ...(pre?.presetFrom ?? {}), ...(answers.dateOrder ? { dates: '--dates' } : {}) }) };
}

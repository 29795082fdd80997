// How a renderer colours text (report.ts's ansi / plain, paintFor): its own file so message.ts
// need not import report.ts for the type (report.ts → diagnose.ts → message.ts: an import circle).
export interface Paint {
  bold(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
}

// The import flow, shared by the wizard (Ink), plain mode and the `import` command.
export * from './steps.js';
export * from './plan.js';
export * from './mode.js';
export * from './checks.js';
export * from './next.js';
export * from './run.js';
export * from './queries.js';

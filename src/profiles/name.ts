// What a saved profile may be called. Its own module, apart from store.ts: the flow's save step
// checks a typed name with it, and importing it from store.ts loaded conf with its JSON-schema
// validator (ajv: ~300 KB, ~45 ms of Node 20's CPU) into every `import` run, which never opens the
// store without --profile (test/build/first-frame-chunks.test.ts holds it).
export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

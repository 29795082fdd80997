// One process's use of src/ui/ink/code-cache.ts (test/ui/code-cache.test.ts): loads argv[2] with the
// cache in argv[3] ("-": the default folder, codeCacheDir()), prints what it got, then saves the cache as the wizard does.
import { loadCached, saveCodeCaches } from '../../src/ui/ink/code-cache.js';

const [file, dir] = process.argv.slice(2);
const r = loadCached(file, { dep: { x: 41 } }, dir === '-' ? undefined : dir);
const m = r.exports as { answer: number; twice: (n: number) => number };
saveCodeCaches();
process.stdout.write(JSON.stringify({ cache: r.cache, answer: m.answer, twice: m.twice(4) }));

// Peak memory of the cross-file checks (src/crossfile) with many distinct IDs (issue #19: < 200 MB
// with 5 M distinct users and 5 M distinct items). Generates the three files in a temp folder, bundles
// src/crossfile with esbuild (the measured code is the built code), runs the check in a child process
// and prints the child's peak RSS (VmHWM: bench-floor.mjs peakRssKb) next to a child that only reads the
// same files the same way (the floor: Node itself, the module and its read buffer), measured in the same run.
//
// Two runs: the IDs matching across the files, then the mismatch the detectors are for (the items
// file's IDs prefixed sku-, the users file's in upper case, the interactions with neither): every
// interaction misses both catalogs, and each miss goes through the detectors.
//
//   node scripts/crossfile-memory.mjs            # 5 M users, 5 M items, 5 M interactions
//   CROSS_IDS=1000000 node scripts/crossfile-memory.mjs
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const N = Number(process.env.CROSS_IDS ?? 5_000_000);
const dir = mkdtempSync(join(tmpdir(), 'pi-crossmem-'));

async function writeLines(path, header, rows, line) {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += `${line(i)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
}

/** the three files: matching IDs, or the catalogs spelled another way (sku- prefixed items, upper-case users) */
async function generate(mismatch) {
  const t0 = Date.now();
  // every user and every item once in the catalogs; the interactions name each of them (items in another order)
  await writeLines(join(dir, 'users.csv'), 'USER_ID,AGE', N, (i) => `${mismatch ? 'USER' : 'user'}-${i},${20 + (i % 50)}`);
  await writeLines(join(dir, 'items.csv'), 'ITEM_ID,CATEGORY', N, (i) => `sku-${i},c${i % 9}`);
  await writeLines(join(dir, 'interactions.csv'), 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE', N, (k) => `user-${k},${mismatch ? '' : 'sku-'}${(k * 7919) % N},${1767225600 + k},click`);
  return Date.now() - t0;
}

try {
  const { build } = await import('esbuild');
  const bundle = join(dir, 'crossfile.mjs');
  await build({ entryPoints: [join(ROOT, 'src/crossfile/index.ts')], outfile: bundle, bundle: true, format: 'esm', platform: 'node', target: 'node20.17', logLevel: 'warning' });
  const child = join(dir, 'child.mjs');
  writeFileSync(child, `
    import { join } from 'node:path';
    import { peakRssKb } from ${JSON.stringify(new URL('./bench-floor.mjs', import.meta.url).href)};
    const [dir, mode] = process.argv.slice(2);
    const { crossCheck, fileSource } = await import(join(dir, 'crossfile.mjs'));
    const src = (n) => fileSource(join(dir, n), n);
    const t0 = Date.now();
    let out;
    if (mode === 'floor') {
      let bytes = 0;
      for (const n of ['items.csv', 'users.csv', 'interactions.csv']) for await (const c of src(n).open()) bytes += c.length;
      out = { bytes };
    } else {
      const r = await crossCheck({ interactions: src('interactions.csv'), items: src('items.csv'), users: src('users.csv') });
      const causes = (m) => Object.fromEntries(m.causes.map((c) => [c.kind, c.rows]));
      out = { itemCauses: causes(r.missingItems), userCauses: causes(r.missingUsers), rows: r.interactions.rows, items: r.items.distinct, users: r.users.distinct, missingItems: r.missingItems.rows, missingUsers: r.missingUsers.rows,
        itemsUnused: r.items.withoutInteractions, usersUnused: r.users.withoutInteractions, setBytes: r.setBytes };
    }
    out.ms = Date.now() - t0;
    out.maxRssMB = Math.round(peakRssKb() / 1024);
    console.log(JSON.stringify(out));
  `);
  const run = (mode) => JSON.parse(execFileSync(process.execPath, [child, dir, mode], { encoding: 'utf8' }));
  for (const mismatch of [false, true]) {
    const genMs = await generate(mismatch);
    const floor = run('floor');
    const check = run('check');
    const all = (n) => check.items === N && check.users === N && check.missingItems === n && check.missingUsers === n && check.itemsUnused === n && check.usersUnused === n;
    const ok = mismatch ? all(N) && check.itemCauses.prefix === N && check.userCauses.case === N : all(0);
    console.log([
      `cross-file checks, ${N.toLocaleString('en-US')} distinct users and items, ${check.rows.toLocaleString('en-US')} interactions, ${mismatch ? 'MISMATCHED (items sku- prefixed, users upper case: every interaction misses both)' : 'matching'} (files generated in ${(genMs / 1000).toFixed(1)} s)`,
      `load average            ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
      `floor (read the files)  peak RSS ${floor.maxRssMB} MB, ${(floor.ms / 1000).toFixed(1)} s`,
      `cross-file check        peak RSS ${check.maxRssMB} MB, ${(check.ms / 1000).toFixed(1)} s (ID sets ${(check.setBytes / 1048576).toFixed(1)} MB)`,
      `above the floor         ${check.maxRssMB - floor.maxRssMB} MB · target < 200 MB: ${check.maxRssMB < 200 ? 'met' : 'NOT met'}`,
      `counts                  ${ok ? 'exact' : `WRONG: ${JSON.stringify(check)}`}`,
    ].join('\n'));
    if (!ok || check.maxRssMB >= 200) process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

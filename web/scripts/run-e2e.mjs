// Runs the end-to-end files one after another (each starts its own kefu and chromium;
// two at once would fight over the cores). A plain loop instead of
// `node --test --test-concurrency=1`, which Debian 12's Node 18 does not know.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'e2e');
const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort();
let failed = 0;
for (const file of files) {
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', join(dir, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
if (failed > 0) {
  console.error(`${failed} of ${files.length} end-to-end files failed`);
  process.exit(1);
}

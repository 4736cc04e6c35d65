// Writes .gz and .br siblings next to every compressible file under a directory, so the
// server can send pre-compressed bytes without compressing per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|map|txt|webmanifest)$/;
const MIN_BYTES = 512; // smaller files gain nothing worth a second representation

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (COMPRESSIBLE.test(name)) compress(path);
  }
}

function compress(path) {
  const raw = readFileSync(path);
  if (raw.length < MIN_BYTES) return;
  const gz = gzipSync(raw, { level: 9 });
  const br = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
  if (gz.length < raw.length) writeFileSync(`${path}.gz`, gz);
  if (br.length < raw.length) writeFileSync(`${path}.br`, br);
}

walk(process.argv[2] ?? 'dist');

/** Run by `npm run build`: writes the embedded-database template (see pglite-template.ts) into dist/. */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { dumpFreshEmbedded } from './connect.js';
import { templatePath } from './pglite-template.js';

const path = templatePath();
if (!existsSync(path)) {
  const blob = await dumpFreshEmbedded();
  // Older templates (other PGlite or schema versions) are never read again.
  for (const name of readdirSync(dirname(path))) {
    if (name.startsWith('pglite-template-') && name !== basename(path)) rmSync(join(dirname(path), name));
  }
  writeFileSync(path, Buffer.from(await blob.arrayBuffer()));
  process.stdout.write(`wrote ${path} (${blob.size} bytes)\n`);
}

/**
 * `npm run build` (and `prepare`): the empty PGlite cluster new data dirs are copied from, made once here so
 * that it ships in dist/ and a machine's first `profai process` does not run initdb (see
 * src/store/pglite-template.ts). Kept when one for this PGlite version is already there.
 *
 *   tsx scripts/make-pglite-template.ts
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { initCluster, shippedTemplatePath } from '../src/store/pglite-template.ts';

const target = shippedTemplatePath();
if (existsSync(join(target, 'PG_VERSION'))) {
  console.log(`PGlite template: ${target} (kept)`);
} else {
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  await initCluster(partial);
  renameSync(partial, target);
  console.log(`PGlite template: ${target} (made)`);
}

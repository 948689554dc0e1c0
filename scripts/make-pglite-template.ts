/**
 * `npm run build` (and `prepare`): the migrated PGlite cluster new data dirs are copied from, made once here so
 * that it ships in dist/ and a machine's first `profai process` runs neither initdb nor the migrations (see
 * src/store/pglite-template.ts). Kept when one for this PGlite version and these migrations is already there;
 * templates of other versions or migrations are removed.
 *
 *   tsx scripts/make-pglite-template.ts
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { makeCluster, shippedTemplatePath } from '../src/store/pglite-template.ts';

const target = shippedTemplatePath();
for (const name of readdirSync(dirname(target))) {
  if (/^pglite-.+-cluster(\.partial)?$/.test(name) && name !== basename(target)) {
    rmSync(join(dirname(target), name), { recursive: true, force: true });
  }
}
if (existsSync(join(target, 'PG_VERSION'))) {
  console.log(`PGlite template: ${target} (kept)`);
} else {
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  await makeCluster(partial);
  renameSync(partial, target);
  console.log(`PGlite template: ${target} (made)`);
}

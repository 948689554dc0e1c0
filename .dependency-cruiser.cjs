/**
 * ProfAI's layer rules, written once and checked in CI (`npm run depcheck`). Dependencies point down:
 *
 *   cli ─► api ─► ops ─► tasks ─► workflows ─► llm ─► pipeline ─► domain   (workflows ─► export ─► domain)
 *                          │          ├──────► store ─────────────► domain
 *                          │          └──────► files ─────────────► domain   (uploads and kept PDFs: folders or S3)
 *                          └─► fleet (a runtime that knows no ProfAI task)
 *   export ─► domain        config, redis-keys, lib: below everything
 *
 * One file of the web app is below everything too: src/web/question-text.js (a question's answer, levels and
 * kind label in words), a plain ES module that imports nothing, so that the app (served without a build step)
 * and the exporters share one text; lib re-exports its numberText. Its declaration (.d.ts) reads domain types.
 *
 * The lazy-loading rule (heavy packages reached only through dynamic imports from the processes' entry
 * points, so idle workers stay small) is in .dependency-cruiser-lazy.cjs, which cruises static imports only.
 */

/** A layer may import only the folders listed for it (and npm packages, Node's modules). */
const LAYERS = {
  'question-text': ['domain'],
  lib: ['question-text'],
  domain: ['lib'],
  config: ['domain', 'lib'],
  pipeline: ['domain', 'lib'],
  export: ['domain', 'lib', 'question-text'],
  store: ['domain', 'lib', 'config'],
  files: ['domain', 'lib', 'config'],
  llm: ['domain', 'lib', 'config', 'redis-keys', 'pipeline'],
  fleet: ['domain', 'lib', 'config', 'redis-keys'],
  workflows: ['domain', 'lib', 'config', 'pipeline', 'store', 'files', 'llm', 'export'],
  tasks: ['domain', 'lib', 'config', 'redis-keys', 'fleet', 'workflows', 'store', 'files', 'llm', 'pipeline'],
  ops: ['domain', 'lib', 'config', 'redis-keys', 'fleet', 'tasks', 'workflows', 'store', 'files', 'llm', 'pipeline'],
  web: [],
  api: ['domain', 'lib', 'config', 'redis-keys', 'fleet', 'tasks', 'workflows', 'store', 'files', 'llm', 'pipeline', 'ops', 'export', 'web'],
  cli: ['domain', 'lib', 'config', 'redis-keys', 'fleet', 'tasks', 'workflows', 'store', 'files', 'llm', 'pipeline', 'ops', 'export', 'api', 'web'],
};

/** Where each layer lives: a folder of src/, or a file for the bottom layers that are one or two files. */
const FILES = {
  config: '^src/config(-values)?\\.ts$',
  'redis-keys': '^src/redis-keys\\.ts$',
  'question-text': '^src/web/question-text\\.(js|d\\.ts)$',
};
const pathOf = (layer) => FILES[layer] ?? `^src/${layer}/`;
/** A file layer inside a layer's folder is a layer of its own, not that folder's (question-text in web). */
const inside = (layer) =>
  Object.keys(FILES).filter((file) => file !== layer && FILES[file].startsWith(pathOf(layer)));

const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  severity: 'error',
  comment: `src/${layer} may import only: ${allowed.join(', ') || 'itself'}`,
  from: { path: pathOf(layer), pathNot: inside(layer).map(pathOf) },
  to: { path: '^src/', pathNot: [pathOf(layer), ...allowed.map(pathOf)] },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module may reach itself again through its imports (type imports included).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'src-not-to-tests',
      severity: 'error',
      comment: 'The product never imports test or benchmark code.',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    ...layerRules,
  ],
  options: {
    includeOnly: '^(src|test|bench|scripts)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

/**
 * Heavy packages only through lazy entry points (`await import(...)`), so that a process loads what its work
 * needs and nothing more: an idle worker child is a few tens of MB, a supervisor carries no PDF engine or
 * database driver, `profai --help` loads no server. Checked over static imports only (dynamic imports and
 * type-only imports are left out of this cruise): a path that reaches a package here is a static one.
 */
const HEAVY = {
  queue: 'node_modules/(bullmq|ioredis)/',
  pdf: 'node_modules/(pdfjs-dist|@embedpdf/pdfium|tesseract\\.js)/',
  database: 'node_modules/(@electric-sql/[^/]+|pg|chromadb)/',
  storage: 'node_modules/@aws-sdk/[^/]+/',
  model: 'node_modules/(ai|@ai-sdk/[^/]+|gpt-tokenizer)/',
  nlp: 'node_modules/(wink-nlp|wink-eng-lite-web-model)/',
  http: 'node_modules/(fastify|@fastify/[^/]+)/',
  schemas: 'node_modules/zod/',
};

const light = (name, from, heavy, comment) => ({
  name,
  severity: 'error',
  comment,
  from: { path: from },
  to: { path: heavy.map((h) => HEAVY[h]), reachable: true },
});

module.exports = {
  forbidden: [
    light(
      'child-stays-light',
      '^src/(fleet/pool/child-main|tasks/index)\\.ts$',
      ['queue', 'pdf', 'database', 'storage', 'model', 'nlp', 'http', 'schemas'],
      'A worker child (and the task module it loads) imports its task’s engine on the first task, not at start.',
    ),
    light(
      'supervisor-stays-light',
      '^src/(tasks/worker-main|tasks/worker)\\.ts$',
      ['pdf', 'database', 'storage', 'model', 'nlp', 'http', 'schemas'],
      'A supervisor waits on Redis; the model’s code loads only when the worker runs the LLM stage.',
    ),
    light(
      'cli-stays-light',
      '^src/cli/main\\.ts$',
      ['queue', 'pdf', 'database', 'storage', 'model', 'nlp', 'http', 'schemas'],
      'Each command loads what it runs; `profai --help` loads none of it.',
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { dynamic: true },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

/**
 * `npm run eval:quality [-- [--checkout DIR] [--sample N] [--findings N] [--keep DIR] FILE…]`: how good the offline courses and
 * quizzes are, as issue #14 counts it. Runs `profai process FILE… --out` (of this checkout, or of another one
 * given with --checkout, e.g. a worktree of an older commit, to compare), then prints per file and in total
 * every figure of the issue's table, computed from course.json / course.md and `pdftotext`'s text of each cited
 * page, and a sample of items for a person to read.
 *
 * Default input: the English documents of the shared corpus (../shared/corpus or PROFAI_CORPUS_DIR) that are
 * meant to parse, plus the project's example; totals are given for the corpus's English documents (the issue's
 * targets) and for everything. Without the corpus and without files it says so and exits 0.
 *
 * A script, not a test: it prints figures, it does not pass or fail.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { renderTable } from '../../src/cli/table.ts';
import type { Course, Quiz } from '../../src/domain/course.ts';
import { answerText } from '../../src/export/text.ts';
import { loadEnglishProfile } from '../../src/pipeline/language/index.ts';
import { corpusDir, loadCorpus } from '../../test/support/corpus.ts';
import { addFigures, type Figures, type Finding, figuresOf, type Output, ZERO } from './figures.ts';
import { readSource } from './source.ts';

interface Args {
  checkout: string;
  sample: number;
  /** Failed checks listed per file and kind. */
  findings: number;
  keep?: string;
  files: { path: string; corpusEnglish: boolean }[];
}

const REPO = resolve(import.meta.dirname, '..', '..');
const EXAMPLE = join(REPO, 'examples', 'sample.pdf');

function parseArgs(argv: string[]): Args | null {
  const args: Args = { checkout: REPO, sample: 4, findings: 6, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--checkout') args.checkout = resolve(argv[++i] ?? '.');
    else if (a === '--sample') args.sample = Number(argv[++i] ?? 4);
    else if (a === '--findings') args.findings = Number(argv[++i] ?? 6);
    else if (a === '--keep') args.keep = resolve(argv[++i] ?? 'quality-out');
    else args.files.push({ path: resolve(a), corpusEnglish: false });
  }
  if (args.files.length > 0) return args;
  const corpus = loadCorpus();
  if ('missing' in corpus) {
    console.log(`eval:quality: ${corpus.missing}; pass PDF files to evaluate (nothing to do).`);
    return null;
  }
  for (const row of corpus.rows)
    if (row.language === 'en' && row.expected.startsWith('parse') && !row.expected.includes('OCR'))
      args.files.push({ path: row.path, corpusEnglish: true });
  if (existsSync(EXAMPLE)) args.files.push({ path: EXAMPLE, corpusEnglish: false });
  console.log(
    `eval:quality: ${args.files.length} files (the English "parse" rows of ${corpusDir()} and the example)`,
  );
  return args;
}

interface ProcessRow {
  file: string;
  ok: boolean;
  documentId?: string;
  error?: { code: string; message: string };
}

/** Runs `profai process --out --json` of the checkout on every file, in one process on a fresh database. */
function processAll(args: Args, out: string): Map<string, Output & { error?: string }> {
  const data = mkdtempSync(join(tmpdir(), 'profai-eval-db-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PROFAI_DATA_DIR: data, LOG_LEVEL: 'silent' };
  for (const k of ['LLM_BASE_URL', 'EMBEDDINGS_BASE_URL', 'DATABASE_URL', 'CHROMA_URL']) delete env[k];
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(args.checkout, 'src', 'cli', 'main.ts'),
      'process',
      ...args.files.map((f) => f.path),
      '--out',
      out,
      '--json',
    ],
    { cwd: args.checkout, env, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 1_800_000 },
  );
  rmSync(data, { recursive: true, force: true });
  const json = run.stdout.slice(run.stdout.indexOf('['));
  let rows: ProcessRow[];
  try {
    rows = JSON.parse(json) as ProcessRow[];
  } catch {
    throw new Error(`profai process printed no JSON: ${run.stderr.split('\n').slice(0, 3).join(' / ')}`);
  }
  const outputs = new Map<string, Output & { error?: string }>();
  for (const row of rows) {
    const fileName = basename(row.file);
    if (!row.ok || !row.documentId) {
      outputs.set(resolve(row.file), {
        fileName,
        course: null,
        quiz: null,
        markdown: '',
        error: row.error?.message,
      });
      continue;
    }
    const dir = join(out, row.documentId);
    const saved = JSON.parse(readFileSync(join(dir, 'course.json'), 'utf8')) as {
      course: Course;
      quiz: Quiz | null;
    };
    const markdown = readFileSync(join(dir, 'course.md'), 'utf8');
    outputs.set(resolve(row.file), { fileName, course: saved.course, quiz: saved.quiz, markdown });
  }
  return outputs;
}

const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(d >= 200 ? 1 : 0)}%`);

/** The issue's table: one row per figure, one column per total. */
function table(columns: [string, Figures][]): string {
  const rows: [string, (f: Figures) => string][] = [
    ['true/false items with a doubled prefix', (f) => `${f.doubledPrefix} of ${f.questions} questions`],
    [
      'false statements that are nonsense',
      (f) => `${pct(f.nonsenseFalse, f.falseStatements)} (${f.nonsenseFalse}/${f.falseStatements})`,
    ],
    ['wrong answer keys', (f) => `${f.wrongKeys} of ${f.questions}`],
    [
      'MC items with an option not a noun/number',
      (f) => `${pct(f.wrongKindItems, f.multipleChoice)} (${f.wrongKindItems}/${f.multipleChoice})`,
    ],
    [
      'MC items whose right option stands out',
      (f) => `${pct(f.standOutItems, f.multipleChoice)} (${f.standOutItems}/${f.multipleChoice})`,
    ],
    [
      'well-formed objectives',
      (f) => `${pct(f.objectivesOk, f.objectives)} (${f.objectivesOk}/${f.objectives})`,
    ],
    ['content key terms', (f) => `${pct(f.keyTermsOk, f.keyTerms)} (${f.keyTermsOk}/${f.keyTerms})`],
    [
      'summary sentences that stand alone',
      (f) => `${pct(f.summaryStandalone, f.summarySentences)} (${f.summaryStandalone}/${f.summarySentences})`,
    ],
    ['lessons from front/back matter', (f) => `${f.matterLessons} of ${f.lessons}`],
    [
      'questions from front/back matter',
      (f) => `${pct(f.matterQuestions, f.questions)} (${f.matterQuestions}/${f.questions})`,
    ],
    [
      'sentences with words split by extraction',
      (f) => `${pct(f.sentencesSplit, f.sentencesChecked)} (${f.sentencesSplit}/${f.sentencesChecked})`,
    ],
    [
      'sentences nowhere in the document',
      (f) => `${pct(f.sentencesNowhere, f.sentencesChecked)} (${f.sentencesNowhere}/${f.sentencesChecked})`,
    ],
    ['near-empty documents that got a course', (f) => `${f.nearEmptyWithCourse} of ${f.nearEmpty}`],
    ['generic course titles', (f) => `${f.genericTitle} of ${f.course}`],
    ['outlines flattened', (f) => `${f.flattened} of ${f.course}`],
    [
      'summary sentences on their cited page',
      (f) => `${pct(f.summaryOnPage, f.summarySentences)} (${f.summaryOnPage}/${f.summarySentences})`,
    ],
    [
      'answers on their cited page',
      (f) => `${pct(f.answersOnPage, f.questions)} (${f.answersOnPage}/${f.questions})`,
    ],
    ['documents with a course', (f) => `${f.course}`],
  ];
  return renderTable(
    ['figure', ...columns.map(([name]) => name)],
    rows.map(([name, show]) => [name, ...columns.map(([, f]) => show(f))]),
  );
}

/** Per-file rows: the figures that differ most between documents. */
function perFile(results: { file: string; f: Figures; error?: string }[]): string {
  return renderTable(
    [
      'file',
      'course',
      'questions',
      'nonsense F',
      'bad opts',
      'stand out',
      'objectives',
      'terms',
      'summaries',
      'matter L/Q',
      'split',
      'nowhere',
    ],
    results.map(({ file, f, error }) => [
      file,
      f.course ? 'yes' : `no${error ? `: ${error.slice(0, 40)}` : ''}`,
      f.questions,
      `${f.nonsenseFalse}/${f.falseStatements}`,
      `${f.wrongKindItems}/${f.multipleChoice}`,
      `${f.standOutItems}/${f.multipleChoice}`,
      `${f.objectivesOk}/${f.objectives}`,
      `${f.keyTermsOk}/${f.keyTerms}`,
      `${f.summaryStandalone}/${f.summarySentences}`,
      `${f.matterLessons}/${f.matterQuestions}`,
      `${f.sentencesSplit}/${f.sentencesChecked}`,
      `${f.sentencesNowhere}`,
    ]),
  );
}

/** A few items of each course for a person to read: objectives, summary sentences, questions with answers. */
function sample(out: Output, n: number): string[] {
  const { course, quiz } = out;
  if (!course || n <= 0) return [];
  const lines = [`── ${out.fileName}: "${course.title}"`, `   ${course.description.slice(0, 300)}`];
  lines.push(`   key terms: ${course.keyTerms.slice(0, 10).join(', ')}`);
  const modules = course.modules;
  for (const m of pick(modules, Math.min(2, n)))
    lines.push(`   objectives of "${m.title}": ${m.objectives.join(' | ')}`);
  const sentences = modules.flatMap((m) =>
    m.lessons.flatMap((l) => l.summary.map((s) => `${s.text} (p. ${s.citations[0]?.page})`)),
  );
  for (const s of pick(sentences, n)) lines.push(`   summary: ${s}`);
  for (const q of pick(quiz?.questions ?? [], n)) {
    lines.push(`   Q (p. ${q.sourcePage}): ${q.prompt}`);
    if (q.kind === 'multiple_choice')
      lines.push(
        `      options: ${q.options.map((o, i) => (i === q.answerIndex ? `[${o}]` : o)).join(' / ')}`,
      );
    else lines.push(`      answer: ${answerText(q)}`);
  }
  return lines;
}

/** `n` items spread evenly over `items` (deterministic). */
function pick<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / n)]!);
}

/** The independent extractors every figure is computed from: without them each check would silently fail. */
function missingTools(): string[] {
  return ['pdftotext', 'qpdf'].filter((tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).error);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) return;
  const missing = missingTools();
  if (missing.length > 0) {
    console.error(
      `eval:quality: ${missing.join(' and ')} not found; install poppler-utils and qpdf (bash scripts/ensure-services.sh does)`,
    );
    process.exitCode = 1;
    return;
  }
  const out = args.keep ?? mkdtempSync(join(tmpdir(), 'profai-eval-out-'));
  const started = performance.now();
  const outputs = processAll(args, out);
  const processSeconds = (performance.now() - started) / 1000;
  const lang = await loadEnglishProfile();
  const results: {
    file: string;
    f: Figures;
    corpusEnglish: boolean;
    findings: Finding[];
    output: Output;
    error?: string;
  }[] = [];
  for (const file of args.files) {
    const output = outputs.get(file.path) ?? {
      fileName: basename(file.path),
      course: null,
      quiz: null,
      markdown: '',
    };
    const findings: Finding[] = [];
    const f = figuresOf(output, readSource(file.path), lang, findings);
    results.push({
      file: basename(file.path),
      f,
      corpusEnglish: file.corpusEnglish,
      findings,
      output,
      error: (output as { error?: string }).error,
    });
  }
  const total = (rs: typeof results) => rs.reduce((a, r) => addFigures(a, r.f), ZERO);
  const corpus = results.filter((r) => r.corpusEnglish);
  console.log(
    `\ncheckout: ${args.checkout}; profai process took ${processSeconds.toFixed(1)} s for ${args.files.length} files\n`,
  );
  console.log(perFile(results));
  console.log('');
  const columns: [string, Figures][] =
    corpus.length > 0 && corpus.length < results.length
      ? [
          [`corpus en (${corpus.length})`, total(corpus)],
          [`all (${results.length})`, total(results)],
        ]
      : [[`all (${results.length})`, total(results)]];
  console.log(table(columns));
  console.log(`\nFailed checks (up to ${args.findings} per file and kind):`);
  for (const r of results) {
    const byKind = new Map<string, Finding[]>();
    for (const x of r.findings) byKind.set(x.what, [...(byKind.get(x.what) ?? []), x]);
    for (const [what, xs] of byKind)
      for (const x of xs.slice(0, args.findings))
        console.log(`  ${r.file} · ${what} · ${x.reason}: ${x.text.slice(0, 160)}`);
  }
  console.log('\nSample for a person to read:');
  for (const r of results) for (const line of sample(r.output, args.sample)) console.log(line);
  if (!args.keep) rmSync(out, { recursive: true, force: true });
  else console.log(`\ncourses kept in ${out}`);
}

await main();

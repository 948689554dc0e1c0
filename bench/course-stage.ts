/**
 * The course and quiz stages alone, on documents prepared once, for before/after comparisons of those stages:
 *
 * - `tsx bench/course-stage.ts prepare CACHE FILE…`: runs the stages before the course (extract, structure,
 *   chunk) on each PDF and keeps the prepared document as CACHE/<file>.json (a PDF that cannot make a course is
 *   left out, with its one-line reason).
 * - `tsx bench/course-stage.ts run CHECKOUT CACHE [OUT]`: makes the course and quiz of every cached document
 *   with the pipeline of CHECKOUT (this one, or a worktree of another commit), printing one line per document
 *   (course and quiz CPU seconds, heap growth, the process's peak RSS before and after: run one document alone
 *   under `node --expose-gc` to see what its stages add) and a total; with OUT, writes OUT/<file>.course.json and
 *   .quiz.json to compare the courses two checkouts make.
 *
 * - `node --expose-gc --import tsx bench/course-stage.ts ab CHECKOUT_A CHECKOUT_B CACHE [ROUNDS]`: both checkouts'
 *   stages in one process, taking turns document by document, each round printing both CPU totals and A/B.
 *
 * Run it under `node --cpu-prof --import tsx` to profile the stages without extraction's noise.
 *
 * Issue 21, item 3 (2026-12-06, the 10 Debian manuals of /work/bench-pdfs prepared once; 2 shared cores at load
 * 5-18, so single runs swing ±20%: medians of alternated runs). 4a1d38d against issue-21c's commits, which keep
 * every course and quiz byte-identical (`run CHECKOUT CACHE OUT` diffed, on these manuals and on the corpus's 12
 * parse rows that make a course):
 * - `tsx bench/course-stage.ts run /work/start /tmp/cs-cache` vs `run . /tmp/cs-cache`, 4 pairs: course 6.78 s vs
 *   5.78 s (0.85×), quiz 2.12 s vs 1.84 s (0.87×). The same through each checkout's compiled dist/, 3 pairs: course
 *   5.93 s vs 5.13 s (0.86×).
 * - Whole fleet, `FLEET_CLI_ENTRY=…/dist/cli/main.js npx tsx bench/fleet-corpus.ts --dir /work/bench-pdfs
 *   --repeat 3 --workers 1`, two runs each, start/mine/mine/start at load 12-15: course CPU ms per page 5.23 and
 *   5.49 vs 7.12 and 5.80; extract 3.40 and 3.32 vs 4.77 and 3.87 (untouched: the host, not the code, moved).
 *   Course over the untouched stages (extract, structure, chunk, embed): 1.12 and 1.16 vs 1.08 and 1.08, ~0.95×.
 * Where the course's CPU goes now (a --cpu-prof of the compiled stage): wink-nlp's readDoc (its tokenizer and
 * tagger) ~30%, and the analyser around it (four out() passes, tokens, tag corrections, one readDoc per unknown
 * word for isWord) ~10% more; the rest is spread over some thirty functions of 1-5% each (phrase finder,
 * TextRank, sentence rules, definitions, first use). Tagging each prose sentence once is required by the key
 * terms (every prose sentence's noun phrases are counted), so halving the stage needs a cheaper tagger or
 * tokenizer, not fewer passes of ours.
 * Counted on valgrind_manual.pdf's course and quiz (issue 21, later that day; timers around the analyser's calls,
 * load ~5): its 7,472 sentence readDocs (841k characters) took 1.08 s of the stages' 2.41 s, ~1.3 µs a character:
 * wink learning the words it has not seen and its recursive tokenizer on technical tokens, not a per-call cost
 * (a known 97-character sentence reads in ~15 µs). Only 164 of them repeat a text (2.8% of the characters): the
 * tag cache leaves nothing. 709 are joined pairs of sentences already read (149k characters, 18%), tagged again
 * because tags depend on the neighbours. isWord made 6,457 readDocs of one word: the 5,361 of words outside the
 * lexicon (157 ms) must be read, because what wink learns from them changes how it splits later text (see
 * language/en/pristine-model.ts); the 1,096 of lexicon words could be looked up in the model's lexeme table (tried:
 * the same answers, ~0.5% of the stages, not measurable above this host's noise, and tied to wink's private
 * packing, so not kept). Tried, not kept either: the quiz's chunk sources made once per chunk for all of a scope's
 * lists (the same chunks were split and scanned two or three times, 457k characters again on the valgrind manual):
 * the same quizzes, but the quiz stage 0.92 s against 0.87 s (4 alternated pairs): the kept scans cost the garbage
 * collector more than scanning again.
 *
 * Quiz stage, issue #21 (engineer P, 2026-12-06, 2 cores at load 9–15 shared with other benchmarks): the quiz
 * makers stopped redoing work (the read sentences normalised again per candidate, the sources listed twice, a
 * term's context bag made before it is scored, patterns compiled per entry), with the same quizzes and courses
 * byte for byte on the 10 bench manuals and the corpus. `farm-bench -n 8 --vs "sh -c 'exec node --import tsx
 * bench/course-stage.ts run /work/p-before /tmp/q-cache >>B.log 2>&1'" -- sh -c 'exec node --import tsx
 * bench/course-stage.ts run /work/wt-21p /tmp/q-cache >>A.log 2>&1'` (before = 21f904c, after = 6db4eb8; the 10
 * manuals, 1,177 pages), the `total` lines paired: quiz CPU median 1.986 s before, 1.445 s after, median ratio
 * of the pairs 0.721 (0.540–0.791), 1.69 → 1.23 ms a page; the course stage, the same code in both, 0.970.
 *
 * Course stage, issue #21 item 3 (engineer K, 2026-12-06, 2 cores at load 8-16 shared with other benchmarks),
 * commits 0b4e56b..1e2d3af on k-course against /work/start (93662c0), every course and quiz byte-identical on
 * the 10 bench manuals and the corpus's 19 prepared documents (`run CHECKOUT CACHE OUT`, `diff -r`):
 * - `node --expose-gc --import tsx bench/course-stage.ts ab /work/wt-k /work/start /tmp/k-cache 5`, two sittings
 *   of 5 rounds: course A/B 0.904 0.892 0.843 0.838 0.914 and 0.937 0.920 0.902 0.938 0.915 (medians 0.892 and
 *   0.920, ~0.91: ~4.7 s against ~5.2 s), quiz 0.94-1.14 (median ~0.98, untouched in effect). Whole processes
 *   of `node --import tsx bench/course-stage.ts run /work/wt-k /tmp/k-cache` and of `run /work/start …` in turn,
 *   6 pairs after a warm-up, their `total` lines paired, two sittings: course 0.863 (0.763-0.973) and 0.972
 *   (0.863-1.080): the host's swings are as large as the gain, hence the `ab` mode.
 * - What went: isWord read a word of one token per readDoc even when wink had learnt it or it was letters never
 *   seen (12k of 15.5k readDocs); the tag cache walked its map over every deleted entry to find the oldest
 *   (quadratic once full); PhraseIndex.top() looked each term of a lesson's parts up in six maps per lesson and
 *   module (~8% of the stage's profile); the constructor five maps per occurrence; matterOfTitle ran 2-3 times
 *   per section (~120 ms in all; ~55 ms under --no-flush-bytecode, so V8 recompiling them after collections is
 *   part of it); a Unicode pattern per token before the tag check in the tag rules.
 * - Where it goes now (--cpu-prof of the compiled stages, 250 µs samples): wink's readDoc ~21% of the run
 *   (tokenize 14%: for tokens not in the lexicon as they stand, its processUnk 5.4% and recursive tokenizer 4.6%;
 *   lexeme lookups 4.8%; learning new words ~45% of a sentence's first reading), its four out() passes ~4.5%,
 *   the garbage collector ~6-10% (`--max-semi-space-size=64` cut course CPU ~8% in two runs but added ~100 MB
 *   peak RSS: a worker option, not a code change), our analyser around wink ~5%, the rest ~40 functions of
 *   0.5-2.5% each. Sentence reads: 1.43M characters of first reads, 280k of joined pairs (1,347 pairs, 14%:
 *   only 16 fail a text-only glued rule, so a text check first saves nothing; splicing the two halves' tags
 *   changes tags at the seam), 170k for quiz options, terms and headings.
 * - Tried, not kept: answers kept by a learnt word's id (22k lookups to 9.7k: not measurable); lexicon words'
 *   answers kept for the process (3,587 one-word readDocs to 2,057, ~0.5%: process state for little); sentences
 *   batched into one readDoc (6,000 valgrind sentences: no gain above noise; the cost is per character).
 *
 * Joined pairs, issue #21 item 3 (engineer K2, 2026-12-06, 2 cores at load 11-16), 1c8ba3b on k2-course: a pair of
 * sentences being joined is tagged from each one's tags and a reading of the ~16 tokens around the seam
 * (Analyser.tagJoined), not read whole again; every course and quiz byte-identical on the 10 bench manuals and
 * the corpus's 19 prepared documents. Characters wink reads for the 10 manuals' courses and quizzes: 1.43M of
 * first reads, and 118k of seam windows instead of ~280k of whole pairs.
 * - The same checkout with the splice switched on and off per document in one process (a temporary switch, the
 *   cleanest comparison here), 6 rounds over the 10 manuals: course splice/whole 0.921 1.016 0.983 0.960 0.961
 *   0.978, median 0.969. Joined-pair tagging alone on valgrind_manual.pdf, 8 alternations: 146 ms against 321 ms.
 * - `ab` against /work/start cannot see 3% here: the side that goes first as A was ~10% faster in both orders
 *   (A=this 0.908 0.802 0.881 1.017 0.948 0.920; A=start 0.909 0.873 0.866 0.874 0.882 0.987), so only the two
 *   orders together say anything (~1.0). Whole processes in turn (`run` of each, 6 pairs): this/start 1.106
 *   1.048 0.952 0.956 0.977 0.927, median 0.967.
 * - Where the course's first reads go (valgrind texts replayed on a bare wink instance): readDoc ~80%, the four
 *   out() passes ~20% of which the lemmas are most (200-460 ms of ~2 s). Lemmas kept by (word id, tag) for a
 *   reading: the same lemmas for all 170k tokens, no faster (8.9k misses read one by one cost what the hits save).
 *   List items made statements ("…." re-read) are 35k characters, 2% of the reads: left as they are.
 *
 * Issue #21, course and quiz CPU (engineer C, 2026-12-07 05:57-06:40, compiled stages, load 10-15), every course and
 * quiz byte-identical on the 10 bench manuals and the corpus's 19 prepared documents:
 * - wink's `lookup` (its lexeme table, cache.js) is the largest self item of the course's profile (6-7%): 428k
 *   lookups for the 10 manuals' two stages, ~0.3-0.8 µs each. Not the object: the same words looked up in a Map of
 *   the 87k lexemes cost the same (~800 ns a lookup of random lexicon words sliced from a text, against ~60 ns for
 *   the slicing alone): cache misses in a table that size. Only fewer lookups would help.
 * - The model's lemmatizer (addons.lemmatize) is now asked once per word for nouns, verbs and adjectives per
 *   reading (pristine-model.ts): its.lemma 2.65% -> 1.89% of the profile. Keeping every tag's answers saved less
 *   (2.18%): for other tags the model answers at once and a Map lookup costs more.
 * - A chunk's squashed text is made once for both stages (words.ts squashedText): squash 2.02% -> 0.65%.
 * - Tried, not kept: a sentence's words (phrases.ts wordsOf) kept per token list for definitions and then phrases:
 *   22.6k calls, 13.3k made, but the WeakMap's cost ate the rest (1.37% before, 1.62% after).
 * - The course's profile is flat outside wink (readDoc ~35% of the stage with the analyser around it ~15%): the
 *   phrase index, TextRank, the shape, standalone and glued rules, scan and first use are 1-4% each, and the whole
 *   stages' CPU moves ±10% between identical runs at this load, so gains of 1-2% cannot be told from noise here.
 * - All of it against /work/start (20cbac4), `farm-bench -n 8` of the compiled stages (`run` of each in turn), the
 *   `total` lines paired: course 0.995 (0.908-1.014), quiz 0.942 (0.908-1.012); whole processes' CPU 0.977. The
 *   fleet (`--dir /work/bench-pdfs --repeat 1 --workers 1`, start/mine/mine/start): course 4.43, 4.71, 4.31, 4.14
 *   and quiz 0.99, 0.96, 0.88, 1.00 CPU ms per page, extract (untouched) 2.92, 3.03, 2.96, 2.86: no change to see.
 *
 * Who calls the tagger, and could it be asked less (issue #21, engineer "tag", 2026-12-07; counters around the
 * analyser's tag/tagJoined and wink reads, caller from the stack, a temporary patch): on the 10 manuals' courses
 * and quizzes, 27,765 calls (3.10M characters) became 18,348 wink reads (1.76M) of 18,181 distinct texts. So
 * memoising by text would save nothing more: the tag cache already serves every repeat (the key-term rules,
 * 3,591 calls for 170 reads; the quiz re-asking the course's sentences), and the 167 repeated reads are texts met
 * again in another document (a new reading). `profai process valgrind_manual.pdf` makes the same reads as this
 * bench (7.47k: the quiz follows its course there too). Reads by caller: prose sentences 13,595 (1.46M, 83%),
 * seam windows of joined pairs 1,342 (112k), quiz options in context (kinds.ts) 441, quiz terms 1,245, noun
 * phrases 1,396, key-term places 170. Nothing is tagged for no reader: only prose is tagged (code, table rows and
 * matter sections are not), and all 12,372 tagged sentences of the course's parts reach the phrase statistics
 * (234 of them then fail isTableText, which needs their tags). The corpus's 19 documents: 16,453 calls, 11,387
 * reads of 11,254 distinct texts. Where tag() goes (--cpu-prof, 10 manuals): readDoc 70%, of it wink's tokenizer
 * two thirds and its POS pipe one third; out() passes 10%, correctTags 5%, isWord 5%. Lemmas kept by (id, tag)
 * were tried again: the same output, no gain (the lemmatizer is already memoised, see pristine-model.ts).
 */

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [mode, ...rest] = process.argv.slice(2);
type Pipeline = typeof import('../src/pipeline/index.ts');
const pipelineOf = async (checkout: string) =>
  (await import(pathToFileURL(join(resolve(checkout), 'src/pipeline/index.ts')).href)) as Pipeline;

if (mode === 'prepare') {
  const [cache, ...files] = rest;
  mkdirSync(cache!, { recursive: true });
  const { prepareDocument } = await pipelineOf(resolve(import.meta.dirname, '..'));
  const { loadConfig } = await import('../src/config.ts');
  const config = loadConfig({});
  for (const file of files) {
    try {
      const prepared = await prepareDocument(
        { bytes: new Uint8Array(readFileSync(file)), fileName: basename(file) },
        { config },
      );
      writeFileSync(join(cache!, `${basename(file)}.json`), JSON.stringify(prepared.document));
      console.log(`${basename(file)}: prepared`);
    } catch (err) {
      console.log(`${basename(file)}: ${String(err).split('\n')[0]}`);
    }
  }
  // A scan among the files started the OCR worker thread, which would keep this process alive.
  const { terminateOcr } = await import('../src/pipeline/ocr/tesseract.ts');
  await terminateOcr();
} else if (mode === 'run') {
  const [checkout, cache, out] = rest;
  if (out) mkdirSync(out, { recursive: true });
  const { completeDocument } = await pipelineOf(checkout!);
  const { loadConfig } = await import('../src/config.ts');
  const config = loadConfig({});
  // The English model loads before the first course, so that course's CPU is the stage's own work.
  const english = join(resolve(checkout!), 'src/pipeline/language/en/analyser.ts');
  const started = performance.now();
  await (
    (await import(pathToFileURL(english).href)) as typeof import('../src/pipeline/language/en/analyser.ts')
  ).loadEnglish();
  console.log(`model\t${((performance.now() - started) / 1000).toFixed(3)} s wall`);
  let course = 0;
  let quiz = 0;
  for (const name of readdirSync(cache!)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const document = JSON.parse(readFileSync(join(cache!, name), 'utf8'));
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const peakBefore = process.resourceUsage().maxRSS / 1024;
    const { document: done } = await completeDocument({ document }, { config });
    const peakAfter = process.resourceUsage().maxRSS / 1024;
    const s = done.stats as Record<string, number>;
    course += s.courseCpuSeconds ?? 0;
    quiz += s.quizCpuSeconds ?? 0;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
    console.log(
      `${name.replace(/\.json$/u, '')}\tcourse ${s.courseCpuSeconds?.toFixed(3)} s\tquiz ${s.quizCpuSeconds?.toFixed(3)} s\theap +${heapMb.toFixed(0)} MB\tpeak RSS ${peakBefore.toFixed(0)} → ${peakAfter.toFixed(0)} MB`,
    );
    if (out) {
      const stem = join(out, name.replace(/\.json$/u, ''));
      writeFileSync(`${stem}.course.json`, `${JSON.stringify(done.course, null, 1)}\n`);
      writeFileSync(`${stem}.quiz.json`, `${JSON.stringify(done.quiz, null, 1)}\n`);
    }
  }
  console.log(`total\tcourse ${course.toFixed(3)} s\tquiz ${quiz.toFixed(3)} s`);
} else if (mode === 'ab') {
  // Two checkouts in one process, taking turns document by document (who goes first alternating): the host's
  // swings, which move whole runs ±20% here, hit both alike. Each round prints both totals and their ratios.
  const [checkoutA, checkoutB, cache, roundsArg] = rest;
  const stagesOf = async (checkout: string) => {
    const { completeDocument } = await pipelineOf(checkout);
    const configModule = join(resolve(checkout), 'src/config.ts');
    const { loadConfig } = (await import(
      pathToFileURL(configModule).href
    )) as typeof import('../src/config.ts');
    const english = join(resolve(checkout), 'src/pipeline/language/en/analyser.ts');
    await (
      (await import(pathToFileURL(english).href)) as typeof import('../src/pipeline/language/en/analyser.ts')
    ).loadEnglish();
    return { completeDocument, config: loadConfig({}) };
  };
  const sides = { A: await stagesOf(checkoutA!), B: await stagesOf(checkoutB!) };
  const texts = readdirSync(cache!)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readFileSync(join(cache!, f), 'utf8'));
  for (let round = 0; round < Number(roundsArg ?? 4); round++) {
    const cpu = { A: { course: 0, quiz: 0 }, B: { course: 0, quiz: 0 } };
    for (const [i, text] of texts.entries()) {
      for (const side of (i + round) % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
        globalThis.gc?.();
        const { completeDocument, config } = sides[side];
        const { document: done } = await completeDocument({ document: JSON.parse(text) }, { config });
        const s = done.stats as Record<string, number>;
        cpu[side].course += s.courseCpuSeconds ?? 0;
        cpu[side].quiz += s.quizCpuSeconds ?? 0;
      }
    }
    const { A, B } = cpu;
    console.log(
      `round ${round}\tA course ${A.course.toFixed(3)} s quiz ${A.quiz.toFixed(3)} s\tB course ${B.course.toFixed(3)} s quiz ${B.quiz.toFixed(3)} s\tA/B course ${(A.course / B.course).toFixed(3)} quiz ${(A.quiz / B.quiz).toFixed(3)}`,
    );
  }
} else {
  console.error(
    'usage: course-stage.ts prepare CACHE FILE… | run CHECKOUT CACHE [OUT] | ab CHECKOUT_A CHECKOUT_B CACHE [ROUNDS]',
  );
  process.exit(2);
}

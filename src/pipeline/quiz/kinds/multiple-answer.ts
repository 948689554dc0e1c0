/**
 * Multiple answer ("select all that apply") from true/false statements that passed their own checks: two or
 * three that the text makes as written and one or two made false by a changed quantity (rules/quiz/listed.ts;
 * besides the pool's, sentences whose quantity a numerical item would ask, changed),
 * all of one module, none sharing a sentence. The statements' checks are the true/false maker's; this maker adds
 * its own: options of comparable length (none standing out), none inside another, each short enough to read in
 * a list.
 */
import type { DraftOf } from '../../../domain/questions.ts';
import type { LanguageProfile } from '../../language/index.ts';
import { fitsAnOptionList, optionsProblem } from '../../rules/quiz/kind-items.ts';
import { FALSE_OPTION_RULES, listedProblem } from '../../rules/quiz/listed.ts';
import { type Rng, shuffled } from '../../text/rng.ts';
import type { GroupMaker } from '../assembler.ts';
import { cited, type Made, made, quoted } from '../picking.ts';

interface Statement {
  text: string;
  true: boolean;
  source: string;
  page: number;
  chunkId?: string;
  moduleIndex: number;
}

const statementOf = (prompt: string) => prompt.replace(/^true or false:\s*/iu, '').trim();

/** The source sentence a true/false item quotes in its explanation (`From page N: "…"`). */
const sourceOf = (explanation: string) => /"(.*)"$/su.exec(explanation)?.[1] ?? explanation;

/**
 * Groups of two or three true and one or two false statements, taken from `trues` and `falses` while they last
 * (what is left stays in them). `title`: the module's, when all come from one.
 */
function groups(trues: Statement[], falses: Statement[], title: string | undefined, rng: Rng): Made[] {
  const out: Made[] = [];
  while (trues.length >= 2 && falses.length >= 1) {
    const nTrue = trues.length >= 3 && rng() < 0.5 ? 3 : 2;
    const nFalse = 4 - nTrue <= falses.length ? 4 - nTrue : 1;
    const picked = [...trues.splice(0, nTrue), ...falses.splice(0, nFalse)];
    if (new Set(picked.map((s) => s.source)).size < picked.length) continue;
    const options = shuffled(picked, rng);
    if (optionsProblem(options.map((o) => o.text))) continue;
    const right = options.flatMap((o, k) => (o.true ? [k] : []));
    const first = options.find((o) => o.true)!;
    const q: DraftOf<'multiple_answer'> = {
      kind: 'multiple_answer',
      prompt: `Which of these statements does the text make${title ? ` (${quoted(title, 80)})` : ''}? Select all that apply.`,
      options: options.map((o) => o.text),
      answerIndexes: right,
      explanation: options
        .map((o) =>
          o.true ? `The text says so on page ${o.page}.` : `Not so: page ${o.page} says ${quoted(o.source)}.`,
        )
        .map((line, k) => `${'ABCD'[k]}) ${line}`)
        .join(' '),
      ...cited({
        page: first.page,
        chunkId: first.chunkId,
        moduleIndex: title === undefined ? undefined : first.moduleIndex,
      }),
    };
    out.push(
      made(
        q,
        options.map((o) => o.source),
      ),
    );
  }
  return out;
}

/**
 * A false statement made of a sentence of the text by changing a quantity a numerical item would ask
 * (quiz/kinds/numerical.ts `falseByQuantity`): `text` is the changed sentence, `source` the text's.
 */
export interface QuantityFalse {
  text: string;
  source: string;
  page: number;
  chunkId?: string;
  moduleIndex?: number;
}

/**
 * Multiple-answer items made of the true/false statements the assembler made and checked (`made`): by module
 * first, then across them; a statement is listed only when {@link listedProblem} finds no listed rule that catches it.
 * `quantityFalses`, where the language reads quantities, gives more false options: sentences whose quantity a
 * numerical item would ask, changed (the pool's own false statements by a changed quantity are few).
 */
export function multipleAnswerMaker(
  moduleTitles: readonly string[],
  lang: LanguageProfile,
  quantityFalses: () => readonly QuantityFalse[] = () => [],
): GroupMaker {
  return {
    id: 'multiple-answer',
    kind: 'multiple_answer',
    why: 'Two or three statements the text makes and one or two made false by a changed quantity, all checked as true/false items first: select all that apply.',
    make: (items, rng) =>
      multipleAnswerItems(
        items.filter((q): q is DraftOf<'true_false'> => q.kind === 'true_false'),
        moduleTitles,
        rng,
        lang,
        quantityFalses(),
      ),
  };
}

/**
 * Multiple-answer items made of `statements` (checked true/false drafts) and `quantityFalses`: by module first,
 * then across them.
 */
export function multipleAnswerItems(
  statements: readonly DraftOf<'true_false'>[],
  moduleTitles: readonly string[],
  rng: Rng,
  lang: LanguageProfile,
  quantityFalses: readonly QuantityFalse[] = [],
): Made[] {
  const byModule = new Map<number, Statement[]>();
  // A statement too long for any list is left out before grouping: in a group it would sink the others with it
  // (a group failing its option checks is dropped whole), and a bigger pool would then make fewer items.
  for (const f of quantityFalses) {
    if (f.moduleIndex === undefined || !fitsAnOptionList(f.text)) continue;
    const s: Statement = {
      text: f.text,
      true: false,
      source: f.source,
      page: f.page,
      ...(f.chunkId ? { chunkId: f.chunkId } : {}),
      moduleIndex: f.moduleIndex,
    };
    byModule.set(f.moduleIndex, [...(byModule.get(f.moduleIndex) ?? []), s]);
  }
  for (const q of statements) {
    const text = statementOf(q.prompt);
    if (q.moduleIndex === undefined || !fitsAnOptionList(text) || listedProblem(text, lang) !== null)
      continue;
    const source = sourceOf(q.explanation);
    if (
      !q.answer &&
      FALSE_OPTION_RULES.some((rule) =>
        rule.fails({
          source,
          statement: text,
          ...(lang.quizWords ? { words: lang.quizWords } : {}),
        }),
      )
    )
      continue;
    const s: Statement = {
      text,
      true: q.answer,
      source,
      page: q.sourcePage,
      ...(q.chunkId ? { chunkId: q.chunkId } : {}),
      moduleIndex: q.moduleIndex,
    };
    byModule.set(q.moduleIndex, [...(byModule.get(q.moduleIndex) ?? []), s]);
  }
  const out: Made[] = [];
  const leftTrue: Statement[] = [];
  const leftFalse: Statement[] = [];
  for (const [moduleIndex, all] of byModule) {
    const trues = shuffled(
      all.filter((s) => s.true),
      rng,
    );
    const falses = shuffled(
      all.filter((s) => !s.true),
      rng,
    );
    out.push(...groups(trues, falses, moduleTitles[moduleIndex], rng));
    leftTrue.push(...trues);
    leftFalse.push(...falses);
  }
  // Statements of modules too thin for a group of their own make groups about the whole text.
  out.push(...groups(shuffled(leftTrue, rng), shuffled(leftFalse, rng), undefined, rng));
  return out;
}

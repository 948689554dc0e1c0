/**
 * Which sentences a question may be made from. Every language: no question ({@link isQuestion}). English, in
 * the order of {@link SOURCE_RULES}: no citation, no code, no short list item, nothing that points back at a
 * sentence before it, nothing that cannot stand alone (rules/sentences/standalone.ts). A true/false statement
 * is no instruction either ({@link isInstruction}).
 *
 * An example is a sentence (a list item lacks its full stop).
 */

import { isNominal } from '../../language/analyser.ts';
import { BACK_DEMONSTRATIVES, DOCUMENT_PARTS, SAYS_WHICH } from '../../language/en/vocabulary.ts';
import type { AnalysedLanguage, LanguageProfile, Token } from '../../language/index.ts';
import { CITATION_KEY } from '../../structure/matter.ts';
import { splitSentences } from '../../text/sentences.ts';
import type { Rule } from '../rule.ts';
import { looksLikeCode } from '../sentences/items.ts';
import { standaloneProblem } from '../sentences/standalone.ts';

/** A question is no statement to call true or false, nor to blank a word of. */
export const isQuestion = (text: string) => /[?？]["'”’)」』]*$/u.test(text.trim());

/** A rule on the sentences of a language without an analyser: its words are the language's own data. */
export interface PlainSourceRule extends Rule {
  fails(text: string, lang: LanguageProfile): boolean;
}

/** Which sentences a question of a language read without an analyser may be made from (quiz/plain). */
export const PLAIN_SOURCE_RULES: readonly PlainSourceRule[] = [
  {
    id: 'source/points-elsewhere',
    why: 'A sentence that points at text it does not hold ("■対応する VF と実フォント対応は以下のとおり…", the correspondence is as follows; "第 1.6 節で述べたとおり", as said in section 1.6) cannot be judged true or false, nor its blank filled, without that text (the Japanese JFM format guide of the corpus). The pointers are each language\'s data (`LanguageData.pointsElsewhere`).',
    reject: [
      '■対応する VF と実フォント対応は以下のとおりである。',
      '第 1.6 節で述べたとおり，日本語 TEX 開発コミュニティは JFM フォーマットを拡張した。',
      '上記の DVI 用ドライバ用 JFM から実際のフォントにアクセスする。',
      '内容物は次のとおり：',
      'ここで TFM と異なるのは次の点である．',
      '一方，jis*-v.vf 及び jisg*-v.vf ではそのような処置を行わない．',
      'したがって、この値は無視される。',
      '3 章以下で詳しく説明する。',
    ],
    keep: [
      'pTEX は日本語の組版を行う TEX の拡張である。',
      '文字コードが 255 以下の文字は 1 バイトで表される。',
      'jsclasses は横組用の jis.tfm と jisg.tfm を標準で使用している．',
      'また、pTEX は縦書きに対応している。',
      '1 行は 80 文字以下の長さである。',
      'さらに、upTEX は Unicode を扱える。',
    ],
    fails: (text, lang) => lang.pointsElsewhere?.test(text.trim()) ?? false,
  },
  {
    id: 'source/heading-run-in',
    why: 'A sentence that opens with a footnote mark ("*9 https://…", "*13 upjisr-v.map は…") or a section number ("1.6.1 char_type テーブルへの…") or holds a web address is a footnote, or a heading the extraction ran into the text: no statement to judge (the Japanese JFM format guide of the corpus).',
    reject: [
      '*9 https://asciidwango.github.io/ptex/tfm/jfm.html 1.6.3 glue_kern テーブルでの再配置',
      '*13 upjisr-v.map は upTEX 用 JFM であるが，原理的に pTEX 用と upTEX 用の JFM は区別できない．',
      '1.6.1 char_type テーブルへの 3 バイトの文字フォント格納 char_type テーブルの各エントリーは 1 ワードで構成される．',
      '1.6 char_type テーブル char_type テーブルの各エントリーは 1 ワードで構成される．',
    ],
    keep: [
      '2018 年以降は DVI ファイルの set3 対応が進んだ．',
      'char_type テーブルの各エントリーは 1 ワード（＝ 4 バイト）で構成される．',
      '0.5 ポイントの差は無視できる。',
      '2.0 版では JFM の形式が拡張された。',
    ],
    // One dot is a section number only before an identifier ("1.6 char_type"): "0.5 ポイント", "2.0 版" are numbers.
    fails: (text) =>
      /^(?:\*\d+\s|\d+(?:\.\d+){2,3}\.?\s|\d+\.\d+\.?\s+[A-Za-z_][A-Za-z0-9_]*\s)|https?:\/\//u.test(
        text.trim(),
      ),
  },
];

/** A list item: no terminal punctuation. */
export const isItem = (text: string) => !/[.!?。！？]["'”’)\]]*$/u.test(text.trim());

/**
 * True when "these" or "those" inside the sentence points at things named before it: "You might avoid these
 * problems by…"; not "these manuals" (the document's own) nor "those cases that fail" (which ones is said).
 * "This" and "that" are left out: in manuals and laws they name the document's own parts as often ("this
 * title", "this option") as something said before.
 */
export function demonstrativeInside(tokens: readonly Token[]): boolean {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!BACK_DEMONSTRATIVES.has(t.lower) || t.pos !== 'DET') continue;
    // "these manual pages": the document's own, even when the model reads "manual" as an adjective.
    if (DOCUMENT_PARTS.test(tokens[i + 1]?.lower ?? '')) continue;
    let j = i + 1;
    while (tokens[j]?.pos === 'NUM' || tokens[j]?.pos === 'ADJ') j++;
    const noun = tokens[j];
    if (!noun || !isNominal(noun.pos) || DOCUMENT_PARTS.test(noun.lower)) continue;
    while (tokens[j + 1] && isNominal(tokens[j + 1]!.pos)) j++;
    if (!SAYS_WHICH.has(tokens[j + 1]?.lower ?? '')) return true;
  }
  return false;
}

/**
 * A sentence that ends on a word that announces a formula or a reference: a participle with "by" or "as" ("given
 * by.", "defined as."), ", where.", or a function word ("than.", "the.", "and."). "as", "by" and "of" alone end good
 * sentences ("which version to act as.", "something to be aware of."), so does "from where.", and a lone "a" is
 * as often a variable.
 */
const FORMULA_DROPPED =
  /\p{L}(?:ed|en)\s+(?:\p{Ll}+ly\s+)?(?:by|as)[.:]$|,\s*where[.:]$|\s(?:than|via|the|an|and|or)[.:]$/u;

/**
 * A participle with "by" or "as" ending a relative clause without "that", after its noun and a pronoun ("the value
 * it is multiplied by."): the preposition's object is the noun before, nothing was lost. A participle after a noun
 * of its own ("The list is sorted by.") still lost what follows: sorted by what is not said.
 */
const STRANDED_AFTER_PRONOUN =
  /\s(?:it|they|he|she|we|you)\s+(?:is|are|was|were|gets?|got|(?:can|will|must|may) be|ha(?:s|ve) been)\s+(?:\p{Ll}+ly\s+)?\p{L}+(?:ed|en)\s+(?:by|as)[.:]$/u;
const SUBJECT_PRONOUNS = new Set(['it', 'they', 'he', 'she', 'we', 'you']);

/** Whether the sentence ends on a relative clause whose preposition's object is the noun before it. */
function strandedPreposition(s: SourceReading) {
  if (!STRANDED_AFTER_PRONOUN.test(s.sentence.trim())) return false;
  const tokens = s.tags();
  const at = tokens.findLastIndex((t) => SUBJECT_PRONOUNS.has(t.lower));
  return at > 0 && isNominal(tokens[at - 1]!.pos);
}

/**
 * A bracket opened after a space before a word, with at most three words after it and never closed: the
 * reference or formula it held was cut off by the sentence's end ("[Phys.", "(c.f."). A quoted bracket ("the ‘(’")
 * or a doubled one ("the [[ syntax") is a character the text speaks of.
 */
const opensUnclosed = (text: string) => /\s[[(]\p{L}[^\s\])]*(?:\s[^\s\])]+){0,2}$/u.test(text.trim());

/** An option with its value and a default ("-p 1 or 0, default 0", "-n 5, default 5"): a row of an option table. */
const OPTION_ROW = /(?:^|\s)--?\p{L}[\p{L}\p{N}_-]*\s+\p{N}+(?:\s+or\s+\p{N}+)?,?\s+default\b/u;

/** A source as the English rules read it: a list item with its full stop, tagged once when a rule asks. */
export interface SourceReading {
  text: string;
  /** The sentence to judge: the text, with a full stop when it is a list item. */
  sentence: string;
  tags(): readonly Token[];
}

export interface SourceRule extends Rule {
  fails(s: SourceReading, lang: AnalysedLanguage): boolean;
}

export const SOURCE_RULES: readonly SourceRule[] = [
  {
    id: 'source/question',
    why: 'A question is no statement to call true or false, nor one to blank a word of.',
    reject: ['Is the program running as root on this machine?'],
    keep: ['The program runs as root on this machine.'],
    fails: (s) => isQuestion(s.text),
  },
  {
    id: 'source/citation',
    why: 'A sentence with a citation key ("[KD91]", "[12]") belongs to a bibliography or leans on one.',
    reject: ['Memory errors were first studied in depth by Knuth [KD91].'],
    keep: ['Memory errors were first studied in depth by Knuth.'],
    fails: (s) => CITATION_KEY.test(s.text),
  },
  {
    id: 'source/code',
    why: 'A line of code is no statement a student can judge.',
    reject: ['SELECT name FROM students WHERE id = 4.'],
    keep: ['The SELECT statement reads the rows of a table.'],
    fails: (s) => looksLikeCode(s.text),
  },
  {
    id: 'source/short-item',
    why: 'A short list item ("Show how to define a cohort") leaves too little around a blank to pin the answer.',
    reject: ['Show how to define a cohort'],
    keep: ['Examine factors that explain healthcare system choice and its costs'],
    fails: (s) => isItem(s.text) && s.text.split(/\s+/).length < 8,
  },
  {
    id: 'source/points-back',
    why: '"…these problems…" in a sentence of its own points at what came before it, so the question cannot be answered without that sentence (in a joined pair it may point inside).',
    reject: ['You might avoid these problems by informing Valgrind first.'],
    keep: [
      'Only those cases that fail are logged by the tool.',
      'The examples in these manuals run on Linux.',
      'Leaks are common. These leaks are found by Memcheck.',
    ],
    fails: (s) => demonstrativeInside(s.tags()) && splitSentences(s.sentence).length === 1,
  },
  {
    id: 'source/formula-dropped',
    why: 'A sentence that ends on a word announcing what follows ("Returns the density of states given by.", "…using the formula of R. D. King-Smith and David Vanderbilt [Phys.") lost its formula or reference to the extraction: the item asks about half a statement (Elk manual, fresh set 10).',
    reject: [
      'Returns the density of states given by.',
      'Calculates the polarisation vector modulo 2π in lattice coordinates using the formula of R. D. King-Smith and David Vanderbilt [Phys.',
      'The total energy is then defined as.',
      'The weights are computed from the points, where.',
      'Note that solutions beyond label 7 do not correspond to homoclinic orbits, but to point-to-cycle heteroclinic orbits (c.f.',
      'The list is sorted by.',
      'Then it is defined as.',
    ],
    keep: [
      'The vector v is given by the variable vkloff.',
      'The polarisation is computed by the method of King-Smith and Vanderbilt [see the references].',
      'The block should be terminated with a blank line.',
      'We then close the gap corresponding to the parameter, for decreasing a.',
      'This special use of filename generation is only available with the [[ syntax.',
      'The match pattern is broadened with the pattern after the ‘=’, by means of a logical OR.',
      'The compat file instructs debhelper which version to act as.',
      'Gpredict needs to know what files to fetch and from where.',
      'It will contain important information which the user should be made aware of.',
      'A history expansion starts with ‘!’, except when followed by a blank, newline, ‘=’ or ‘(’.',
      'This is the value it is multiplied by.',
      'The factor is the number they are divided by.',
    ],
    fails: (s) =>
      (FORMULA_DROPPED.test(s.sentence.trim()) && !strandedPreposition(s)) || opensUnclosed(s.sentence),
  },
  {
    id: 'source/option-row',
    why: 'A command-line option with its values and default ("-p 1 or 0, default 0 if set to 1, print alignment overlap in .clstr file -g 1 or 0, default 0 …") is a row of an option table run into the text: the blank falls in a list of rows, not in a sentence (CD-HIT user\'s guide, fresh set 10).',
    reject: [
      "No longer supported !! -p 1 or 0, default 0 if set to 1, print alignment overlap in .clstr file -g 1 or 0, default 0 by cd-hit's default algorithm, a sequence is clustered to the first cluster that meet the threshold (fast cluster).",
      '-n 5, default 5 sets the word length of the filter.',
    ],
    keep: [
      'With -g 1 the program clusters each sequence to the most similar cluster, not the first one.',
      'The -p option is 0 by default.',
    ],
    fails: (s) => OPTION_ROW.test(s.sentence),
  },
  {
    id: 'source/stands-alone',
    why: 'A question about a sentence that cannot stand alone (a pointer, a fragment, two sentences glued) cannot be answered from it.',
    reject: ['It specifies the isolation level of the session.'],
    keep: ['The SET TRANSACTION statement specifies the isolation level of the session.'],
    fails: (s, lang) => standaloneProblem(s.sentence, lang, s.tags()) !== null,
  },
];

/** The first rule of {@link SOURCE_RULES} an English source fails, or null. `tag` may cache tags. */
export function sourceRule(
  text: string,
  lang: AnalysedLanguage,
  tag: (text: string) => readonly Token[] = (t) => lang.analyser.tag(t),
): SourceRule | null {
  const trimmed = text.trim();
  const sentence = isItem(trimmed) ? `${trimmed}.` : trimmed;
  let tags: readonly Token[] | undefined;
  const reading: SourceReading = { text: trimmed, sentence, tags: () => (tags ??= tag(sentence)) };
  for (const rule of SOURCE_RULES) if (rule.fails(reading, lang)) return rule;
  return null;
}

/** An instruction ("See the comments…", "Try to…") is neither true nor false: no true/false statement of it. */
export const isInstruction = (tags: readonly Token[]): boolean => {
  const first = tags[0];
  return first !== undefined && first.pos === 'VERB' && first.lemma === first.lower;
};

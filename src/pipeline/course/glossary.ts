/**
 * The glossary of an English course: the terms its text defines ("X is a Y that…", "… is called X") and the
 * entries of its glossary section, each with its defining sentence and page, kept per module. A glossary
 * section's entries go to the first module whose text uses the term.
 */
import type { GlossaryEntry } from '../../domain/course.ts';
import type { AnalysedLanguage } from '../language/index.ts';
import { definesInContext } from '../rules/terms/in-context.ts';
import { findDefinition, glossaryEntries } from '../text/definitions.ts';
import { PhraseIndex } from '../text/phrases.ts';
import { lowerOpeningCapital } from '../text/term-case.ts';
import type { ChunkLocator, Sentence } from './text.ts';

/** A definition found in the text, with where it stands. */
export interface Definition {
  term: string;
  /** Identity of the term (see PhraseIndex.keyOf), to merge spellings. */
  key: string;
  /** The noun phrase that could stand in for the term, when the sentence has one. */
  gloss?: string;
  sentence: Sentence;
  /** Set for a glossary section's entry. */
  fromGlossary?: boolean;
}

const found = new WeakMap<Sentence, { term: string; key: string; gloss?: string } | null>();

/** The definition a sentence states, remembered (the course asks for the whole document's, then a module's). */
function definitionOf(s: Sentence, lang: AnalysedLanguage) {
  let d = found.get(s);
  if (d === undefined) {
    const f = s.good && s.tags ? findDefinition(s.text, s.tags, lang) : null;
    d = f ? { ...f, key: PhraseIndex.keyOf(f.term, lang) ?? f.term.toLowerCase() } : null;
    found.set(s, d);
  }
  return d;
}

/** Definitions stated by good sentences, each term once (its first definition). */
export function definitionsIn(sentences: readonly Sentence[], lang: AnalysedLanguage): Definition[] {
  const out: Definition[] = [];
  const seen = new Set<string>();
  for (const [i, s] of sentences.entries()) {
    const found = definitionOf(s, lang);
    if (!found || !definesInContext(sameParagraphBefore(sentences, i), s.text)) continue;
    const key = found.key;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ term: found.term, key, ...(found.gloss ? { gloss: found.gloss } : {}), sentence: s });
  }
  return out;
}

/** The sentence before the i-th in its paragraph, or "" when it opens one. */
function sameParagraphBefore(sentences: readonly Sentence[], i: number): string {
  const [s, before] = [sentences[i]!, sentences[i - 1]];
  return before && before.sectionIndex === s.sectionIndex && before.paragraph === s.paragraph
    ? before.text
    : '';
}

/** The entries of glossary sections, as definitions (the definition sentence stands for the entry). */
export function glossaryDefinitions(sentences: readonly Sentence[], lang: AnalysedLanguage): Definition[] {
  const entries = glossaryEntries(
    sentences.map((s) => s.text),
    lang,
  );
  return entries.map((e) => {
    const sentence = sentences[e.at]!;
    // Headwords are capitalised in a list; a common word is a term in lower case ("Index" → "index").
    const term = lowerOpeningCapital(e.term, lang.analyser.isWord(e.term.split(' ')[0]!));
    const key = PhraseIndex.keyOf(e.term, lang) ?? e.term.toLowerCase();
    const gloss = e.definition.replace(/[.!]+$/u, '');
    const glossText = /^\p{Lu}\p{Ll}/u.test(gloss) ? gloss[0]!.toLowerCase() + gloss.slice(1) : gloss;
    return {
      term,
      key,
      gloss: glossText,
      sentence: { ...sentence, text: `${e.term}: ${e.definition}` },
      fromGlossary: true,
    };
  });
}

/** Glossary entries of a module, in order, from its definitions. */
export function glossaryOf(definitions: readonly Definition[], locator: ChunkLocator): GlossaryEntry[] {
  return definitions.map((d) => ({
    term: d.term,
    definition: d.sentence.text,
    citations: [locator.cite(d.sentence)],
  }));
}

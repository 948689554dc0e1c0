/**
 * Lines that are not running text: code run into the text ({@link CODE_RULES}), the items of a list written on
 * one line ({@link listItems}), and which of a slide's bullets state something and may be shown as a sentence
 * with a full stop added ({@link STATEMENT_ITEM_RULES}, English).
 */
import type { Token } from '../../language/analyser.ts';
import { ENUMERATOR } from '../../language/xx/index.ts';
import { isBreak, scan } from '../../text/words.ts';
import type { Rule } from '../rule.ts';
import { hasVerb } from './glued.ts';
import { mostlyCapitalised } from './standalone.ts';

export interface CodeRule extends Rule {
  /** True when the line (with its scan and its count of code symbols) is code this way. */
  code(text: string, tokens: readonly string[], symbols: number): boolean;
}

const CODE_SYMBOL = /[;={}<>]|:=|->|\(\)/gu;
const CAPITALS = /^\p{Lu}{2,}$/u;

export const CODE_RULES: readonly CodeRule[] = [
  {
    id: 'code/symbols',
    why: 'Three or more of ; = { } < > := -> () make a line a statement of code, not a sentence.',
    reject: ['if (x > 0) { y = x; } else { y = -x; }'],
    keep: ['The value x must be greater than 0 (see the table).'],
    code: (_, __, symbols) => symbols >= 3,
  },
  {
    id: 'code/statement-end',
    why: 'A semicolon before a keyword in capitals, or at the end of a line, ends a statement of code ("…; SELECT", "…;").',
    reject: ['COMMIT; BEGIN TRANSACTION', 'UPDATE accounts SET balance = 0;'],
    keep: ['The first table is small; the second one is large.'],
    code: (text) => text.includes(';') && (/;\s*\p{Lu}{3,}/u.test(text) || /;$/u.test(text)),
  },
  {
    id: 'code/keywords',
    why: 'Mostly words in capitals (SQL keywords) with a symbol between them is a query, not a sentence.',
    reject: ['SELECT name FROM students WHERE id = 4'],
    keep: ['The VA and CMS share ICD-9 codes with the NCI registry every year.'],
    code(_, tokens, symbols) {
      // Most lines have no symbol: their words need no count.
      if (symbols < 1) return false;
      const words = tokens.filter((t) => !isBreak(t));
      const capitals = words.filter((w) => CAPITALS.test(w)).length;
      return words.length >= 4 && capitals >= words.length * 0.4 && symbols >= 1;
    },
  },
];

/** True for a line of code run into the text (see {@link CODE_RULES}). */
export function looksLikeCode(text: string, tokens: readonly string[] = scan(text)): boolean {
  const symbols = (text.match(CODE_SYMBOL) ?? []).length;
  return CODE_RULES.some((rule) => rule.code(text, tokens, symbols));
}

/** A bullet or a dash inside a run of list items without full stops: "Inpatient – PM – Acute Care Main File". */
const INNER_MARK = /\s+[•▪●◦‣–]\s+(?=["“(]?\p{Lu})/u;

/**
 * The items of a list run into one line (a slide's bullets, a sub-list after a dash), when the line does not
 * end like a sentence; a sentence keeps its dashes.
 */
export function listItems(raw: string): string[] {
  if (/[.!?:;]["'”’)\]]*$/u.test(raw) || !INNER_MARK.test(raw)) return [raw];
  return raw
    .split(INNER_MARK)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A bullet or a list enumerator before a capital: "• ", "– ", "(b) ", "3) ", "iv. ". */
export const LIST_MARK = new RegExp(
  `^(?:[•▪●◦‣∙·*–-]\\s+|\\(${ENUMERATOR}\\)\\s+|(?:[a-z]|[0-9]{1,2})\\)\\s+)(?=["“(]?\\p{Lu})`,
  'u',
);

/** Words of a list item at most: a slide's bullet, not a sentence of running text cut off. */
const STATEMENT_ITEM_WORDS = 30;

export interface StatementItemRule extends Rule {
  /**
   * True when the item (with its English tags) is no statement this way; `next` is the paragraph after the item's,
   * when the item is its paragraph's last line.
   */
  fails(text: string, tags: readonly Token[], next?: string): boolean;
}

/** Nouns that announce a displayed line after them ("… there exists a command", "… of the form"). */
const DISPLAY_NOUN =
  /^(?:commands?|forms?|syntax|examples?|statements?|lines?|formulas?|formulae|equations?|sequences?|macros?|operators?|keywords?)$/u;

/** A verb's past form or participle: "… is defined" ends a sentence; "… is", "… can use" want more. */
const PAST_VERB =
  /(?:ed|^(?:was|were|been|had|did|done|made|given|written|shown|known|taken|seen|found|gone|chosen|kept|left|sent|built|held|told|said|thought|brought|got|gotten))$/u;

/** A word for typing what the display shows ("…, use", "…, type", "… by typing", "namely"), tagged either way. */
const ENTERING = /^(?:use|type|typing|enter|run|namely|commandline)$/u;

/**
 * The item's last word wants more after it: a preposition, "to", an article, a conjunction, a verb of the present or
 * a modal ("… is defined as", "… one can also use", "The calling sequence is"), or a noun announcing a display;
 * or an item announcing "the following".
 */
function wantsContinuation(tags: readonly Token[]): boolean {
  const last = tags.filter((t) => /[\p{L}\p{N}]/u.test(t.text)).at(-1);
  if (last === undefined) return false;
  if (ENTERING.test(last.lower) || tags.some((t) => t.lower === 'following')) return true;
  switch (last.pos) {
    case 'ADP':
    case 'SCONJ':
    case 'DET':
    case 'CCONJ':
      return true;
    case 'PART':
      return last.lower === 'to';
    case 'VERB':
    case 'AUX':
      return !PAST_VERB.test(last.lower);
    default:
      return DISPLAY_NOUN.test(last.lower);
  }
}

/**
 * A paragraph that opens on a word that continues a sentence ("to close files…", "in your .Xdefaults file"); "at 0x…"
 * is a stack trace's line under a complete message.
 */
const CONTINUING_OPENING =
  /^(?:to|in|of|with|for|and|or|where|which|that|as|from|on|by|into|is|are|then|but|at(?!\s+0x)|when|if|until|while|because|than|via|instead)\b/u;

/**
 * What keeps a list item from being shown as a sentence with a full stop added (a slide's bullet that says
 * something, "Examine factors that explain…", is shown; gov-va-slides had label runs as summaries before).
 */
export const STATEMENT_ITEM_RULES: readonly StatementItemRule[] = [
  {
    id: 'item/not-bare',
    why: 'An item that already ends with punctuation is a sentence or leads on ("…:", "…-"); one that opens with a short label ("Source: …", "Note: …") is a label.',
    reject: [
      'Source: the 2004 survey of veterans in every state',
      'Results of the survey of veterans in 2004:',
    ],
    keep: ['Examine factors that explain healthcare system choice and costs'],
    fails: (text) => /[.!?:;…-]["'”’)\]]*$/u.test(text) || /^[\p{L}\s]{1,20}:/u.test(text),
  },
  {
    id: 'item/too-long',
    why: 'A bullet is short; a line of more than 30 words without its full stop is a sentence cut off.',
    reject: [
      `The program ${'serves the veterans of the state and '.repeat(5)}their families in every county of the state`,
    ],
    keep: ['Examine factors that explain healthcare system choice and costs'],
    fails: (_, tags) => tags.filter((t) => /[\p{L}\p{N}]/u.test(t.text)).length > STATEMENT_ITEM_WORDS,
  },
  {
    id: 'item/left-open',
    why: 'An item that ends on a comma, a conjunction, a preposition or an article continues on the next line; one that ends on a year or "et al." is a reference ("Ries, et al., 2002").',
    reject: [
      'Examine factors that explain healthcare system choice and',
      'Ries, Eisner and Kosary show the rates, 2002',
    ],
    keep: ['Examine factors that explain healthcare system choice and costs'],
    fails: (text) => /(?:,|\b(?:and|or|of|the|a|an|to|with|for|in|et al\.?|\d{4}))$/iu.test(text),
  },
  {
    id: 'item/codes-in-capitals',
    why: 'A list of codes in capitals ("153 MALIGNANT NEOPLASM COLON 1530 MAL NEO…") is a table, not a statement.',
    reject: ['153 MALIGNANT NEOPLASM COLON 1530 MAL NEO HEPATIC FLEX is coded'],
    keep: ['Use the ICD-9 code of the diagnosis for every visit'],
    fails(_, tags) {
      const words = tags.filter((t) => /\p{L}/u.test(t.text));
      return words.filter((t) => /^\p{Lu}{2,}$/u.test(t.text)).length * 2 >= words.length;
    },
  },
  {
    id: 'item/title-case',
    why: 'A heading in title case ("1308.03 Administration Controlled Substances Code Number") is not a statement either.',
    reject: ['Administration Controlled Substances Code Number Is Assigned'],
    keep: ['Examine factors that explain healthcare system choice and costs'],
    fails: (_, tags) => mostlyCapitalised(tags),
  },
  {
    id: 'item/runs-on-past-display',
    why: 'A line without a full stop whose paragraph is followed by one opening in lower case or on a placeholder ("… but there exists a command" ⏎ "closefrom ⟨file name⟩" ⏎ "to close files opened by readfrom explicitly.") is a sentence the layout broke at a displayed line, not a bullet: with a full stop added it ends on "there exists a command." and says nothing (MetaPost manual, fresh set 12). Only when the line wants more (it ends on a preposition, an article, a conjunction, a present verb or modal, a noun that announces a display such as "command" or "form", or it announces "the following") or the next paragraph opens on a word that goes on ("to", "of", "where"): a complete sentence before a URL, code or a formula ("… is available from sourceforge" ⏎ "http://…") is one. A bullet before a bullet in capitals or a list mark ("b) Configure…"), or the last line of a section, is a bullet.',
    reject: [
      'All files opened by readfrom that have not completely been read yet are closed automatically when the program terminates, but there exists a command ¶ closefrom ⟨file name⟩',
      'The values are written to the output file with the command ¶ to the output file, one per line.',
      'CSDP solves semidefinite programming problems of the form ¶ max tr (CX)',
      'Further, the focal length can be defined as ¶ f = fr(vrpd/2) (2.8)',
      'New length to adjust the indentation (left margin) ¶ of examples. See sec. 3.2 for details.',
    ],
    keep: [
      'Examine factors that explain healthcare system choice and costs ¶ Compare the costs of the two systems',
      'Examine factors that explain healthcare system choice and costs',
      'Install the package ¶ b) Configure the network',
      'The latest NETGEN source code release is available from sourceforge ¶ http://sourceforge.net/projects/netgen-mesher',
      'Several elements of a cell array can be extracted by indexing with a vector of indexes ¶ c{1:2}',
      'Hilbert basis elements are of degree 1 ¶ multiplicity = 10',
      'Conditional jump or move depends on uninitialised value(s) ¶ at 0x402DFA94: _IO_vfprintf (_itoa.h:49)',
    ],
    fails: (_, tags, next) => {
      if (next === undefined) return false;
      const opening = next.trim().replace(LIST_MARK, '');
      if (!/^(?:\p{Ll}|[⟨<\\$`])/u.test(opening)) return false;
      return wantsContinuation(tags) || CONTINUING_OPENING.test(opening);
    },
  },
  {
    id: 'item/no-verb',
    why: 'A statement has a verb; a bullet without one is a label ("Inpatient care for veterans").',
    reject: ['Inpatient care for veterans of the war in Korea'],
    keep: ['Examine factors that explain healthcare system choice and costs'],
    fails: (_, tags) => !hasVerb(tags),
  },
];

/** True for a list item that reads as a statement once it has its full stop (see {@link STATEMENT_ITEM_RULES}). */
export const isStatementItem = (text: string, tags: readonly Token[], next?: string): boolean =>
  !STATEMENT_ITEM_RULES.some((rule) => rule.fails(text, tags, next));

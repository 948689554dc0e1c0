/**
 * True/false items judged by earlier readings (true-false.jsonl, from set 15 on): `prompt` is the statement as the
 * reading printed it (without "True or false: "), `answer` the item's answer. Today's maker would not make the item
 * when the statement is an instruction or fails the statement rules (quiz/english/true-false.ts asks both of the
 * sentence, and `statementProblem` again of a false form): the same gate, asked of the printed statement.
 */
import { isAnalysed, loadEnglishProfile } from '../../../src/pipeline/language/index.ts';
import { statementProblem } from '../../../src/pipeline/rules/quiz/listed.ts';
import { isInstruction } from '../../../src/pipeline/rules/quiz/sources.ts';
import type { RefusedBy } from '../judged.ts';

export interface TrueFalseItem {
  prompt: string;
  answer: boolean;
}

const lang = await loadEnglishProfile();

export const refusedBy: RefusedBy<TrueFalseItem> = ({ prompt }) => {
  const statement = prompt.replace(/^True or false:\s*/u, '');
  if (isAnalysed(lang) && isInstruction(lang.analyser.tag(statement))) return 'true-false/instruction';
  return statementProblem(statement, lang)?.id;
};

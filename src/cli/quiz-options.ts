/** The quiz options of the CLI (`--kinds`, `--difficulty`): parsed with the domain's rules, one-line errors. */
import { InvalidArgumentError } from 'commander';
import {
  DIFFICULTIES,
  type Difficulty,
  parseKindShares,
  type QuestionKind,
} from '../domain/question-kinds.ts';

export function kindShares(value: string): Partial<Record<QuestionKind, number>> {
  try {
    return parseKindShares(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

export function difficulties(value: string): Difficulty[] {
  const out = value.split(',').map((d) => d.trim());
  const bad = out.find((d) => !(DIFFICULTIES as readonly string[]).includes(d));
  if (bad !== undefined)
    throw new InvalidArgumentError(`unknown difficulty "${bad}": ${DIFFICULTIES.join(', ')}`);
  return out as Difficulty[];
}

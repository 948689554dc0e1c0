/**
 * `profai quiz check QUIZ_ID [N] [--revision R]`: keep question N (from 1, as review and the exports number them)
 * of a quiz as it is, as "Mark as checked" does in review; without N, list those that wait for a check. The body
 * is in ../quizzes/check.ts.
 */
import type { Command } from 'commander';
import { ProfaiError } from '../../domain/errors.ts';
import { int, none, nonNegativeInt, run } from '../command-kit.ts';

export function register(program: Command): void {
  const quiz = program.commands.find((c) => c.name() === 'quiz');
  if (!quiz) throw new Error('register `quiz` before its `check`');
  quiz
    .command('check')
    .description(
      'mark a question made by rule as checked (kept as it is), or list the questions that wait for a check',
    )
    .argument('<quizId>', 'the exact quiz id')
    .argument('[question]', 'the question to keep, numbered from 1 as in review and the exports', int)
    .option(
      '--revision <n>',
      'the quiz revision you read (printed by the list): refuse if the quiz changed since',
      nonNegativeInt,
    )
    .addHelpText(
      'after',
      '\nChecking a question already kept changes nothing (exit 0). Exit codes: 0 done, 1 unknown quiz, question out of range, or the quiz changed since --revision.',
    )
    .action(
      run(none, async (config, id: string, question: number | undefined, opts: { revision?: number }) => {
        refuseQuizOptions(quiz);
        const { checkCommand } = await import('../quizzes/check.ts');
        return checkCommand(config, id, question, opts);
      }),
    );
}

/**
 * `profai quiz`'s own options (`--questions`, `--json`…) are parsed by `quiz` wherever they stand, even after
 * `check`: given to `quiz check`, they would be dropped without a word.
 */
function refuseQuizOptions(quiz: Command): void {
  const given = quiz.options
    .filter((o) => {
      const source = quiz.getOptionValueSource(o.attributeName());
      return source !== undefined && source !== 'default';
    })
    .map((o) => o.long ?? o.flags);
  if (given.length > 0) {
    throw new ProfaiError(
      'config_invalid',
      `${given.join(', ')}: ${given.length === 1 ? 'an option' : 'options'} of "profai quiz COURSE_ID", not of "profai quiz check"`,
    );
  }
}

/**
 * The `profai` command. Each subcommand lives in `commands/`; this file only parses arguments,
 * loads the configuration once and turns any error into one line and an exit code.
 */
import { Command, Option } from 'commander';
import { describeConfig } from '../config.ts';
import { int, none, positiveInt, run } from './command-kit.ts';
import * as apiCommand from './commands/api.ts';
import * as auditCommand from './commands/audit.ts';
import * as deleteCommand from './commands/delete.ts';
import * as doctorCommand from './commands/doctor.ts';
import * as exportCommand from './commands/export.ts';
import * as inspectCommand from './commands/inspect.ts';
import * as jobsCommand from './commands/jobs.ts';
import * as monitorCommand from './commands/monitor.ts';
import * as planCommand from './commands/plan.ts';
import * as quizCheckCommand from './commands/quiz-check.ts';
import * as upCommand from './commands/up.ts';
import * as usersCommand from './commands/users.ts';
import * as vectorsCommand from './commands/vectors.ts';
import * as workerCommand from './commands/worker.ts';
import { printLine } from './output.ts';
import { difficulties, kindShares } from './quiz-options.ts';

/**
 * Command modules that register themselves (service and operations commands). Add one line per module.
 */
const COMMAND_MODULES: ((program: Command) => void)[] = [
  apiCommand.register,
  workerCommand.register,
  upCommand.register,
  monitorCommand.register,
  inspectCommand.register,
  planCommand.register,
  exportCommand.register,
  doctorCommand.register,
  jobsCommand.register,
  vectorsCommand.register,
  usersCommand.register,
  deleteCommand.register,
  quizCheckCommand.register,
  auditCommand.register,
];

const VERSION = '0.1.0';

export function buildProgram(): Command {
  const program = new Command('profai')
    .description('Turn PDFs into structured courses and quizzes.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('process')
    .description('run the whole pipeline on each PDF in this process (embedded database, no server)')
    .argument('<files...>', 'PDF files')
    .option('--password <password>', 'password of encrypted PDFs')
    .option('--out <dir>', 'write course.json and course.md per document under DIR/<documentId>/')
    .option('--json', 'print machine-readable results')
    .option('--questions <n>', 'questions in the first quiz (QUIZ_QUESTIONS)', positiveInt)
    .option('--seed <n>', 'seed of the first quiz', int, 1)
    .action(
      run(none, async (config, files: string[], opts: Record<string, unknown>) => {
        const { processCommand } = await import('./commands/process.ts');
        return processCommand(files, opts, config);
      }),
    );

  program
    .command('courses')
    .description('list stored courses, newest first')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'how many', positiveInt, 50)
    .action(
      run(none, async (config, opts: { json?: boolean; limit: number }) => {
        const { coursesCommand } = await import('./commands/courses.ts');
        return coursesCommand(config, opts);
      }),
    );

  program
    .command('show')
    .description('print a course (id, id prefix or document id) as Markdown, or JSON')
    .argument('<courseId>')
    .option('--json', 'print JSON')
    .action(
      run(none, async (config, id: string, opts: { json?: boolean }) => {
        const { showCommand } = await import('./commands/courses.ts');
        return showCommand(config, id, opts);
      }),
    );

  program
    .command('quiz')
    .description('make a new quiz for a stored course')
    .argument('<courseId>')
    .option('--questions <n>', 'number of questions (QUIZ_QUESTIONS)', positiveInt)
    .option('--seed <n>', 'seed: the same seed gives the same quiz', int, 1)
    .addOption(new Option('--module <index>', 'only this module (0-based)').argParser(int))
    .option(
      '--kinds <shares>',
      'kinds of question and their shares, e.g. multiple_choice=3,matching=1,ordering=1 (or a list: matching,ordering)',
      kindShares,
    )
    .option('--difficulty <levels>', 'only these difficulties: easy,medium,hard', difficulties)
    .addOption(
      new Option('--min-bloom <level>', 'only questions of this Bloom level or above').choices([
        'remember',
        'understand',
        'apply',
      ]),
    )
    .option('--json', 'print JSON')
    .action(
      run(none, async (config, id: string, opts: Record<string, unknown>) => {
        const { quizCommand } = await import('./commands/quiz.ts');
        return quizCommand(config, id, opts);
      }),
    );

  program
    .command('config')
    .description('print the effective configuration (secrets redacted)')
    .action(
      run(none, async (config) => {
        for (const line of describeConfig(config)) printLine(line);
        return 0;
      }),
    );

  for (const register of COMMAND_MODULES) register(program);
  return program;
}

await buildProgram().parseAsync(process.argv);

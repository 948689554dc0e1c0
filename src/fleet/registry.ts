/**
 * The task registry: task names → handlers. Adding a task is one file exporting a {@link TaskDefinition};
 * extra modules (test-only tasks, plug-ins) are loaded by path with {@link loadTaskModule}.
 *
 * Handlers run in a worker child. They must keep heavy imports (the PDF engine, the pipeline, database drivers)
 * inside the handler (`await import(...)`), so that merely registering a task costs the supervisor nothing.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../config.ts';
import { ProfaiError } from '../domain/errors.ts';
import type { Logger } from './log.ts';

/** What a handler gets besides its payload. */
export interface TaskContext {
  jobId: string;
  /** 1 for the first attempt. */
  attempt: number;
  config: Config;
  log: Logger;
  /** Reports the current stage and its percent (0..100); shown as the job's progress. */
  progress(stage: string, percent: number): void;
}

export type TaskHandler = (data: unknown, ctx: TaskContext) => Promise<unknown>;

export interface TaskDefinition {
  /** `queue.task`, e.g. `pdf_processing.process_pdf_and_generate_course`. */
  name: string;
  handler: TaskHandler;
  /** True when the task writes to the database: a worker serving its queue then needs DATABASE_URL. */
  needsDatabase?: boolean;
  /**
   * Loads and opens what the handler's first call would (modules, connections, threads), so that call runs
   * warm. Called once at child start when CHILD_PRELOAD is on; a failure is logged, the handler then opens
   * what it needs itself.
   */
  warm?: (config: Config) => Promise<void>;
  /** Called once in a child before it exits (close connections the handler cached). */
  dispose?: () => Promise<void>;
  /**
   * Runs in the supervisor with the child's result, before the job completes, and returns the job's result: for
   * hand-offs over the supervisor's connections, so that a child needs none (a PDF job's LLM stage). A failure
   * fails the attempt, which is retried.
   */
  settle?: (result: unknown, config: Config) => Promise<unknown>;
  /** Fields of the job's data removed from its record once no attempt can need them (a PDF's password). */
  secrets?: readonly string[];
}

/** The task is not registered in this worker: retrying on the same fleet cannot help. */
export class UnknownTaskError extends ProfaiError {
  constructor(name: string) {
    super('unknown_task', `unknown task ${name}: no worker registered it`);
  }
}

/** A task module has nothing that looks like a task, or two tasks share a name. */
export class TaskModuleError extends ProfaiError {
  constructor(message: string) {
    super('task_module', message);
  }
}

export class TaskRegistry {
  readonly #tasks = new Map<string, TaskDefinition>();

  register(task: TaskDefinition): void {
    if (this.#tasks.has(task.name)) throw new TaskModuleError(`task ${task.name} is registered twice`);
    if (!task.name.includes('.'))
      throw new TaskModuleError(`task name ${task.name} has no queue (queue.task)`);
    this.#tasks.set(task.name, task);
  }

  /** @throws UnknownTaskError */
  get(name: string): TaskDefinition {
    const task = this.#tasks.get(name);
    if (!task) throw new UnknownTaskError(name);
    return task;
  }

  has(name: string): boolean {
    return this.#tasks.has(name);
  }

  /** Task names, sorted. */
  names(): string[] {
    return [...this.#tasks.keys()].sort();
  }

  all(): TaskDefinition[] {
    return [...this.#tasks.values()];
  }
}

function isTaskDefinition(value: unknown): value is TaskDefinition {
  const v = value as Partial<TaskDefinition> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.handler === 'function';
}

/** Every task a module exports: each exported `{ name, handler }` object, or arrays of them. */
export function tasksOf(moduleExports: Record<string, unknown>): TaskDefinition[] {
  return Object.values(moduleExports).flatMap((value) =>
    Array.isArray(value) ? value.filter(isTaskDefinition) : isTaskDefinition(value) ? [value] : [],
  );
}

/** Imports a task module by path (relative to the working directory) and returns its tasks. */
export async function loadTaskModule(path: string): Promise<TaskDefinition[]> {
  const url = pathToFileURL(isAbsolute(path) ? path : resolve(path)).href;
  const tasks = tasksOf((await import(url)) as Record<string, unknown>);
  if (tasks.length === 0) throw new TaskModuleError(`${path} exports no task ({ name, handler })`);
  return tasks;
}

/** The built-in tasks plus those of `modules`. */
export async function createRegistry(modules: readonly string[] = []): Promise<TaskRegistry> {
  const registry = new TaskRegistry();
  const builtIn = await Promise.all([import('./tasks/process-pdf.ts'), import('./tasks/generate-quiz.ts')]);
  for (const mod of builtIn) for (const task of tasksOf(mod)) registry.register(task);
  for (const path of modules) for (const task of await loadTaskModule(path)) registry.register(task);
  return registry;
}

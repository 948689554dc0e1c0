/**
 * The task registry: task names → definitions, filled from task modules (see "task module" in interfaces.ts).
 * Handlers must keep heavy imports (the PDF engine, the pipeline, database drivers) inside the handler
 * (`await import(...)`), so that merely registering a task costs a process nothing.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TaskModuleError, UnknownTaskError } from './errors.ts';
import type { TaskDefinition } from './interfaces.ts';

// biome-ignore lint/suspicious/noExplicitAny: definitions of any payload type share one registry.
type AnyTask = TaskDefinition<any, any>;

export class TaskRegistry {
  readonly #tasks = new Map<string, AnyTask>();

  register(task: AnyTask): void {
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

/** The queue a task runs on: the part of its name before the first dot. */
export function queueOf(taskName: string): string {
  return taskName.split('.')[0]!;
}

function isTaskDefinition(value: unknown): value is AnyTask {
  const v = value as Partial<AnyTask> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.handler === 'function';
}

/**
 * Every task a module exports: what `createTasks(settings)` returns when it exports that function, else each
 * exported `{ name, handler }` object, or arrays of them.
 */
export function tasksOf(moduleExports: Record<string, unknown>, settings?: unknown): AnyTask[] {
  const create = moduleExports.createTasks;
  const values = typeof create === 'function' ? [create(settings)] : Object.values(moduleExports);
  return values.flatMap((value) =>
    Array.isArray(value) ? value.filter(isTaskDefinition) : isTaskDefinition(value) ? [value] : [],
  );
}

/** Imports a task module by path or URL (a path relative to the working directory) and returns its tasks. */
export async function loadTaskModule(pathOrUrl: string, settings?: unknown): Promise<AnyTask[]> {
  const url = pathOrUrl.startsWith('file:')
    ? pathOrUrl
    : pathToFileURL(isAbsolute(pathOrUrl) ? pathOrUrl : resolve(pathOrUrl)).href;
  const tasks = tasksOf((await import(url)) as Record<string, unknown>, settings);
  if (tasks.length === 0) throw new TaskModuleError(`${pathOrUrl} exports no task ({ name, handler })`);
  return tasks;
}

/** A registry of the tasks of `modules`, each given `settings`. */
export async function createRegistry(modules: readonly string[], settings?: unknown): Promise<TaskRegistry> {
  const registry = new TaskRegistry();
  for (const path of modules)
    for (const task of await loadTaskModule(path, settings)) registry.register(task);
  return registry;
}

/**
 * LLM_FALLBACK=offline: when the LLM fails for good (provider down after retries, answers rejected twice), the
 * offline generator makes that course or quiz instead, and the course records which generator made it.
 */
import type { Course, QuizDraft } from '../domain/course.ts';
import type { CourseGenerator, CourseInput, QuizGenerator, QuizInput } from '../domain/generators.ts';
import { isLlmError } from './errors.ts';

export type WarnFn = (message: string, fields: Record<string, unknown>) => void;

async function orElse<T>(primary: () => Promise<T>, fallback: () => Promise<T>, what: string, warn: WarnFn) {
  try {
    return await primary();
  } catch (err) {
    if (!isLlmError(err)) throw err;
    warn(`LLM ${what} failed; using the offline generator (LLM_FALLBACK=offline)`, {
      error: (err as Error).message,
    });
    return fallback();
  }
}

export class FallbackCourseGenerator implements CourseGenerator {
  readonly name: string;
  constructor(
    private readonly primary: CourseGenerator,
    private readonly fallback: CourseGenerator,
    private readonly warn: WarnFn,
  ) {
    this.name = primary.name;
  }

  generateCourse(input: CourseInput): Promise<Course> {
    return orElse(
      () => this.primary.generateCourse(input),
      () => this.fallback.generateCourse(input),
      'course',
      this.warn,
    );
  }
}

export class FallbackQuizGenerator implements QuizGenerator {
  readonly name: string;
  constructor(
    private readonly primary: QuizGenerator,
    private readonly fallback: QuizGenerator,
    private readonly warn: WarnFn,
  ) {
    this.name = primary.name;
  }

  generateQuiz(input: QuizInput): Promise<QuizDraft> {
    return orElse(
      () => this.primary.generateQuiz(input),
      () => this.fallback.generateQuiz(input),
      'quiz',
      this.warn,
    );
  }
}

/**
 * Who may use ProfAI: users with a role, and what a role reaches. Glossary:
 * - **teacher**: uploads PDFs and reaches their own courses and those shared with them (the web app).
 * - **operator**: reaches the fleet (dashboard, metrics, jobs, replay) but no course content.
 * - **admin**: both, on every course.
 * - **owner** of a course: a user who uploaded its PDF; **shares** give another user `read` or `edit` access.
 */
import { ProfaiError } from './errors.ts';

export const ROLES = ['teacher', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a user may do with one course, weakest first: see, change, and share or delete. */
export const COURSE_ACCESS = ['read', 'edit', 'owner'] as const;
export type CourseAccess = (typeof COURSE_ACCESS)[number];
/** What a share grants (ownership comes from uploading, never from a share). */
export type ShareAccess = Exclude<CourseAccess, 'owner'>;

/** True when `held` is at least `needed`. */
export const accessAtLeast = (held: CourseAccess, needed: CourseAccess) =>
  COURSE_ACCESS.indexOf(held) >= COURSE_ACCESS.indexOf(needed);

/** A user name: 1-64 letters, digits, `.`, `_`, `-` or `@` (an e-mail address works). */
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u;

export class InvalidUserError extends ProfaiError {
  constructor(message: string) {
    super('invalid_user', message);
  }
}

export class UserExistsError extends ProfaiError {
  constructor(name: string) {
    super(
      'user_exists',
      `a user named ${name} exists already: pick another name, or \`profai users rotate ${name}\``,
    );
  }
}

/** The name, checked. @throws InvalidUserError */
export function checkUserName(name: string): string {
  if (!NAME.test(name))
    throw new InvalidUserError(
      `user name ${JSON.stringify(name)}: use 1-64 letters, digits, ".", "_", "-" or "@", starting with a letter or digit`,
    );
  return name;
}

/** The role, checked. @throws InvalidUserError */
export function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role))
    throw new InvalidUserError(`role ${JSON.stringify(role)}: expected one of ${ROLES.join(', ')}`);
  return role as Role;
}

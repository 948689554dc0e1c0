/**
 * The audit trail as the CLI writes it: the actor is the machine's user (`cli`, by their login name, as an admin:
 * whoever runs `profai` on the database's machine holds every right). A failed insert never fails the command: it
 * prints a warning, the command's own work being done.
 */
import { userInfo } from 'node:os';
import { type AuditAction, insertAudit } from '../store/index.ts';
import type { Sql } from '../store/types.ts';
import { printLine } from './output.ts';

/** Who acts when `profai` runs on the database's machine. */
export function cliActor(): { id: string; name: string; role: 'admin' } {
  return { id: 'cli', name: userInfo().username, role: 'admin' };
}

export async function auditByCli(
  db: Sql,
  action: AuditAction,
  target: { kind: string; id: string; courseId?: string; detail?: Record<string, unknown> },
): Promise<void> {
  await insertAudit(db, {
    actor: cliActor(),
    action,
    targetKind: target.kind,
    targetId: target.id,
    courseId: target.courseId,
    detail: { ...target.detail, via: 'cli' },
  }).catch((err: unknown) => printLine(`warning: audit record not written: ${(err as Error).message}`));
}

/** The body of `profai audit`: the trail from the database, as a table or JSON. */
import type { Config } from '../../config.ts';
import { listAudit, openDatabase } from '../../store/index.ts';
import { printJson, printLine } from '../output.ts';
import { renderTable } from '../table.ts';

export async function auditCommand(
  config: Config,
  opts: { since: Date; limit: number; json?: boolean },
): Promise<number> {
  const db = await openDatabase(config);
  try {
    const records = await listAudit(db, opts.since, { limit: opts.limit });
    if (opts.json) printJson(records);
    else if (records.length === 0) printLine(`Nothing since ${opts.since.toISOString()}.`);
    else
      printLine(
        renderTable(
          ['when', 'who', 'role', 'action', 'what', 'detail'],
          records.map((r) => [
            r.at,
            r.actorName,
            r.actorRole,
            r.action,
            `${r.targetKind} ${r.targetId}`,
            r.detail ? JSON.stringify(r.detail).slice(0, 60) : '',
          ]),
        ),
      );
    return 0;
  } finally {
    await db.close();
  }
}

/** `profai plan` output: the recommendation, the reasoning table (input figure → rule → result), the risks. */
import type { Plan } from './plan.ts';
import { formatCpus, formatDockerSize } from './units.ts';

/** Splits `text` into lines of at most `width` characters, at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.flatMap((l) => (l.length <= width ? [l] : (l.match(new RegExp(`.{1,${width}}`, 'g')) ?? [])));
}

/** A table whose cells wrap to the given column widths; rows are separated by a blank line. */
export function wrappedTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  widths: readonly number[],
) {
  const render = (cells: readonly string[]) => {
    const wrapped = cells.map((c, i) => wrap(c, widths[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, r) =>
      wrapped
        .map((w, i) => (w[r] ?? '').padEnd(widths[i]!))
        .join(' │ ')
        .trimEnd(),
    );
  };
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [
    ...render(headers),
    rule,
    ...rows.flatMap((row, i) => (i === 0 ? render(row) : ['', ...render(row)])),
  ].join('\n');
}

export function renderPlan(plan: Plan): string {
  const { limits } = plan;
  const risks = plan.risks.length
    ? plan.risks.map((r) => `  ${r.level.toUpperCase()}: ${r.message}`)
    : ['  none found'];
  return [
    `Recommended: ${plan.workers} workers × ${plan.concurrency} child, ${formatCpus(plan.worker.cpus)} CPU / ${formatDockerSize(plan.worker.memoryMb)} each; API ${formatCpus(plan.api.cpus)} CPU / ${formatDockerSize(plan.api.memoryMb)}`,
    `Worker settings: WORKER_CONCURRENCY=${plan.concurrency} MAX_MEMORY_PER_CHILD_MB=${limits.maxMemoryPerChildMb} HARD_MEMORY_LIMIT_MB=${limits.hardMemoryLimitMb} CHILD_HEAP_MB=${limits.childHeapMb}`,
    `Expected: about ${plan.pdfsPerHour} PDFs/hour`,
    '',
    wrappedTable(
      ['input figure', 'rule', 'result'],
      plan.steps.map((s) => [s.figure, s.rule, s.result]),
      [44, 40, 28],
    ),
    '',
    'Risks:',
    ...risks,
  ].join('\n');
}

/** The stable `--json` shape: the plan without its inputs' raw job list (summarised in `jobs`). */
export function planJson(plan: Plan) {
  const { jobs: _samples, ...inputs } = plan.inputs;
  return { ...plan, inputs };
}

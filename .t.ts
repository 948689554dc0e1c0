import { loadEnglish } from './src/pipeline/nlp/english.ts';
import { objectiveProblem } from './src/pipeline/quality/objectives.ts';
import { termProblem } from './src/pipeline/quality/kinds.ts';
const nlp = await loadEnglish();
for (const o of ['Distinguish candidate key from composite key.', 'Define database.', 'Define table.', 'Define schema.', 'Define data independence.', 'Explain the purpose of relational model.', 'Define candidate key.'])
  console.log(o, objectiveProblem(o, nlp));
for (const t of ['candidate key','database','table','schema', 'composite key'])
  console.log(t, termProblem(t, nlp), nlp.tag(t).map(x=>x.pos).join(' '));

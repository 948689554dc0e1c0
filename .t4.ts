import { loadEnglish } from './src/pipeline/nlp/english.ts';
const nlp = await loadEnglish();
for (const s of ['We read about the candidate key here.', 'A candidate key is a minimal set of columns.', 'The composite key is a key.', 'a composite key', 'The primary key is student_id.'])
console.log(nlp.tag(s).map(t=>`${t.text}/${t.pos}`).join(' '));

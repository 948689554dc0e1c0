import { readSource, contextOf } from './scripts/quality/source.ts';
for (const f of ['gov-cfr-two-column.pdf','gov-hr1904-bad-xref.pdf','gov-va-slides.pdf']) {
  const s = readSource('../shared/corpus/'+f);
  console.log(f, s.pages.map(p=>p.matter??'.').join(' '), s.sentences.length);
  console.log(' salt?', contextOf(s, 'salt')?.slice(0,80), '| Indian tribe?', contextOf(s, 'Indian tribe')?.slice(0,80));
}

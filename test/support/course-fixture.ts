/**
 * Hand-made stage 3/4 output for the course and quiz tests: a short textbook on photosynthesis and databases,
 * with a title page (no text), chapters, sub-sections and chunks that cite them.
 */

import type { Chunk, Paragraph, Section } from '../../src/domain/document.ts';
import type { CourseInput } from '../../src/domain/generators.ts';

type SectionSpec = { title: string; level: number; pages: [number, number]; paragraphs: [number, string][] };

const SPECS: SectionSpec[] = [
  { title: 'Biology and Data', level: 1, pages: [1, 1], paragraphs: [] },
  {
    title: 'Photosynthesis',
    level: 1,
    pages: [2, 2],
    paragraphs: [
      [
        2,
        'Photosynthesis is the process by which plants, algae and some bacteria turn light energy into chemical energy. The overall reaction uses carbon dioxide and water and releases oxygen as a by-product. Almost every food chain on Earth depends on the sugars that photosynthesis produces.',
      ],
    ],
  },
  {
    title: 'Light reactions',
    level: 2,
    pages: [3, 4],
    paragraphs: [
      [
        3,
        'The light reactions take place in the thylakoid membranes of the chloroplast. Chlorophyll molecules absorb red and blue light and pass the energy to a reaction centre. Water molecules are split to replace the electrons that chlorophyll loses, and this splitting releases oxygen.',
      ],
      [
        4,
        'The electrons travel along an electron transport chain that pumps protons into the thylakoid space. The enzyme ATP synthase uses the proton gradient to make ATP. At the end of the chain the electrons reduce NADP+ to NADPH, which carries them to the Calvin cycle.',
      ],
    ],
  },
  {
    title: 'Calvin cycle',
    level: 2,
    pages: [5, 6],
    paragraphs: [
      [
        5,
        'The Calvin cycle takes place in the stroma of the chloroplast and does not need light directly. The enzyme rubisco fixes carbon dioxide by attaching it to ribulose bisphosphate. The cycle spends ATP and NADPH from the light reactions to turn the fixed carbon into sugar.',
      ],
      [
        6,
        'Most of the sugar leaves the chloroplast and is converted into sucrose or starch. Plants in hot climates use special pathways that limit the wasteful reaction of rubisco with oxygen. Stomata on the leaf surface open to let carbon dioxide in and close to save water.',
      ],
    ],
  },
  {
    title: 'Databases',
    level: 1,
    pages: [7, 7],
    paragraphs: [
      [
        7,
        'A database is an organised collection of data that many programs can share. A database management system controls how the data is stored, queried and updated. Most business software keeps its records in a relational database.',
      ],
    ],
  },
  {
    title: 'The relational model',
    level: 2,
    pages: [8, 9],
    paragraphs: [
      [
        8,
        'The relational model stores data in tables, and each table holds rows that share the same columns. A primary key identifies every row of a table and must never repeat. A foreign key in one table refers to the primary key of another table.',
      ],
      [
        9,
        'Queries are written in SQL, a declarative language that says what data is wanted rather than how to find it. The query planner chooses the order of joins and the access paths. Normalisation splits tables so that each fact is stored only once.',
      ],
    ],
  },
  {
    title: 'Indexes and transactions',
    level: 2,
    pages: [10, 11],
    paragraphs: [
      [
        10,
        'An index is a separate structure that lets the database find rows without reading the whole table. Most indexes are balanced trees that keep keys in sorted order. Every index speeds up reads but slows down writes, because the index must be updated too.',
      ],
      [
        11,
        'A transaction groups several statements into one unit that either succeeds completely or has no effect. The database keeps a write-ahead log so that committed transactions survive a crash. Locks and snapshots isolate concurrent transactions from each other.',
      ],
    ],
  },
];

/** The fixture as course input; chunks hold one or two paragraphs of one section. */
export function textbook(documentId = 'fixture0000000000'): CourseInput {
  const sections: Section[] = [];
  const stack: string[] = [];
  SPECS.forEach((spec, index) => {
    stack.length = spec.level - 1;
    stack.push(spec.title);
    const paragraphs: Paragraph[] = spec.paragraphs.map(([page, text]) => ({ text, page, pageEnd: page }));
    sections.push({
      index,
      title: spec.title,
      level: spec.level,
      path: [...stack],
      pageStart: spec.pages[0],
      pageEnd: spec.pages[1],
      paragraphs,
    });
  });
  return {
    documentId,
    fileName: 'textbook.pdf',
    pageCount: 11,
    structure: { title: 'Biology and Data', sections, source: 'outline' },
    chunks: chunksOf(sections, documentId),
  };
}

/** One chunk per paragraph, as stage 4 would cut short sections. */
export function chunksOf(sections: readonly Section[], documentId: string): Chunk[] {
  const chunks: Chunk[] = [];
  for (const s of sections)
    for (const p of s.paragraphs)
      chunks.push({
        id: `${documentId}:${chunks.length}`,
        documentId,
        index: chunks.length,
        sectionIndex: s.index,
        sectionPath: s.path,
        pageStart: p.page,
        pageEnd: p.pageEnd,
        text: p.text,
        tokenCount: p.text.split(' ').length,
      });
  return chunks;
}

/** A document of one section: `text` on page 1. */
export function oneLiner(text: string, title = 'Note'): CourseInput {
  const sections: Section[] = [
    {
      index: 0,
      title,
      level: 1,
      path: [title],
      pageStart: 1,
      pageEnd: 1,
      paragraphs: [{ text, page: 1, pageEnd: 1 }],
    },
  ];
  return {
    documentId: 'tiny',
    fileName: 'tiny.pdf',
    pageCount: 1,
    structure: { title, sections, source: 'pages' },
    chunks: chunksOf(sections, 'tiny'),
  };
}

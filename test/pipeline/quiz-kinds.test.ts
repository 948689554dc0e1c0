/**
 * The group makers of the quiz assembler (quiz/kinds/): what each makes of a text that supports its kind, and the
 * picking by shares and levels. What each refuses is its rules' (rules/quiz/quantities.ts, steps.ts, glosses.ts,
 * listed.ts, kind-items.ts), run by the rule table (rules.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Chunk } from '../../src/domain/document.ts';
import type { DraftOf, QuestionDraft } from '../../src/domain/questions.ts';
import { loadEnglishProfile } from '../../src/pipeline/language/index.ts';
import { type Defined, readEntry } from '../../src/pipeline/quiz/defined-terms.ts';
import { acceptedAnswers, matchingItems, shortAnswerItems } from '../../src/pipeline/quiz/kinds/glossary.ts';
import { multipleAnswerItems } from '../../src/pipeline/quiz/kinds/multiple-answer.ts';
import { falseByQuantity, numericalMaker, numericalOf } from '../../src/pipeline/quiz/kinds/numerical.ts';
import { numberedLists } from '../../src/pipeline/quiz/kinds/ordering.ts';
import { made, pickQuestions, quotas } from '../../src/pipeline/quiz/picking.ts';
import { LISTED_RULES } from '../../src/pipeline/rules/quiz/listed.ts';
import { instructionOf, withoutClosingLink } from '../../src/pipeline/rules/quiz/steps.ts';
import { mulberry32 } from '../../src/pipeline/text/rng.ts';

const lang = await loadEnglishProfile();
const words = lang.quizWords!;
const isWord = (w: string) => lang.analyser.isWord(w);

describe('numerical: a quantity the sentence states', () => {
  const asked: [string, number, string, number][] = [
    ['Memcheck adds a minimum of 16 bytes before and after each block.', 16, 'bytes', 0],
    ['The cache holds 2,048 entries of 64 KB each.', 2048, 'entries', 0],
    // A rounded figure ("about") is asked with a tolerance; a duration of one run ("takes about 30 minutes on the
    // test machine") is not asked at all (quantity/run-time).
    ['The index of the table takes about 30 MB of disk.', 30, 'MB', 3],
    ['The survey reached 45% of the households in the district.', 45, '%', 0],
  ];
  for (const [text, value, unit, tolerance] of asked)
    test(`asks: ${text}`, () => {
      const q = numericalOf({ text, page: 3 }, words);
      assert.ok(q, 'a question');
      assert.deepEqual([q.answer, q.unit, q.tolerance], [value, unit, tolerance]);
      assert.ok(q.prompt.includes('_____') && !q.prompt.includes(String(value)));
    });
  // A unit glued to its number (the Velvet and CD-HIT guides) is read as that unit, set apart from the blank.
  const glued: [string, number, string, string][] = [
    ['The assembly of a bacterial genome needs 12GB of memory.', 12, 'GB', 'needs _____ GB of memory.'],
    ['The insert length of the library is 500bp on average.', 500, 'bp', 'is _____ bp on average.'],
    ['The processor runs at 2.5GHz on every node.', 2.5, 'GHz', 'at _____ GHz on every'],
    ['The samples of the file are 16-bit.', 16, 'bit', 'are _____-bit.'],
  ];
  for (const [text, value, unit, blank] of glued)
    test(`asks a number glued to its unit: ${text}`, () => {
      const q = numericalOf({ text, page: 3 }, words);
      assert.ok(q, 'a question');
      assert.deepEqual([q.answer, q.unit, q.tolerance], [value, unit, 0]);
      assert.ok(q.prompt.includes(blank), q.prompt);
    });
  for (const text of [
    'The kernel is built for x86_64 machines.',
    'The tool draws 3D plots of the surface.',
    'The loop runs 1e6 times per call.',
    'The mask is 0x1F in the header.',
  ])
    test(`asks no number of a name or a version: ${text}`, () => {
      assert.equal(numericalOf({ text, page: 3 }, words), null);
    });
  test('refuses how long one run took: A full scan of the table takes about 30 minutes on the test machine.', () => {
    assert.equal(
      numericalOf(
        { text: 'A full scan of the table takes about 30 minutes on the test machine.', page: 3 },
        words,
      ),
      null,
    );
  });
});

describe('numerical: a number the sentence gives away by arithmetic (Speex manual, fresh set 13)', () => {
  test('no number of frames, sub-frames and samples is asked: each is a product or quotient of two others', () => {
    const text =
      'In narrowband, Speex frames are 20 ms long (160 samples) and are subdivided in 4 sub-frames of 5 ms each (40 samples).';
    assert.equal(numericalOf({ text, page: 30 }, words), null);
    assert.ok(numericalOf({ text: 'In narrowband, Speex frames are 20 ms long.', page: 30 }, words));
  });
});

describe('numerical: the sentence stands alone as a listed statement would', () => {
  const standsAlone = (text: string) => !LISTED_RULES.some((rule) => rule.fails(text, lang));
  const made = (text: string) =>
    numericalMaker(() => [{ text, page: 5 }], words, standsAlone).make([], mulberry32(1));
  test('a sentence without a verb is asked by no blank; one with a verb is', () => {
    const fragment = 'Among veterans treated at VA hospitals estimated at 40%.';
    assert.ok(numericalOf({ text: fragment, page: 5 }, words), 'its number alone would be asked');
    assert.equal(made(fragment).length, 0);
    assert.equal(made('Memcheck adds a minimum of 16 bytes before and after each block.').length, 1);
  });
  test('a count of columns of nothing named is asked by no blank (gsequencer user manual, fresh set 13)', () => {
    const unnamed = 'There are 5 columns with information of the specific selection.';
    assert.ok(numericalOf({ text: unnamed, page: 19 }, words), 'its number alone would be asked');
    assert.equal(made(unnamed).length, 0);
    assert.equal(made('There are 5 columns in the Machine Selection dialog.').length, 1);
  });
});

describe('ordering: the steps of a procedure, in order', () => {
  const chunk = (text: string, index = 0): Chunk => ({
    id: `d:${index}`,
    documentId: 'd',
    index,
    sectionIndex: 0,
    sectionPath: ['Getting started'],
    pageStart: 4,
    pageEnd: 4,
    text,
    tokenCount: 40,
  });
  test('a numbered list is found whole; one cut by the chunk is not', () => {
    const whole = chunk(
      'Do the following steps:\n\n1. Open the file.\n\n2. Read it.\n\n3. Close it.\n\nThat is all.',
    );
    assert.deepEqual(numberedLists([whole])[0]?.items, ['Open the file.', 'Read it.', 'Close it.']);
    const cut = chunk('Do the following steps:\n\n1. Open the file.\n\n2. Read it.\n\n3. Close the');
    assert.deepEqual(numberedLists([cut]), []);
  });
  test('a closing pointer run in as the last item is no step (HackRF manual, fresh set 13)', () => {
    const linked = chunk(
      'To build the flow graph:\n\n1. Open the companion.\n\n2. Add a source block.\n\n3. Run the graph.\n\n4. You can find the GNU Radio Companion source file here.\n\nThat is all.',
    );
    assert.deepEqual(numberedLists([linked])[0]?.items, [
      'Open the companion.',
      'Add a source block.',
      'Run the graph.',
    ]);
    // "here" alone is where a step is done, no pointer.
    const signed = ['Open the form.', 'Fill in your name.', 'Sign here.'];
    assert.deepEqual(withoutClosingLink(signed), signed);
    const entered = ['Log in to the router.', 'Open Settings.', 'Enter the gateway address here.'];
    assert.deepEqual(withoutClosingLink(entered), entered);
  });
  test('numbered items run into one paragraph are parted (Ubuntu packaging guide, fresh set 9)', () => {
    const runIn = chunk(
      'At this point the process is the same:\n\n1. Build your package and verify that it compiles without warnings 2. Upgrade to the new version and check that it works 3. Test the fix. 4. Submit your work via a merge proposal.\n\nThat is all.',
    );
    assert.deepEqual(numberedLists([runIn])[0]?.items, [
      'Build your package and verify that it compiles without warnings',
      'Upgrade to the new version and check that it works',
      'Test the fix.',
      'Submit your work via a merge proposal.',
    ]);
    const version = chunk('Proceed:\n\n1. Install version 2. The old one goes.\n\nThat is all.');
    assert.deepEqual(numberedLists([version])[0]?.items, ['Install version 2. The old one goes.']);
  });
  test('a list written without stops ends where its section ends: whole (CD-HIT, fresh set 10)', () => {
    const psi = chunk(
      'Below are the procedures of PSI-CD-HIT:\n\n1. Sort sequences by decreasing length 2. First one is the first representative 3. Using 1st one blast all remaining sequences 4. Repeat until done',
    );
    // "Repeat", which the tagger reads as a noun, is an instruction: "4." parts the last item off.
    assert.deepEqual(numberedLists([psi], instructionOf(lang), words)[0]?.items, [
      'Sort sequences by decreasing length',
      'First one is the first representative',
      'Using 1st one blast all remaining sequences',
      'Repeat until done',
    ]);
    const cut = chunk('Do the following steps:\n\n1. Open the file.\n\n2. Read it\n\n3. Close the');
    assert.deepEqual(numberedLists([cut]), [], 'an item ends a sentence: the last one is cut');
    // Without stops, a last item that ends on a function word was cut by the text's end (reviewer, rev3).
    for (const text of [
      'Do the following steps:\n\n1. Open the file\n\n2. Read the',
      'Do the following steps:\n\n1. Open the file\n\n2. Read it\n\n3. Copy it to',
    ])
      assert.deepEqual(numberedLists([chunk(text)], instructionOf(lang), words), [], text);
    // Steps end on "in", "on", "at": such a last item is whole (reviewer, rev4).
    const logIn = chunk('Do the following steps:\n\n1. Open the app\n\n2. Select a file\n\n3. Log in');
    assert.deepEqual(numberedLists([logIn], instructionOf(lang), words)[0]?.items, [
      'Open the app',
      'Select a file',
      'Log in',
    ]);
  });
  test('a list in lower case run into one paragraph is parted (CD-HIT-PARA, fresh set 10)', () => {
    const para = chunk(
      'Implementation:\n\n1. divide input db into many small dbs 2. clusters the 1st db by cd-hit 3. run cd-hit-2d for other dbs 4. Combine the results\n\nBasic command:',
    );
    // Which word ends no item is the language's: without its words no list in lower case is parted.
    assert.deepEqual(numberedLists([para])[0]?.items, [
      'divide input db into many small dbs 2. clusters the 1st db by cd-hit 3. run cd-hit-2d for other dbs 4. Combine the results',
    ]);
    assert.deepEqual(numberedLists([para], instructionOf(lang), words)[0]?.items, [
      'divide input db into many small dbs',
      'clusters the 1st db by cd-hit',
      'run cd-hit-2d for other dbs',
      'Combine the results',
    ]);
  });
  test('a list in mixed case run into one paragraph is parted at every item, not only those in capitals', () => {
    const mixed = chunk(
      'Proceed as follows:\n\n1. open the file 2. Edit the header 3. save it 4. close it\n\nDone.',
    );
    assert.deepEqual(numberedLists([mixed], instructionOf(lang), words)[0]?.items, [
      'open the file',
      'Edit the header',
      'save it',
      'close it',
    ]);
  });
  test('"Step N." steps: their names, with a step\'s commands and notes between (CD-HIT-OTU, fresh set 10)', () => {
    const body =
      'a command\n\nwhere it is\n\nThis command will make scripts.\n\nanother command\n\nAfter the job finished, read';
    const otu = chunk(
      `Usage\n\nStep 1. prepare fastq files: Most projects have samples.\n\nStep 2. Reference database preparation: We implemented a tool.\n\nStep 3. Run sequence QC for each sample:. In the working directory, run\n\n${body}\n\nStep 4. pool all the samples together: Please run\n\nThat is all.`,
    );
    assert.deepEqual(numberedLists([otu])[0]?.items, [
      'prepare fastq files',
      'Reference database preparation',
      'Run sequence QC for each sample',
      'pool all the samples together',
    ]);
    const numbered = chunk(`Proceed:\n\n1. Open the file.\n\n2. Read it.\n\n${body}\n\n3. Close it.`);
    assert.deepEqual(
      numberedLists([numbered])[0]?.items,
      ['Open the file.', 'Read it.'],
      'a plain "3." is too far',
    );
  });
  test('steps with commands and notes between them, across overlapping chunks (mpich-install)', () => {
    const first = chunk(
      'Here are the steps:\n\n1. Unpack the tar file.\n\ntar xfz mpich.tar.gz\n\nIf your tar lacks z, use gunzip.\n\n2. Choose an installation directory (the default is /usr/local/bin):\n\nmkdir /home/you/mpich',
      0,
    );
    const second = chunk(
      'mkdir /home/you/mpich\n\n3. Choose a build directory. Building is faster on a local disk.\n\nThat is all for now.',
      1,
    );
    assert.deepEqual(numberedLists([first, second])[0]?.items, [
      'Unpack the tar file.',
      'Choose an installation directory (the default is /usr/local/bin)',
      'Choose a build directory.',
    ]);
  });
});

const defined = (term: string, gloss: string, page = 2, moduleIndex = 0): Defined => ({
  term,
  gloss,
  sentence: `A ${term} is ${gloss}.`,
  page,
  moduleIndex,
});

describe('matching and short answer: the terms a module defines', () => {
  const glossary = [
    defined('primary key', 'a column that identifies each row of a table'),
    defined('foreign key', 'a column that refers to a row of another table'),
    defined('index', 'a structure that finds rows without reading the whole table'),
    defined('view', 'a stored query that other queries read like a table'),
  ];
  test('matching: one group of the module, its three surest pairs, the prompt naming the module', () => {
    const [item] = matchingItems(glossary, mulberry32(1), words, isWord, ['Tables']);
    assert.ok(item && item.q.kind === 'matching' && item.q.pairs.length === 3);
    const terms = item.q.pairs.map((p) => p.term);
    // Phrases before lone words ("index", "view": rules/quiz/pair-confidence.ts), whatever the draw.
    assert.ok(terms.includes('primary key') && terms.includes('foreign key'), terms.join(', '));
    assert.equal(item.q.prompt, 'Match each definition with the term the text defines by it (“Tables”).');
    assert.equal(item.q.moduleIndex, 0);
  });
  test('matching: terms of modules too thin for a group make one about the whole text, by their pages', () => {
    // Two modules of two terms each, and one of a single term: no module has three.
    const thin = [
      defined('primary key', 'a column that identifies each row of a table', 3, 0),
      defined('foreign key', 'a column that refers to a row of another table', 4, 0),
      defined('index', 'a structure that finds rows without reading the whole table', 9, 1),
      defined('view', 'a stored query that other queries read like a table', 12, 1),
      defined('transaction', 'a unit of work that is done whole or not at all', 20, 2),
    ];
    const items = matchingItems(thin, mulberry32(1), words, isWord, ['Keys', 'Reading', 'Work']);
    assert.equal(items.length, 1, 'the two left after the surest three make none');
    const q = items[0]!.q;
    assert.ok(q.kind === 'matching');
    assert.deepEqual(
      q.pairs.map((p) => p.term),
      ['primary key', 'foreign key', 'index'],
      'the surest three, in the order of the text',
    );
    assert.equal(q.prompt, 'Match each definition with the term the text defines by it (pages 3, 4, 9).');
    assert.equal(q.moduleIndex, undefined, 'of no one module');
    assert.equal(
      matchingItems(thin.slice(0, 2), mulberry32(1), words, isWord).length,
      0,
      'two terms make no item',
    );
  });
  test('matching: the whole text makes more items of sure pairs only; the less sure make none of their own', () => {
    // Seven modules of one term each: five phrases (sure), then lone words (less sure: pair/lone-word).
    const many = [
      ['primary key', 'a column that identifies each row of a table'],
      ['foreign key', 'a column that refers to a row of another table'],
      ['stored procedure', 'a program kept in the database and run by name'],
      ['query plan', 'the steps the engine chose to answer a query'],
      ['index', 'a structure that finds rows without reading the whole table'],
      ['view', 'a stored query that other queries read like a table'],
      ['transaction', 'a unit of work that is done whole or not at all'],
    ].map(([term, gloss], i) => defined(term!, gloss!, 3 + i, i));
    const terms = (d: readonly Defined[]) =>
      matchingItems(d, mulberry32(1), words, isWord).map((m) =>
        m.q.kind === 'matching' ? m.q.pairs.map((p) => p.term) : [],
      );
    assert.deepEqual(
      terms(many),
      [['primary key', 'foreign key', 'stored procedure']],
      'query plan and three lone words left: no item',
    );
    const sure = [
      ...many,
      defined('data dictionary', 'the tables that describe the other tables', 30, 9),
      defined('row lock', 'a lock on one row that other writers wait for', 31, 10),
    ];
    assert.deepEqual(terms(sure), [
      ['primary key', 'foreign key', 'stored procedure'],
      ['query plan', 'data dictionary', 'row lock'],
    ]);
    // When too few sure pairs fit, the first item takes the less sure, as a module's group does.
    assert.deepEqual(terms(many.slice(3)), [['query plan', 'index', 'view']]);
  });
  test('short answer: the term and its variants; a lone common word only when it is a key term', () => {
    assert.deepEqual(acceptedAnswers('primary key', '', words, isWord), [
      'primary key',
      'primary keys',
      'primary-key',
    ]);
    assert.deepEqual(
      acceptedAnswers(
        'database management system',
        'A database management system (DBMS) stores data.',
        words,
        isWord,
      ),
      ['database management system', 'database management systems', 'DBMS'],
    );
    assert.deepEqual(acceptedAnswers('entry', '', words, isWord), ['entry', 'entries']);
    assert.deepEqual(
      acceptedAnswers(
        'Extensible Markup Language',
        'The Extensible Markup Language (XML) is a markup language.',
        words,
        isWord,
      ),
      ['Extensible Markup Language', 'XML'],
      'an abbreviation right after its term may take a letter from inside the first word',
    );
    assert.deepEqual(
      acceptedAnswers('markup language', 'XML (markup language) is read by parsers.', words, isWord),
      ['markup language', 'markup languages', 'markup-language'],
      'before its term, an abbreviation must start with the term’s first letter',
    );
    assert.deepEqual(
      acceptedAnswers('VBIC model', '', words, isWord),
      ['VBIC model', 'VBIC models', 'VBIC-model', 'VBIC'],
      'a name with its kind: the bare name is what a learner types',
    );
    for (const [term, word] of [
      ['Query language', 'Query'],
      ['C compiler', 'C'],
      ['Data model', 'Data'],
      // The lexicon lacks these common words and every compound: in lower case they are no names.
      ['runtime library', 'runtime'],
      ['third-party package', 'third-party'],
      ['config file', 'config'],
      ['init system', 'init'],
      ['plugin interface', 'plugin'],
      ['backend server', 'backend'],
      ['user-defined type', 'user-defined'],
      ['command-line option', 'command-line'],
      ['built-in function', 'built-in'],
    ] as const)
      assert.ok(
        !acceptedAnswers(term, '', words, isWord).includes(word),
        `"${word}" typed alone is a word or a letter, not the name of ${term}`,
      );
    assert.ok(
      !acceptedAnswers('EFI system partition', 'Run a system partitioning tool.', words, isWord).includes(
        'system partition',
      ),
      'the phrase alone must be written as a phrase, not inside a longer word',
    );
    assert.ok(
      acceptedAnswers('EFI system partition', 'Every system partition is small.', words, isWord).includes(
        'system partition',
      ),
      'the phrase written alone is accepted alone',
    );
    assert.deepEqual(acceptedAnswers('TCP protocol', '', words, isWord).at(-1), 'TCP', 'capitals are a name');
    assert.equal(
      acceptedAnswers('yosys-filterlib tool', '', words, isWord).at(-1),
      'yosys-filterlib',
      'a name in lower case that is no word is a name',
    );
    assert.ok(!acceptedAnswers('file system', '', words, isWord).includes('file'), '"file" is a word');
    assert.equal(words.otherNumber('statistical clinical data'), null, 'no "datas"');
    const items = shortAnswerItems(
      [
        defined('count', 'a value that grows'),
        defined('Memcheck', 'a memory error detector'),
        defined('file format', 'a standard COFF archive'),
      ],
      () => '',
      words,
      isWord,
    );
    assert.deepEqual(
      items.map((c) => (c.q as DraftOf<'short_answer'>).answers[0]),
      ['Memcheck'],
    );
  });
});

// HackRF and CLIPS manuals, fresh set 13: the gate reads the defining sentence itself with the one before it.
describe('the glossary gate: a term read with the sentence before its definition', () => {
  const chunk =
    'HackRF One produces a 10 MHz clock signal on CLKOUT. The signal is a 3.3 V, 10 MHz square wave. ' +
    'A fact is said to consist of a single field. A field is a placeholder that may have a value.';
  const entry = (term: string, definition: string) => ({
    term,
    definition,
    citations: [{ page: 1, chunkId: 'c' }],
  });
  const read = (term: string, definition: string) =>
    readEntry(
      entry(term, definition),
      0,
      lang,
      words,
      (t) => lang.analyser.tag(t),
      () => chunk,
    ).refusal;
  test('"The signal is …" after "clock signal" describes that one signal: refused', () => {
    assert.equal(read('signal', 'The signal is a 3.3 V, 10 MHz square wave.'), 'answer/referent-before');
  });
  test('"A field is …" after "a single field" defines the noun itself: asked', () => {
    assert.equal(read('field', 'A field is a placeholder that may have a value.'), null);
  });
});

describe('multiple answer from checked statements', () => {
  const tf = (prompt: string, answer: boolean, source: string, page: number): DraftOf<'true_false'> => ({
    kind: 'true_false',
    prompt: `True or false: ${prompt}`,
    answer,
    explanation: `From page ${page}: "${source}"`,
    sourcePage: page,
    moduleIndex: 0,
  });
  test('two or three true statements and one or two false ones of a module, each from its own sentence', () => {
    const statements = [
      tf(
        'A LEFT JOIN keeps every row of the left table.',
        true,
        'A LEFT JOIN keeps every row of the left table.',
        3,
      ),
      tf('An inner join keeps the matching rows.', true, 'An inner join keeps the matching rows.', 3),
      tf('A view is a stored query of the schema.', true, 'A view is a stored query of the schema.', 4),
      tf(
        'A RIGHT JOIN reads the table in blocks of 64 KB.',
        false,
        'A RIGHT JOIN reads the table in blocks of 16 KB.',
        3,
      ),
    ];
    // The false one changes a quantity (rules/quiz/listed.ts, falseoption/changed-quantity); a swapped term is
    // no false option.
    const [item] = multipleAnswerItems(statements, ['Joins'], mulberry32(2), lang);
    const swapped = statements.with(
      3,
      tf(
        'A RIGHT JOIN keeps every row of the left table.',
        false,
        'A RIGHT JOIN keeps every row of the right table.',
        3,
      ),
    );
    assert.equal(
      multipleAnswerItems(swapped, ['Joins'], mulberry32(2), lang).length,
      0,
      'no false option made by swapping terms',
    );
    assert.ok(item && item.q.kind === 'multiple_answer');
    const q = item.q;
    assert.match(
      q.prompt,
      /^Which of these statements does the text make \(“Joins”\)\? Select all that apply\.$/,
    );
    assert.equal(q.options.length, 4);
    const trues = statements.filter((s) => s.answer).map((s) => s.prompt.slice('True or false: '.length));
    assert.ok(
      q.answerIndexes.every((k) => trues.includes(q.options[k]!)),
      'every right option is a true statement',
    );
    assert.ok(
      !q.answerIndexes.some((k) => q.options[k]!.startsWith('A RIGHT JOIN')),
      'the false one is not right',
    );
    assert.equal(item.sources.length, 4, 'its four sentences are used up');
  });
});

describe('multiple answer: key bindings and sentences adding to the one before are not listed (fresh set 13)', () => {
  const tf = (text: string): DraftOf<'true_false'> => ({
    kind: 'true_false',
    prompt: `True or false: ${text}`,
    answer: true,
    explanation: `From page 22: "${text}"`,
    sourcePage: 22,
    moduleIndex: 0,
  });
  const source = 'The notation editor keeps a history of 256 bytes per pattern.';
  const falses = [{ text: falseByQuantity(source, words)!, source, page: 22, moduleIndex: 0 }];
  const itemsOf = (trues: string[]) =>
    multipleAnswerItems(trues.map(tf), ['Notation'], mulberry32(1), lang, falses).length;
  test('orders, table rows and "also" make no option; the same claims as statements do', () => {
    const toggles = 'The key toggles the audio pattern and gives audible feedback.';
    const plays = 'FFPlayer may be used to play back audio files.';
    assert.equal(itemsOf([toggles, plays]), 1, 'two true statements make an item');
    // Each bad statement beside a good one: the item is made only if its own rule lets it through.
    for (const [bad, other] of [
      ['Toggle audio pattern and give audible feedback.', plays],
      ['FFPlayer - may be used to play back audio files.', toggles],
      ['To record, you will also need a sound card.', toggles],
      ['The decoder behaves similarly.', plays],
    ] as const)
      assert.equal(itemsOf([bad, other]), 0, bad);
  });
});

describe('multiple answer: false options by a quantity a numerical item would ask, changed', () => {
  /** A checked true statement of module 0, page 3. */
  const tf = (text: string): DraftOf<'true_false'> => ({
    kind: 'true_false',
    prompt: `True or false: ${text}`,
    answer: true,
    explanation: `From page 3: "${text}"`,
    sourcePage: 3,
    moduleIndex: 0,
  });

  test('a quantity to ask is changed (doubled, or a small one raised by two); no quantity to ask, no option', () => {
    assert.equal(
      falseByQuantity('Path names are kept in buffers that start at 256 bytes in length.', words),
      'Path names are kept in buffers that start at 512 bytes in length.',
    );
    assert.equal(
      falseByQuantity('In the medium model the address space is 4 bits wide.', words),
      'In the medium model the address space is 6 bits wide.',
    );
    assert.equal(
      falseByQuantity('My current tape has almost 10 Gbytes of data.', words),
      null,
      'an anecdote',
    );
    assert.equal(falseByQuantity('The preoperative period is 1 day.', words), null, 'a singular unit');
    assert.equal(
      falseByQuantity('Most who die are 65 years and older.', words),
      null,
      'an age as a bound: "130 years and older" is absurd',
    );
    assert.equal(falseByQuantity('See page 42 for the 3 options.', words), null, 'no unit');
    for (const bound of ['Password must be at least 8 characters.', 'The link runs at up to 100 Mbit/s.'])
      assert.equal(falseByQuantity(bound, words), null, `a bound may still hold once changed: ${bound}`);
    assert.equal(
      falseByQuantity('The survey reached 60% of the households.', words),
      'The survey reached 30% of the households.',
      'a share is halved where doubling would pass 100%',
    );
    assert.equal(
      falseByQuantity('The survey reached 45% of the households.', words),
      'The survey reached 90% of the households.',
    );
    assert.equal(
      falseByQuantity('A queue holds 1000.0 MB.', words),
      'A queue holds 2000.0 MB.',
      'decimals as written',
    );
  });

  test('with two true statements of the module, a sentence whose quantity is changed makes an item', () => {
    const source = 'The postoperative period for major surgery is 90 days.';
    const falses = [{ text: falseByQuantity(source, words)!, source, page: 5, moduleIndex: 0 }];
    const trues = [
      tf('Modifier 66 is required for each surgeon of a team.'),
      tf('Unbundling is billing several codes for one procedure.'),
    ];
    assert.equal(multipleAnswerItems(trues, ['Surgery'], mulberry32(1), lang).length, 0, 'no false option');
    const [item] = multipleAnswerItems(trues, ['Surgery'], mulberry32(1), lang, falses);
    assert.ok(item && item.q.kind === 'multiple_answer');
    const wrong = item.q.options.findIndex((o) => o.includes('180 days'));
    assert.ok(
      wrong >= 0 && !item.q.answerIndexes.includes(wrong),
      'the changed quantity is the wrong option',
    );
    assert.equal(item.q.answerIndexes.length, 2);
  });

  test('a statement too long for a list is left out before grouping, not dropped with the only false option', () => {
    // PETSc users manual (fresh set 15): a 202-character true statement grouped with the one false option sank
    // both, so the 10-question multiple-answer quiz made none where the default quiz's smaller pool made one.
    const long = `The preconditioner is applied on the left by default, ${'which changes the residual that the solver monitors, '.repeat(3)}and so the norm it prints.`;
    assert.ok(long.length > 200);
    const source = 'The postoperative period for major surgery is 90 days.';
    const falses = [{ text: falseByQuantity(source, words)!, source, page: 5, moduleIndex: 0 }];
    const trues = [
      tf(long),
      tf('Modifier 66 is required for each surgeon of a team.'),
      tf('Unbundling is billing several codes for one procedure.'),
    ];
    for (let seed = 1; seed <= 6; seed++) {
      const [item] = multipleAnswerItems(trues, ['Surgery'], mulberry32(seed), lang, falses);
      assert.ok(item && item.q.kind === 'multiple_answer', `seed ${seed}: an item`);
      assert.ok(!item.q.options.includes(long), `seed ${seed}: the long statement is not an option`);
    }
  });
});

describe('selection', () => {
  test('quotas follow the shares (largest remainders), only kinds with a share', () => {
    assert.deepEqual(Object.fromEntries(quotas(10, { multiple_choice: 3, matching: 1, ordering: 1 })), {
      multiple_choice: 6,
      matching: 2,
      ordering: 2,
    });
  });
  test('levels filter; a kind short of candidates gives its places to others; no sentence twice', () => {
    const mc = (i: number, close: boolean): QuestionDraft => ({
      kind: 'multiple_choice',
      prompt: `Which key is number ${i}?`,
      options: close ? ['primary key', 'foreign key', 'sort key', 'view'] : ['key', 'view', 'index', 'table'],
      answerIndex: 0,
      explanation: 'x',
      sourcePage: 1,
    });
    const candidates = [
      // Sentences that differ by a word (ones that differ by a number only count as the same: AskedSentences).
      ...Array.from({ length: 6 }, (_, i) => made(mc(i, i % 2 === 0), [`sentence ${'abcdef'[i]}`])),
      made({ kind: 'ordering', prompt: 'Order', items: ['a', 'b', 'c'], explanation: 'x', sourcePage: 1 }, [
        'sentence a',
      ]),
    ];
    const medium = pickQuestions(
      candidates,
      5,
      { difficulty: ['medium'], minBloom: 'understand' },
      mulberry32(1),
    );
    assert.equal(medium.length, 3, 'the three close-distractor questions, understand (not fill-in), medium');
    const all = pickQuestions(candidates, 7, { kinds: { multiple_choice: 1, ordering: 1 } }, mulberry32(1));
    assert.equal(all.filter((q) => q.kind === 'ordering').length, 1);
    assert.equal(
      all.length,
      6,
      'the ordering item shares sentence a with a chosen question: one of the two goes',
    );
  });
});

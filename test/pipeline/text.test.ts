import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { profileOf } from '../../src/pipeline/language/index.ts';
import { isGoodSentence } from '../../src/pipeline/rules/sentences/shape.ts';
import {
  blankOut,
  containsTerm,
  distractors,
  sameKind,
  swapTerm,
  TermFinder,
  TermUses,
} from '../../src/pipeline/text/cloze.ts';
import { mulberry32, shuffled } from '../../src/pipeline/text/rng.ts';
import { splitSentences } from '../../src/pipeline/text/sentences.ts';
import { TermIndex } from '../../src/pipeline/text/terms.ts';

/** A language read statistically (TermIndex is how such languages find their key terms). */
const german = profileOf('de');

import { type Bag, bagOf, cosine, keySentences, spread, textRank } from '../../src/pipeline/text/textrank.ts';
import { findWhole } from '../../src/pipeline/text/whole-words.ts';
import { cjkTermParts, scan, splitCjk, tokens } from '../../src/pipeline/text/words.ts';

describe('sentences', () => {
  test('split at terminal punctuation, not after abbreviations, initials or decimals', () => {
    const text =
      'Enzymes speed up reactions, e.g. digestion. Dr. Smith measured 3.5 units. See Fig. 2 for J. Watson’s model! Is it right? Yes.';
    assert.deepEqual(splitSentences(text), [
      'Enzymes speed up reactions, e.g. digestion.',
      'Dr. Smith measured 3.5 units.',
      'See Fig. 2 for J. Watson’s model!',
      'Is it right?',
      'Yes.',
    ]);
    // A telephone extension and a department, as a newsletter writes them.
    assert.deepEqual(splitSentences('Call the nurse at ext. 54413. Our Dept. Head pays, tel. 555 0100.'), [
      'Call the nurse at ext. 54413.',
      'Our Dept. Head pays, tel. 555 0100.',
    ]);
    // "Mt.", "Mts." and "Ft." are abbreviations before a name, units after a number (stop 39's review).
    assert.deepEqual(splitSentences('The tower is 300 ft. It was finished in 1889. Mt. Everest is higher.'), [
      'The tower is 300 ft.',
      'It was finished in 1889.',
      'Mt. Everest is higher.',
    ]);
    assert.deepEqual(
      splitSentences('Global emissions reached 37,000 Mt. China emits the most. Ft. Sumter fell in 1861.'),
      ['Global emissions reached 37,000 Mt.', 'China emits the most.', 'Ft. Sumter fell in 1861.'],
    );
    assert.deepEqual(splitSentences('The Rocky Mts. run south. A hoop is 10 ft. above the floor.'), [
      'The Rocky Mts. run south.',
      'A hoop is 10 ft. above the floor.',
    ]);
  });

  test('split CJK full stops and blank lines', () => {
    assert.deepEqual(splitSentences('光合作用は反応です。葉緑体で行われる。'), [
      '光合作用は反応です。',
      '葉緑体で行われる。',
    ]);
    // Technical Japanese ends with the full-width full stop; between full-width digits it is a decimal point.
    assert.deepEqual(splitSentences('pTEX は組版エンジンである．版は３．５である．'), [
      'pTEX は組版エンジンである．',
      '版は３．５である．',
    ]);
    assert.deepEqual(splitSentences('Heading without stop\n\nBody text here.'), [
      'Heading without stop',
      'Body text here.',
    ]);
  });

  test('good sentences are prose of 6 to 60 words', () => {
    assert.ok(isGoodSentence('The Calvin cycle fixes carbon dioxide into sugar.'));
    assert.ok(!isGoodSentence('Too short to matter.'));
    assert.ok(!isGoodSentence(`${'word '.repeat(70)}end.`));
    assert.ok(!isGoodSentence('Table 3: 12 45 67 89 10 11 12 13 14.'));
    assert.ok(!isGoodSentence('Introduction ................................................ 12'));
    assert.ok(!isGoodSentence('continued from the previous page of the chapter here.'));
    assert.ok(!isGoodSentence('Debugging Valgrind with GDB ~~~~~~~~~~~~~~~~~~~ To debug it, run it.'));
    assert.ok(!isGoodSentence('See https://example.com/a/b/c/d for more.'));
    // A form's instruction in capitals is not a sentence to show; a few acronyms in one are.
    assert.ok(!isGoodSentence('VERIFIQUE SE MULHER TEM UMA CRIANÇA DE MENOS DE 5 ANOS E SE SIM CONTINUE.'));
    assert.ok(isGoodSentence('The VA and CMS share ICD-9 codes with the NCI registry every year.'));
  });
});

describe('tokens', () => {
  test('scan keeps phrase breaks; tokens lower-case and cut CJK into bigrams', () => {
    assert.deepEqual(scan('ATP, NADPH (light-dependent)'), [
      'ATP',
      ',',
      'NADPH',
      '(',
      'light-dependent',
      ')',
    ]);
    assert.deepEqual(tokens('Über 光合作用'), ['über', '光合', '合作', '作用']);
    assert.deepEqual(splitCjk('DNA複製'), ['DNA', '複製']);
  });
});

describe('TermIndex', () => {
  const docs = [
    [
      'The Calvin cycle uses carbon dioxide.',
      'The Calvin cycle runs in the stroma.',
      'Leaves take in carbon dioxide.',
    ],
    ['Chlorophyll absorbs light.', 'Chlorophyll is green.', 'Light reactions split water.'],
    ['A primary key identifies a row.', 'Each table has a primary key.', 'SQL queries read the table.'],
  ];
  const index = TermIndex.fromTexts(docs, german);

  test('finds each document’s distinctive terms in their usual spelling', () => {
    assert.deepEqual(index.top([0], 2), ['Calvin cycle', 'carbon dioxide']);
    assert.equal(index.top([1], 1)[0], 'Chlorophyll');
    assert.ok(index.top([2], 3).includes('primary key'));
  });

  test('terms are words of 3+ letters, never stopwords or numbers, and do not overlap', () => {
    const idx = TermIndex.fromTexts([['In 2021 the 42 ab of the enzyme and the enzymes of it.']], german);
    assert.deepEqual(idx.top([0], 5), ['enzyme']);
    for (const t of index.top([0, 1, 2], 15)) assert.match(t, /^\p{L}[\p{L} -]*\p{L}$/u);
  });

  test('a word twice in a row is two cells of a table; German and Portuguese function words are no terms', () => {
    // The header row of a table's two columns, in a document that says "percentagem" elsewhere too.
    const rows = Array.from({ length: 6 }, (_, i) => `Quadro ${i}: Percentagem Percentagem de mulheres.`);
    const table = TermIndex.fromTexts(
      [rows, ['A percentagem de redes.'], ['A percentagem de casas.'], ['A percentagem de escolas.']],
      profileOf('pt'),
    );
    const tableTop = table.top([0], 5, { minCount: 1 });
    assert.ok(
      !tableTop.includes('Percentagem Percentagem') && tableTop.includes('Percentagem'),
      tableTop.join(),
    );
    const notes = TermIndex.fromTexts(
      [
        [
          'Vielen Dank an alle, die mir geholfen haben, vorausgesetzt sie heißt Hilfe.',
          'Falls X kompakt ist, folgt daraus, dass mir der Raum kompakt heißt.',
          'Cerca de 70 por cento das mulheres dormiram debaixo de uma rede alguma vez.',
        ],
      ],
      german,
    );
    const top = notes.top([0], 20, { minCount: 1 }).map((t) => t.toLowerCase());
    for (const w of ['mir', 'vorausgesetzt', 'heißt', 'folgt', 'falls', 'cento', 'vez', 'cerca'])
      assert.ok(!top.some((t) => t.split(' ').includes(w)), `${w} in ${top.join(', ')}`);
    assert.ok(top.includes('kompakt') && top.includes('rede'), top.join(', '));
  });
});

describe('Japanese key terms', () => {
  const sentences = (text: string) => splitSentences(text).map(scan);
  const index = new TermIndex(
    [
      sentences(
        '漢字フォントのファイルを読み込む。フォントの大きさはファイルに書かれている。漢字フォントは縦組にも使う。',
      ),
      sentences('縦組の行送りを設定する。縦組ではフォントのベースラインを移動する。'),
      sentences('JFM用のファイルを作成して下さい。その場合は注意が必要である。'),
    ],
    profileOf('ja'),
  );

  test('a run without spaces gives its katakana words and kanji compounds; kana and lone characters are dropped', () => {
    assert.deepEqual(cjkTermParts('漢字フォントディレクトリ内の漢字フォント用'), [
      '漢字',
      'フォントディレクトリ',
      '漢字',
      'フォント',
    ]);
    assert.deepEqual(cjkTermParts('JFM用のファイル'), ['JFM', 'ファイル']);
    assert.deepEqual(cjkTermParts('这是一个很长的中文句子没有任何标点'), []);
  });

  test('TF-IDF ranks them like other terms; common compounds (場合, 必要) never count', () => {
    const top = index.top([0, 1, 2], 12, { minCount: 1 });
    assert.ok(top.includes('フォント') && top.includes('縦組') && top.includes('ファイル'), top.join(' '));
    assert.ok(!top.includes('場合') && !top.includes('必要'), top.join(' '));
    assert.ok(top.includes('JFM'), top.join(' '));
  });

  test('quizzes find, blank and swap them inside runs, with distractors in the same script', () => {
    const text = '漢字フォントのファイルを読み込む。';
    assert.deepEqual(new TermFinder(['ファイル', '縦組', 'JFM']).find(text), ['ファイル']);
    assert.equal(blankOut(text, 'ファイル'), '漢字フォントの_____を読み込む。');
    assert.equal(swapTerm(text, 'ファイル', 'テーブル'), '漢字フォントのテーブルを読み込む。');
    assert.ok(sameKind('ファイル', 'テーブル'));
    assert.ok(!sameKind('ファイル', '縦組') && !sameKind('ファイル', 'table'));
  });
});

describe('TextRank', () => {
  test('picks central sentences, in document order, skipping near-duplicates', () => {
    const sentences = [
      'Photosynthesis turns light into chemical energy in plants.',
      'My cat sleeps all day.',
      'Plants use light energy for photosynthesis in chloroplasts.',
      'Plants use light energy for photosynthesis in chloroplasts!',
      'Chloroplasts capture light energy for plants.',
    ];
    const picked = keySentences(
      sentences.map((s) => bagOf(s)),
      2,
    );
    assert.equal(picked.length, 2);
    assert.ok(!picked.includes(1));
    assert.ok(!(picked.includes(2) && picked.includes(3)));
    assert.deepEqual(
      [...picked].sort((a, b) => a - b),
      picked,
    );
  });

  test('scores exactly as the power iteration over every pair of sentences does', () => {
    // Bags of random words from a small vocabulary (most pairs share some, some none), and empty ones.
    const rng = mulberry32(7);
    const vocabulary = Array.from({ length: 40 }, (_, i) => `word${i}`);
    const bags: Bag[] = Array.from({ length: 60 }, (_, i) => {
      const words =
        i % 13 === 0
          ? []
          : Array.from({ length: 1 + Math.floor(rng() * 8) }, () => vocabulary[Math.floor(rng() * 40)]!);
      return bagOf(words.join(' '));
    });
    assert.deepEqual([...textRank(bags)], [...allPairsTextRank(bags)]);
  });

  test('spread samples evenly', () => {
    assert.deepEqual(spread(10, 5), [0, 2, 4, 6, 8]);
    assert.deepEqual(spread(3, 5), [0, 1, 2]);
  });
});

describe('cloze helpers', () => {
  test('whole-word matching, blanking and swapping keep capitals', () => {
    const finder = new TermFinder(['ATP', 'light', 'Calvin cycle']);
    assert.deepEqual(finder.find('ATP feeds the Calvin   cycle; lightning is not light.'), [
      'ATP',
      'Calvin cycle',
      'light',
    ]);
    assert.deepEqual(finder.find('Lightning and calvinism.'), []);
    assert.equal(blankOut('Light drives the light reactions.', 'light'), '_____ drives the light reactions.');
    assert.equal(swapTerm('Chlorophyll absorbs light.', 'chlorophyll', 'rubisco'), 'Rubisco absorbs light.');
  });

  test('same kind: word count, capitals, no shared word or substring', () => {
    assert.ok(sameKind('chlorophyll', 'rubisco'));
    assert.ok(!sameKind('chlorophyll', 'Calvin'));
    assert.ok(!sameKind('Calvin cycle', 'cycle'));
    assert.ok(!sameKind('light reactions', 'light energy'));
    assert.ok(!sameKind('index', 'indexes'));
  });

  test('distractors avoid the stem and each other, and follow the seed', () => {
    const pool = ['chlorophyll', 'rubisco', 'stroma', 'thylakoid', 'glucose', 'Calvin', 'database'];
    const a = distractors('chlorophyll', 'The _____ is green like the stroma.', pool, 3, mulberry32(1));
    assert.equal(a.length, 3);
    assert.ok(!a.includes('stroma') && !a.includes('Calvin') && !a.includes('chlorophyll'));
    assert.deepEqual(
      a,
      distractors('chlorophyll', 'The _____ is green like the stroma.', pool, 3, mulberry32(1)),
    );
  });

  test('mulberry32 is reproducible and shuffles differ by seed', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    assert.deepEqual(shuffled(items, mulberry32(5)), shuffled(items, mulberry32(5)));
    assert.notDeepEqual(shuffled(items, mulberry32(5)), shuffled(items, mulberry32(6)));
    assert.deepEqual(
      [...shuffled(items, mulberry32(5))].sort((a, b) => a - b),
      items,
    );
  });
});

describe('findWhole', () => {
  test('whole words in any case; joiners keep identifiers whole; odd spacing takes the RegExp way', () => {
    assert.deepEqual(findWhole('A Heap Block is freed.', 'heap block'), { at: 2, length: 10 });
    assert.equal(findWhole('The heap blocks are freed.', 'heap block'), null);
    assert.equal(findWhole('The student_id column.', 'student', '_-'), null);
    assert.deepEqual(findWhole('The student_id column.', 'student'), { at: 4, length: 7 });
    assert.deepEqual(findWhole('A heap\n  block here.', 'heap block'), { at: 2, length: 12 });
    assert.deepEqual(findWhole('İstanbul has a heap block.', 'heap block'), { at: 15, length: 10 });
  });

  test('TermUses answers as containsTerm does, text by text, however often it is asked', () => {
    const texts = [
      'The heap blocks are freed.',
      'A Heap Block is freed.',
      'A heap\n  block here, again.',
      'İstanbul has a heap block.',
      '光合作用は葉緑体で行われる。',
      'No term here at all.',
    ];
    const uses = new TermUses(texts);
    for (const term of ['heap block', ' Heap  Block ', '葉緑体', 'term', 'absent', '']) {
      const expected = texts.map((t) => containsTerm(t, term));
      assert.equal(uses.firstText(term), texts[expected.indexOf(true)], term);
      assert.equal(uses.count(term, 2), Math.min(2, expected.filter(Boolean).length), term);
      assert.deepEqual(uses.usedIn(term), expected, term);
      assert.equal(uses.count(term, 1), Math.min(1, expected.filter(Boolean).length), term);
    }
  });
});

/** TextRank as defined: the cosine of every pair of bags, the edges of each sentence in ascending order. */
function allPairsTextRank(bags: readonly Bag[], damping = 0.85, iterations = 20): number[] {
  const n = bags.length;
  const weight = bags.map((a) => bags.map((b) => (a === b ? 0 : cosine(a, b))));
  const outSum = weight.map((row) => row.reduce((sum, w) => sum + w, 0));
  let score = Array<number>(n).fill(1 / n);
  for (let round = 0; round < iterations; round++) {
    const next = Array<number>(n).fill((1 - damping) / n);
    for (let j = 0; j < n; j++) {
      if (outSum[j] === 0) continue;
      const share = (damping * score[j]!) / outSum[j]!;
      for (let i = 0; i < n; i++) if (weight[j]![i]! !== 0) next[i]! += weight[j]![i]! * share;
    }
    score = next;
  }
  return score;
}

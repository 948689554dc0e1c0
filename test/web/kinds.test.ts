/**
 * Every kind of question in the app, in headless Chromium against the API on real services (PostgreSQL, Chroma,
 * Redis), on a stored quiz that holds all seven: taken from the keyboard (check boxes with Space, a drop-down per
 * definition, a typed term and number, items moved with their ↑ buttons) and scored; wrong answers shown with the
 * right one; reviewed (levels shown, a matching question and the levels edited, a question switched to another
 * kind); an export that leaves a kind out says so. Desktop and phone width; every control has a name; the
 * screenshots go to test-artifacts/web/ (kinds-*).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { type Quiz, QuizSchema } from '../../src/domain/course.ts';
import { answerText as exportedAnswer } from '../../src/export/text.ts';
import { getQuiz, saveProcessedDocument, saveQuiz } from '../../src/store/index.ts';
import { fixtureDocument } from '../support/api.ts';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';
import { collectErrors, launchChromium, shooter, signInWith } from '../support/chromium.ts';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/web/', import.meta.url));
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

const common = {
  explanation: 'From page 1: "Photosynthesis turns light into chemical energy."',
  sourcePage: 1,
};

/** A quiz with one question of each kind, every one with its levels. */
function everyKind(): Quiz {
  return QuizSchema.parse({
    title: 'Plants: quiz',
    seed: 3,
    generator: { name: 'fixture', version: '1' },
    questions: [
      {
        ...common,
        kind: 'multiple_choice',
        prompt: 'Fill in the blank: _____ turns light into chemical energy.',
        options: ['Respiration', 'Photosynthesis', 'Digestion', 'Erosion'],
        answerIndex: 1,
        difficulty: 'easy',
        bloom: 'remember',
      },
      {
        ...common,
        kind: 'true_false',
        prompt: 'True or false: Glucose stores energy.',
        answer: true,
        difficulty: 'easy',
        bloom: 'remember',
      },
      {
        ...common,
        kind: 'multiple_answer',
        prompt: 'Which of these does the text say about photosynthesis?',
        options: [
          'It uses light.',
          'It stores energy in glucose.',
          'It happens at night only.',
          'It needs chlorophyll.',
        ],
        answerIndexes: [0, 1, 3],
        difficulty: 'medium',
        bloom: 'understand',
      },
      {
        ...common,
        kind: 'matching',
        prompt: 'Match each definition with its term.',
        pairs: [
          { term: 'chlorophyll', definition: 'the green pigment that absorbs light' },
          { term: 'glucose', definition: 'the sugar that stores the energy' },
          { term: 'stomata', definition: 'the pores through which a leaf takes in air' },
        ],
        difficulty: 'medium',
        bloom: 'understand',
      },
      {
        ...common,
        kind: 'short_answer',
        prompt: 'Which term does the text define as “the process that turns light into chemical energy”?',
        answers: ['photosynthesis', 'photo-synthesis'],
        difficulty: 'medium',
        bloom: 'remember',
      },
      {
        ...common,
        kind: 'numerical',
        prompt: 'How many hours of light does the plant of the text need a day?',
        answer: 12.5,
        tolerance: 0.5,
        unit: 'hours',
        difficulty: 'medium',
        bloom: 'remember',
      },
      {
        ...common,
        kind: 'ordering',
        prompt: 'Put the steps of photosynthesis in the order the text gives them.',
        items: ['Light reaches the leaf.', 'Chlorophyll absorbs it.', 'Water is split.', 'Glucose is made.'],
        difficulty: 'medium',
        bloom: 'apply',
      },
    ],
  });
}

describe('every kind of question in the app (headless Chromium)', { timeout: 240_000 }, () => {
  let fx: ApiFixture;
  let browser: Browser;
  let base = '';
  let courseId = '';
  let quizId = '';
  const errors: string[] = [];

  const shot = shooter(SHOTS, 'kinds');
  const watch = (p: Page) => {
    collectErrors(p, errors);
    p.on('dialog', (d) => void d.accept());
  };

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    fx = await startApiFixture();
    const doc = fixtureDocument(createHash('sha256').update('kinds').digest('hex'), 'plants.pdf');
    const saved = await saveProcessedDocument(fx.deps.db, doc);
    courseId = saved.courseId;
    quizId = await saveQuiz(fx.deps.db, courseId, everyKind());
    await fx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(fx.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await fx?.stop();
  });

  /** Answers every question right, from the keyboard where a person would. */
  async function answerRight(p: Page) {
    const q = (i: number) => `fieldset[data-question="${i}"]`;
    await p.click(`${q(0)} label:has-text("Photosynthesis")`);
    await p.click(`${q(1)} label:has-text("True")`);
    for (const k of [0, 1, 3]) {
      await p.focus(`${q(2)} input[value="${k}"]`);
      await p.keyboard.press('Space');
    }
    await p.selectOption('#q3-m0', { label: 'chlorophyll' });
    await p.selectOption('#q3-m1', { label: 'glucose' });
    await p.selectOption('#q3-m2', { label: 'stomata' });
    await p.fill('#q4-answer', '  Photo-Synthesis. ');
    await p.fill('#q5-answer', '12,8');
    // Ordering: bring each item to its place with its "up" button and Enter.
    for (let target = 0; target < 4; target++) {
      for (;;) {
        const order = (await p.$$eval(`${q(6)} .order-item`, (els) =>
          els.map((e) => Number((e as unknown as { dataset: Record<string, string> }).dataset.item)),
        )) as number[];
        const at = order.indexOf(target);
        if (at === target) break;
        await p.focus(`${q(6)} .order-item[data-item="${target}"] button[data-move="up"]`);
        await p.keyboard.press('Enter');
      }
    }
    assert.match(
      (await p.textContent(`${q(6)} [aria-live]`)) ?? '',
      /is now \d of 4/,
      'the move is announced',
    );
  }

  test('desktop: every kind answered from the keyboard and scored right; wrong answers show the right one', async () => {
    const context = await signInWith(await browser.newContext({ viewport: DESKTOP }), fx.adminKey);
    const p = await context.newPage();
    watch(p);
    const scripts: { url: string; encoding: string | undefined; cache: string | undefined }[] = [];
    p.on('response', (res) => {
      if (/\/app\/.*\.js/.test(res.url()))
        scripts.push({
          url: res.url(),
          encoding: res.headers()['content-encoding'],
          cache: res.headers()['cache-control'],
        });
    });
    await p.goto(`${base}/#/course/${courseId}/quiz/${quizId}`);
    await p.waitForSelector('form.take-quiz');
    assert.equal(await p.locator('fieldset.question').count(), 7);
    assert.deepEqual(
      await p.$$eval('fieldset.question', (els) =>
        els.map((e) => (e as unknown as { dataset: Record<string, string> }).dataset.kind),
      ),
      [
        'multiple_choice',
        'true_false',
        'multiple_answer',
        'matching',
        'short_answer',
        'numerical',
        'ordering',
      ],
    );
    const startOrder = await p.$$eval('fieldset[data-question="6"] .order-item', (els) =>
      els.map((e) => Number((e as unknown as { dataset: Record<string, string> }).dataset.item)),
    );
    assert.notDeepEqual(startOrder, [0, 1, 2, 3], 'the items start mixed');
    // Every module came by its versioned URL (the import map), Brotli-compressed, to be kept a year.
    assert.ok(scripts.length >= 8, scripts.map((s) => s.url).join(' '));
    for (const s of scripts) {
      assert.match(s.url, /\?v=[\w-]{20}$/);
      assert.equal(s.encoding, 'br', s.url);
      assert.match(s.cache ?? '', /immutable/, s.url);
    }
    await answerRight(p);
    await shot(p, 'desktop-quiz-answered');
    await p.click('button:has-text("Check my answers")');
    await p.waitForSelector('#score:not([hidden])');
    assert.match((await p.textContent('#score')) ?? '', /^7 of 7 right/);
    assert.equal(await p.locator('fieldset[data-result="correct"]').count(), 7);
    await shot(p, 'desktop-quiz-checked');

    await p.click('button:has-text("Try again")');
    await p.selectOption('#q3-m0', { label: 'glucose' });
    await p.fill('#q5-answer', '14');
    await p.fill('#q4-answer', 'respiration');
    await p.click('button:has-text("Check my answers")');
    await p.waitForSelector('#score:not([hidden])');
    assert.match((await p.textContent('#score')) ?? '', /^0 of 7 right/);
    assert.equal(await p.getAttribute('fieldset[data-question="2"]', 'data-result'), 'unanswered');
    assert.equal(await p.getAttribute('fieldset[data-question="3"]', 'data-result'), 'wrong');
    assert.match(
      (await p.textContent('fieldset[data-question="3"] .feedback')) ?? '',
      /The answer:chlorophyll → the green pigment that absorbs lightglucose → the sugar/,
    );
    assert.match(
      (await p.textContent('fieldset[data-question="5"] .feedback')) ?? '',
      /12\.5 hours \(± 0\.5\)/,
    );
    // The answer in words is the exports' (one module, src/web/question-text.js, for both).
    for (const [i, q] of everyKind().questions.entries())
      if (['multiple_choice', 'true_false', 'short_answer', 'numerical'].includes(q.kind))
        assert.ok(
          ((await p.textContent(`fieldset[data-question="${i}"] .feedback`)) ?? '').includes(
            `The answer is ${exportedAnswer(q)}`,
          ),
          `question ${i + 1} (${q.kind}) shows the exported answer "${exportedAnswer(q)}"`,
        );
    await shot(p, 'desktop-quiz-wrong');
    await context.close();
  });

  test('review: levels shown; a matching question and its levels edited; a question switched to short answer', async () => {
    const context = await signInWith(
      await browser.newContext({ viewport: DESKTOP, acceptDownloads: true }),
      fx.adminKey,
    );
    const p = await context.newPage();
    watch(p);
    await p.goto(`${base}/#/course/${courseId}/review/${quizId}`);
    await p.waitForSelector('.review-card');
    assert.equal(await p.locator('.review-card').count(), 7);
    assert.match((await p.textContent('[data-question="6"] .levels')) ?? '', /medium\s*apply/);
    assert.match((await p.textContent('[data-question="3"] .pairs')) ?? '', /chlorophyll.*the green pigment/);
    await shot(p, 'desktop-review');

    await p.click('[data-question="3"] button:has-text("Edit")');
    await p.waitForSelector('#q3-pair0-term');
    await p.fill('#q3-pair0-term', 'chlorophyll a');
    await p.selectOption('#q3-difficulty', 'hard');
    await shot(p, 'desktop-review-edit-matching');
    await p.click('[data-question="3"] button:has-text("Save")');
    await p.waitForSelector('#review-status:has-text("Question 4 saved.")');
    let stored = (await getQuiz(fx.deps.db, quizId))!.quiz.questions[3]!;
    assert.ok(stored.kind === 'matching' && stored.pairs[0]!.term === 'chlorophyll a');
    assert.equal(stored.difficulty, 'hard');

    // A true/false question becomes a short answer: its levels are the rule's for the new kind.
    await p.click('[data-question="1"] button:has-text("Edit")');
    await p.selectOption('#q1-kind', 'short_answer');
    await p.fill('#q1-prompt', 'What stores the energy, according to the text?');
    await p.fill('#q1-answers', 'glucose\nsugar');
    await p.click('[data-question="1"] button:has-text("Save")');
    await p.waitForSelector('#review-status:has-text("Question 2 saved.")');
    stored = (await getQuiz(fx.deps.db, quizId))!.quiz.questions[1]!;
    assert.ok(stored.kind === 'short_answer');
    assert.deepEqual(
      [stored.answers, stored.difficulty, stored.bloom],
      [['glucose', 'sugar'], 'medium', 'remember'],
    );

    // A duplicate item is refused with the API's reason, in the form.
    await p.click('[data-question="6"] button:has-text("Edit")');
    await p.fill('#q6-items', 'One.\nTwo.\nOne.');
    await p.click('[data-question="6"] button:has-text("Save")');
    await p.waitForSelector('[data-question="6"] .error:not([hidden])');
    assert.equal(await p.textContent('[data-question="6"] .error'), 'Question 7: items 1 and 3 are the same');
    await p.click('[data-question="6"] button:has-text("Cancel")');

    const [download] = await Promise.all([p.waitForEvent('download'), p.click('button[data-format="gift"]')]);
    assert.match(download.suggestedFilename(), /\.gift\.txt$/);
    await p.waitForSelector('.export-status:has-text("left out")');
    assert.match(
      (await p.textContent('.export-status')) ?? '',
      /gift: 1 ordering question left out \(GIFT has no ordering question\)\./,
    );
    await context.close();
  });

  test('phone width: the quiz and review of every kind fit the screen and work by touch', async () => {
    const context = await signInWith(
      await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true }),
      fx.adminKey,
    );
    const p = await context.newPage();
    watch(p);
    const fits = async (what: string) => {
      const overflow = Number(await p.evaluate('document.documentElement.scrollWidth')) - PHONE.width;
      assert.ok(overflow <= 1, `${what}: ${overflow}px wider than the screen`);
    };
    await p.goto(`${base}/#/course/${courseId}/quiz/${quizId}`);
    await p.waitForSelector('form.take-quiz');
    await fits('quiz');
    await shot(p, 'phone-quiz');
    await p.tap('fieldset[data-question="6"] .order-item:nth-child(2) button[data-move="up"]');
    await p.click('button:has-text("Check my answers")');
    await p.waitForSelector('#score:not([hidden])');
    await fits('quiz checked');
    await shot(p, 'phone-quiz-checked');
    await p.goto(`${base}/#/course/${courseId}/review/${quizId}`);
    await p.waitForSelector('.review-card');
    await p.click('[data-question="3"] button:has-text("Edit")');
    await p.waitForSelector('#q3-pair0-term');
    await fits('review editor');
    await shot(p, 'phone-review-edit');
    await context.close();
    assert.deepEqual(errors, []);
  });
});

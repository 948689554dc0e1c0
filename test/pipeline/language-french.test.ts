/**
 * A French document gets the quiz of a language read statistically (docs/pipeline.md, "Other languages"): cloze,
 * true/false and multiple answer of their statements, never the kinds and rules that need English's quiz words and
 * analyser (matching, short answer, numerical, ordering, definition questions). Issue #24's fourteenth reading: a
 * French quick start (lisaac) in an English set.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Section } from '../../src/domain/document.ts';
import { QUESTION_KINDS, type QuestionKind } from '../../src/domain/questions.ts';
import { generateCourse } from '../../src/pipeline/course.ts';
import { type LanguageProfile, loadEnglishProfile, profileOf } from '../../src/pipeline/language/index.ts';
import { groupMakers } from '../../src/pipeline/quiz/kinds/index.ts';
import { generateQuiz } from '../../src/pipeline/quiz.ts';
import { mulberry32 } from '../../src/pipeline/text/rng.ts';
import { chunksOf } from '../support/course-fixture.ts';

const PARAGRAPHS = [
  'Un prototype est un objet qui sert de modèle à la création des autres objets du programme.',
  'Un slot est un service rendu par un objet, et chaque slot est préfixé par le signe plus ou le signe moins.',
  'Le compilateur est un programme qui traduit le code source en langage C avant la compilation native.',
  'Pour installer le compilateur, suivez les étapes suivantes : 1. Téléchargez l’archive du compilateur. 2. Décompressez l’archive dans votre répertoire. 3. Lancez le script d’installation du compilateur.',
  'La mémoire réservée par le compilateur est de 64 mégaoctets, et la compilation dure environ 12 secondes.',
  'Le garbage collector libère la mémoire des objets qui ne sont plus référencés par le programme.',
  'Une méthode est un slot dont la valeur est un bloc de code exécuté à chaque appel sur un objet.',
  'Un parent est un slot qui désigne un autre objet, dans lequel la recherche continue quand un slot manque.',
];

function french() {
  const sections: Section[] = [0, 1].map((index) => ({
    index,
    title: index === 0 ? 'Présentation rapide' : 'Installation du compilateur',
    level: 1,
    path: [index === 0 ? 'Présentation rapide' : 'Installation du compilateur'],
    pageStart: index + 1,
    pageEnd: index + 1,
    paragraphs: PARAGRAPHS.map((text) => ({ text, page: index + 1, pageEnd: index + 1 })).filter(
      (_, k) => k % 2 === index,
    ),
  }));
  return {
    documentId: 'french0000000000',
    fileName: 'quick-start.pdf',
    pageCount: 2,
    structure: { title: 'Lisaac : démarrage rapide', sections, source: 'outline' as const },
    chunks: chunksOf(sections, 'french0000000000'),
  };
}

/** The kinds a quiz of this language may hold; the others need English's quiz words and analyser. */
const STATISTICAL_KINDS: readonly QuestionKind[] = ['multiple_choice', 'true_false', 'multiple_answer'];

async function kindsMade(language: 'fr' | 'en') {
  const input = french();
  const course = await generateCourse({ ...input, language });
  const made = new Set<QuestionKind>();
  for (const kind of QUESTION_KINDS) {
    const quiz = await generateQuiz({
      course,
      chunks: input.chunks,
      count: 10,
      seed: 1,
      kinds: { [kind]: 1 },
    }).catch(() => null);
    for (const q of quiz?.questions ?? []) made.add(q.kind);
  }
  return { course, made };
}

describe('a French document gets no English quiz rules', () => {
  test('told French; its quizzes hold cloze, true/false and multiple answer only, as if it were asked for others', async () => {
    const { course, made } = await kindsMade('fr');
    assert.equal((await generateCourse(french())).language, 'fr', 'told from the text');
    assert.equal(course.language, 'fr');
    assert.ok(made.has('multiple_choice') && made.has('true_false'), [...made].join(', '));
    const english = [...made].filter((k) => !STATISTICAL_KINDS.includes(k));
    assert.deepEqual(english, [], 'no English-only kind in a French quiz');
  });

  test('the group makers of French are multiple answer alone; English adds the kinds of its quiz words', async () => {
    const input = french();
    const course = await generateCourse({ ...input, language: 'fr' });
    const scope = course.modules.map((module, index) => ({ module, index }));
    const ids = (lang: LanguageProfile) =>
      groupMakers({ course, scope, chunks: input.chunks }, lang, mulberry32(1)).map((g) => g.id);
    assert.deepEqual(ids(profileOf('fr')), ['multiple-answer']);
    assert.deepEqual(ids(await loadEnglishProfile()), [
      'multiple-answer',
      'ordering',
      'matching',
      'short-answer',
      'numerical',
    ]);
  });
});

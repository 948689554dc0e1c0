/** `GET /api/quizzes/:id`: a stored quiz with its questions and answers. */
import type { FastifyInstance } from 'fastify';
import { getQuiz } from '../../store/index.ts';
import type { ApiDeps } from '../deps.ts';
import { errorResponses, notFound } from '../errors.ts';
import { idParamsSchema, storedQuizSchema } from '../schemas.ts';

export async function quizRoutes(app: FastifyInstance, opts: { deps: ApiDeps }): Promise<void> {
  const { db } = opts.deps;
  app.get<{ Params: { id: string } }>(
    '/api/quizzes/:id',
    {
      schema: {
        summary: 'One quiz',
        tags: ['quizzes'],
        params: idParamsSchema,
        response: { 200: storedQuizSchema, ...errorResponses },
      },
    },
    async (request) => {
      const quiz = await getQuiz(db, request.params.id);
      if (!quiz) throw notFound('quiz', request.params.id);
      return quiz;
    },
  );
}

// The public feedback page: GET shows the questions for a link's token, POST records the answer
// once. No device token here: the link's own token is the only key, and it opens one order.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseFeedbackAnswer } from '../src-shared/feedback';
import type { Sql } from './db';
import {
  FEEDBACK_PAGE_CSP,
  feedbackFormPage,
  feedbackThanksPage,
  feedbackUnknownPage,
  feedbackUsedPage,
} from './feedbackPage';
import { answerFeedbackRequest, openFeedbackRequest } from './feedbackRequests';

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', FEEDBACK_PAGE_CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

export function registerFeedbackRoutes(
  app: FastifyInstance,
  sql: Sql,
  announce: (storeId: string) => Promise<void>,
): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    scope.get<{ Params: { token: string } }>('/feedback/:token', async (request, reply) => {
      const { token } = request.params;
      const open = TOKEN.test(token) ? await openFeedbackRequest(sql, token) : { state: 'unknown' as const };
      if (open.state === 'unknown') return html(reply, 404, feedbackUnknownPage());
      if (open.state === 'answered') return html(reply, 410, feedbackUsedPage());
      return html(
        reply,
        200,
        feedbackFormPage({ store: open.store, orderNumber: open.order.number, action: `/feedback/${token}` }),
      );
    });

    scope.post<{ Params: { token: string } }>('/feedback/:token', async (request, reply) => {
      const { token } = request.params;
      const open = TOKEN.test(token) ? await openFeedbackRequest(sql, token) : { state: 'unknown' as const };
      if (open.state === 'unknown') return html(reply, 404, feedbackUnknownPage());
      if (open.state === 'answered') return html(reply, 410, feedbackUsedPage());
      const body = (request.body ?? {}) as Record<string, unknown>;
      const parsed = parseFeedbackAnswer(body);
      if (!parsed.ok) {
        const values = Object.fromEntries(
          ['satisfaction', 'recommend', 'comment'].map((k) => [
            k,
            typeof body[k] === 'string' ? body[k] : '',
          ]),
        );
        return html(
          reply,
          400,
          feedbackFormPage({
            store: open.store,
            orderNumber: open.order.number,
            action: `/feedback/${token}`,
            values,
            problems: parsed.problems,
          }),
        );
      }
      const answered = await answerFeedbackRequest(sql, token, parsed.answer);
      if (!answered.ok) {
        return answered.state === 'answered'
          ? html(reply, 410, feedbackUsedPage())
          : html(reply, 404, feedbackUnknownPage());
      }
      await announce(answered.storeId).catch((error: unknown) => {
        request.log.warn({ err: error }, 'could not announce the feedback; desks will poll');
      });
      request.log.info({ storeId: answered.storeId }, 'feedback recorded');
      return html(reply, 200, feedbackThanksPage(open.store));
    });
  });
}

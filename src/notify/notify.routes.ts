import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context.js';
import {
  AUTHENTICATED_ERRORS,
  DateTime,
  errorResponses,
  Nullable,
} from '../platform/http/schemas.js';
import { pickLocale } from '../platform/locale.js';
import { myNotifications } from './notifications.service.js';

export const notifyRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/me/notifications',
    {
      schema: {
        tags: ['notify'],
        summary: 'Your in-app messages, newest first, in your language',
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              template: Type.String(),
              subjectId: Type.String(),
              text: Type.String(),
              sentAt: DateTime,
              readAt: Nullable(DateTime),
            }),
          ),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) =>
      myNotifications(ctx, request.principal, pickLocale(request.headers['accept-language'])),
  );
};

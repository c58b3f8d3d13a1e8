import { z } from 'zod';
import type { Deps } from '../deps';
import { defineRoute } from '../http/route';

export const healthSchema = z.object({ status: z.literal('ok'), time: z.int(), database: z.literal('ok') });

/** The OpenAPI document, filled in once every route is known. */
export interface DocumentRef {
  current: unknown;
}

export function systemRoutes(deps: Deps, document: DocumentRef) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      summary: 'Liveness and database check',
      tag: 'system',
      access: 'public',
      response: healthSchema,
      handler: () => {
        deps.db.$client.prepare('select 1').get();
        return { status: 'ok' as const, time: deps.clock.now(), database: 'ok' as const };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document, generated from the zod contracts',
      tag: 'system',
      access: 'public',
      response: z.record(z.string(), z.unknown()),
      handler: () => document.current as Record<string, unknown>,
    }),
  ];
}

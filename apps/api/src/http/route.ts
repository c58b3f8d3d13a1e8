/**
 * Routes are declared once, as data: method, path, access, zod contracts and a handler. The same
 * declaration mounts the Express route (validating params, query and body at the edge) and
 * produces the route's OpenAPI operation, so the document can never drift from the code.
 */
import { errorBodySchema } from '@coderprep/contracts';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { SESSION_COOKIE, type SessionUser } from '../auth/sessions';
import type { Deps } from '../deps';
import { ApiError, badRequest, fieldIssues, unauthorized } from './errors';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** 'public': anyone; 'user': a logged-in person (finer checks happen in the handler). */
export type Access = 'public' | 'user';

export interface RouteContext<B, Q, P> {
  req: Request;
  res: Response;
  deps: Deps;
  body: B;
  query: Q;
  params: P;
  /** The logged-in person; always set on 'user' routes. */
  user: SessionUser;
}

export interface RouteDef<B = unknown, Q = unknown, P = unknown, R = unknown> {
  method: Method;
  /** Express-style path, e.g. /api/orgs/:orgId/banks. */
  path: string;
  summary: string;
  /** OpenAPI tag: the business area. */
  tag: string;
  access: Access;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The JSON response contract; omit when the handler writes a non-JSON body itself. */
  response?: z.ZodType<R>;
  /** Success status (200 by default). */
  status?: number;
  /** Content type of a body the handler writes itself (e.g. text/csv). */
  produces?: string;
  handler: (ctx: RouteContext<B, Q, P>) => Promise<R | undefined> | R | undefined;
}

/** Declares a route with its types inferred from its contracts. */
export function defineRoute<B = undefined, Q = undefined, P = undefined, R = undefined>(
  def: RouteDef<B, Q, P, R>,
): RouteDef<B, Q, P, R> {
  return def;
}

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of routes
export type AnyRoute = RouteDef<any, any, any, any>;

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, part: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw badRequest(`invalid-${part}`, `The request ${part} is not valid.`, fieldIssues(result.error, part));
  }
  return result.data;
}

/** Mounts every route on the router. */
export function mountRoutes(router: Router, routes: readonly AnyRoute[], deps: Deps): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      if (route.access === 'user' && !req.user) throw unauthorized();
      const params = parsePart(route.params, req.params, 'params');
      const query = parsePart(route.query, req.query, 'query');
      if (route.body && req.body === undefined && route.method !== 'get') {
        throw badRequest('invalid-body', 'The request body is missing.', [
          { path: 'body', message: 'required' },
        ]);
      }
      const body = parsePart(route.body, req.body, 'body');
      const ctx: RouteContext<unknown, unknown, unknown> = {
        req,
        res,
        deps,
        body,
        query,
        params,
        user: req.user as SessionUser,
      };
      const result = await route.handler(ctx);
      if (res.headersSent) return;
      if (route.response) {
        let payload = result;
        if (deps.config.validateResponses) {
          const checked = route.response.safeParse(result);
          if (!checked.success) {
            deps.logger.error(
              { issues: checked.error.issues, route: route.path },
              'response breaks its contract',
            );
            throw new ApiError(
              500,
              'contract-violation',
              'The server produced a response outside its contract.',
            );
          }
          payload = checked.data;
        }
        res.status(route.status ?? 200).json(payload);
      } else {
        res.status(route.status ?? 204).end();
      }
    });
  }
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

/** Query and path parameters of an object schema, as OpenAPI parameter objects. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

/** The OpenAPI 3.1 document of these routes. */
export function openApiDocument(routes: readonly AnyRoute[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = toOpenApiPath(route.path);
    const status = String(route.status ?? (route.response ? 200 : 204));
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string) => (c ?? '').toUpperCase())}`,
      security: route.access === 'public' ? [] : [{ session: [] }],
      'x-access': route.access,
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [status]: route.response
          ? {
              description: 'OK',
              content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
            }
          : route.produces
            ? { description: 'OK', content: { [route.produces]: { schema: { type: 'string' } } } }
            : { description: 'No content' },
        default: {
          description: 'Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBodySchema, 'output') },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
    },
  };
}

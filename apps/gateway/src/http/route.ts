import { applyDecorators, createParamDecorator, HttpCode, Redirect, RequestMapping, RequestMethod, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { fieldErrorsFromZod, GuichetError, type BusContext, type Role } from '@guichet/contracts';
import { busContextOf, type Caller } from '../identity/caller';

/**
 * Who may call a route: anyone, any signed-in account, an account holding a role (in the current
 * tenant for agents), or `agent`: an administrateur or an instructeur of the current tenant (the
 * services then decide what each reads, e.g. the dashboard).
 */
export type Access = 'public' | 'signedIn' | 'agent' | Exclude<Role, 'usager'>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP route, declared once: the controller is bound to it with @Route, the guard reads its
 * access rule, @In parses its params/query/body, and the OpenAPI document is generated from it.
 */
export interface RouteSpec {
  method: HttpMethod;
  /** Fastify syntax: `/api/dossiers/:dossierId`. */
  path: string;
  tag: string;
  summary: string;
  access: Access;
  /** Path parameters; a value that does not match (e.g. a malformed id) answers 404. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** JSON body; requires `Content-Type: application/json` (else 415), invalid → 422 with fields. */
  body?: z.ZodType;
  /** What a success answers (documentation only: replies come from validated contracts). */
  response?: z.ZodType;
  /** 200, 201, 204 or 302 (redirect to a presigned URL). */
  status: 200 | 201 | 204 | 302;
}

export function defineRoute<const S extends RouteSpec>(spec: S): S {
  return spec;
}

export const ROUTE_SPEC = Symbol('guichet:route-spec');

/** Binds a controller method to its route spec. */
export function Route(spec: RouteSpec): MethodDecorator {
  return applyDecorators(
    RequestMapping({ path: spec.path, method: RequestMethod[spec.method] }),
    spec.status === 302 ? Redirect('', 302) : HttpCode(spec.status),
    SetMetadata(ROUTE_SPEC, spec),
  );
}

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a handler receives: validated input, the caller and the bus context to forward. */
export interface RouteInput<S extends RouteSpec> {
  params: Parsed<S['params']>;
  query: Parsed<S['query']>;
  body: Parsed<S['body']>;
  caller: S['access'] extends 'public' ? Caller | null : Caller;
  ctx: BusContext;
  request: FastifyRequest;
}

export function isJsonContentType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * zod 4 leaves `input` out of issues unless asked, and fieldErrorsFromZod needs it to tell a
 * missing field ("obligatoire") from a value of the wrong type.
 */
const parseOptions = { reportInput: true };

export function parseRouteInput(spec: RouteSpec, request: FastifyRequest): RouteInput<RouteSpec> {
  let params: unknown;
  if (spec.params) {
    const parsed = spec.params.safeParse(request.params);
    // A path that names nothing that can exist is simply not found.
    if (!parsed.success) throw new GuichetError('NOT_FOUND', 'Ressource introuvable.');
    params = parsed.data;
  }
  let query: unknown;
  if (spec.query) {
    const parsed = spec.query.safeParse(request.query ?? {}, parseOptions);
    if (!parsed.success) throw new GuichetError('VALIDATION_FAILED', 'Paramètres de la requête invalides.', fieldErrorsFromZod(parsed.error));
    query = parsed.data;
  }
  let body: unknown;
  if (spec.body) {
    if (!isJsonContentType(request.headers['content-type'])) {
      throw new GuichetError('UNSUPPORTED_MEDIA_TYPE', 'Le corps de la requête doit être envoyé en JSON (Content-Type: application/json).');
    }
    const parsed = spec.body.safeParse(request.body, parseOptions);
    if (!parsed.success) throw new GuichetError('VALIDATION_FAILED', 'Certains champs sont invalides.', fieldErrorsFromZod(parsed.error));
    body = parsed.data;
  }
  const caller = request.caller ?? null;
  return { params, query, body, caller, ctx: busContextOf(caller), request } as RouteInput<RouteSpec>;
}

/** The validated input of the route the handler is bound to (see RouteInput). */
export const In = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const spec = Reflect.getMetadata(ROUTE_SPEC, context.getHandler()) as RouteSpec | undefined;
  if (!spec) throw new Error(`handler ${context.getHandler().name} has no @Route spec`);
  return parseRouteInput(spec, context.switchToHttp().getRequest<FastifyRequest>());
});

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the access guard: the signed-in person, or null. */
    caller: Caller | null;
  }
}

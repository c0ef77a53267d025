import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GuichetError, type Role } from '@guichet/contracts';
import { SessionService } from '../identity/session.service';
import { ROUTE_SPEC, type RouteSpec } from './route';
import { SessionCookie } from './session.cookie';

export const TENANT_HEADER = 'x-guichet-tenant';

const agentRoles: readonly Role[] = ['administrateur', 'instructeur'];

const roleNames: Record<Exclude<Role, 'usager'>, string> = {
  operator: 'opérateur',
  administrateur: 'administrateur de cette administration',
  instructeur: 'instructeur de cette administration',
  expert: 'expert',
};

/**
 * Resolves the session cookie into the caller (tenant chosen by session or `x-guichet-tenant`) and
 * enforces the route's access rule: 401 without a session, 403 without the role.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const spec = this.reflector.get<RouteSpec | undefined>(ROUTE_SPEC, context.getHandler());
    // Every route is declared with @Route; one that is not is closed rather than open.
    if (!spec) throw new GuichetError('NOT_FOUND', 'Ressource introuvable.');
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    request.caller = null;
    const token = this.cookie.read(request.cookies);
    if (token) {
      const header = request.headers[TENANT_HEADER];
      if (Array.isArray(header)) throw new GuichetError('MALFORMED_REQUEST', 'Un seul en-tête x-guichet-tenant est permis.');
      request.caller = await this.sessions.resolve(token, spec.access === 'public' ? undefined : header);
      // A cookie that names no live session is removed, so the browser stops sending it.
      if (!request.caller) this.cookie.clear(reply);
    }
    if (spec.access === 'public') return true;
    if (!request.caller) throw new GuichetError('UNAUTHENTICATED', 'Vous devez vous connecter pour accéder à cette page.');
    if (spec.access === 'agent') {
      if (!request.caller.roles.some((role) => agentRoles.includes(role))) throw new GuichetError('FORBIDDEN', 'Cette page est réservée aux instructeurs et aux administrateurs de cette administration.');
    } else if (spec.access !== 'signedIn' && !request.caller.roles.includes(spec.access)) {
      throw new GuichetError('FORBIDDEN', `Cette action est réservée à un ${roleNames[spec.access]}.`);
    }
    return true;
  }
}

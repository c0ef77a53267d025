import { Controller, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { In, Route, type RouteInput } from '../http/route';
import { SessionCookie } from '../http/session.cookie';
import { accountJson, rolesOf, type Caller } from './caller';
import { authRoutes } from './identity.routes';
import { SessionService } from './session.service';
import { SignInUseCase } from './usecases/sign-in.usecase';
import { SignUpUseCase } from './usecases/sign-up.usecase';

const routes = authRoutes;

function meJson(caller: Caller) {
  return {
    ...accountJson(caller.account, caller.roles),
    memberships: caller.memberships,
    currentTenant: caller.currentTenant,
  };
}

@Controller()
export class AuthHttpController {
  constructor(
    @Inject(SignUpUseCase) private readonly signUpUseCase: SignUpUseCase,
    @Inject(SignInUseCase) private readonly signInUseCase: SignInUseCase,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
  ) {}

  @Route(routes.signUp)
  async signUp(@In() { body }: RouteInput<typeof routes.signUp>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { account, token } = await this.signUpUseCase.execute(body);
    this.cookie.set(reply, token);
    return { account: accountJson(account, rolesOf(account, [], null)) };
  }

  @Route(routes.signIn)
  async signIn(@In() { body, request, caller }: RouteInput<typeof routes.signIn>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { account, memberships, tenantId, token } = await this.signInUseCase.execute(body, request.ip);
    // A new token on every sign-in: a session planted before sign-in is never promoted.
    if (caller) await this.sessions.close(this.cookie.read(request.cookies) ?? '');
    this.cookie.set(reply, token);
    return { account: accountJson(account, rolesOf(account, memberships, tenantId)) };
  }

  @Route(routes.signOut)
  async signOut(@In() { request }: RouteInput<typeof routes.signOut>, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = this.cookie.read(request.cookies);
    if (token) await this.sessions.close(token);
    this.cookie.clear(reply);
  }

  @Route(routes.me)
  me(@In() { caller }: RouteInput<typeof routes.me>) {
    return { account: meJson(caller) };
  }

  @Route(routes.switchTenant)
  async switchTenant(@In() { caller, body, request }: RouteInput<typeof routes.switchTenant>) {
    await this.sessions.switchTenant(caller, body.tenantId);
    const updated = await this.sessions.resolve(this.cookie.read(request.cookies) ?? '');
    return { account: meJson(updated ?? caller) };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { GatewayConfig } from '../config';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS } from '../identity/session.service';
import { GATEWAY_CONFIG } from './tokens';

/** The `guichet_session` cookie: HttpOnly, SameSite=Lax, Path=/, Secure when served over https. */
@Injectable()
export class SessionCookie {
  private readonly secure: boolean;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.secure = new URL(config.PUBLIC_URL).protocol === 'https:';
  }

  set(reply: FastifyReply, token: string): void {
    void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure: this.secure, maxAge: SESSION_MAX_AGE_MS / 1000 });
  }

  clear(reply: FastifyReply): void {
    void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: this.secure });
  }

  read(cookies: Record<string, string | undefined> | undefined): string | undefined {
    return cookies?.[SESSION_COOKIE];
  }
}

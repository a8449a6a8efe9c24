import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthService, ResolvedSession } from '../../modules/accounts/auth.service.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policy.ts';

export const SESSION_COOKIE = 'fangkong_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the session cookie on every /api request. Writes made with a session must also carry the
 * session's CSRF token in a header: a cross-site form can send the cookie but cannot read the token.
 */
export function registerAuthHook(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies?.[SESSION_COOKIE];
    req.session = token ? await auth.resolve(token) : null;
    if (req.session && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== req.session.csrfToken) throw new AppError('CSRF', 'missing or wrong CSRF token');
    }
  });
}

/** The signed-in actor, or 401. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.session) throw new AppError('UNAUTHENTICATED');
  return req.session.actor;
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

import { z } from 'zod';
import { actorOf, clearSessionCookie, setSessionCookie } from '../../platform/http/auth-hook.ts';
import type { App } from '../../platform/http/types.ts';
import { zId } from '../../platform/validation.ts';
import { AccountCreateInput, AccountListQuery, AccountUpdateInput, LoginInput, PasswordChangeInput } from './accounts.schema.ts';
import type { AccountsService } from './accounts.service.ts';
import type { AuthService } from './auth.service.ts';

const IdParams = z.object({ id: zId });

export function registerAuthRoutes(app: App, auth: AuthService, cookieSecure: boolean): void {
  const tags = ['auth'];
  app.post('/api/auth/login', { schema: { tags, body: LoginInput } }, async (req, reply) => {
    const session = await auth.login(req.body, req.ip);
    setSessionCookie(reply, session.token, session.expiresAt, cookieSecure);
    const resolved = await auth.resolve(session.token);
    return { account: await auth.me(resolved!.actor), csrfToken: session.csrfToken };
  });
  app.get('/api/auth/me', { schema: { tags } }, async (req) => ({
    account: await auth.me(actorOf(req)),
    csrfToken: req.session!.csrfToken,
  }));
  app.post('/api/auth/logout', { schema: { tags } }, async (req, reply) => {
    await auth.logout(actorOf(req), req.session!.sessionId);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });
  app.post('/api/auth/password', { schema: { tags, body: PasswordChangeInput } }, async (req, reply) => {
    await auth.changePassword(actorOf(req), req.session!.sessionId, req.body);
    return reply.status(204).send();
  });
}

export function registerAccountRoutes(app: App, accounts: AccountsService): void {
  const tags = ['accounts'];
  app.get('/api/accounts', { schema: { tags, querystring: AccountListQuery } }, (req) => accounts.list(actorOf(req), req.query));
  app.get('/api/accounts/:id', { schema: { tags, params: IdParams } }, (req) => accounts.get(actorOf(req), req.params.id));
  app.post('/api/accounts', { schema: { tags, body: AccountCreateInput } }, async (req, reply) =>
    reply.status(201).send(await accounts.create(actorOf(req), req.body)));
  app.patch('/api/accounts/:id', { schema: { tags, params: IdParams, body: AccountUpdateInput } }, (req) =>
    accounts.update(actorOf(req), req.params.id, req.body));
  app.post('/api/accounts/:id/reset-password', { schema: { tags, params: IdParams } }, (req) =>
    accounts.resetPassword(actorOf(req), req.params.id));
}

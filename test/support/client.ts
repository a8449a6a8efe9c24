import type { App } from '../../src/platform/http/types.ts';
import { ADMIN_PASSWORD } from './harness.ts';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** A signed-in HTTP client over Fastify inject: keeps the session cookie and sends the CSRF header on writes. */
export interface Client {
  get<T = any>(url: string): Promise<Reply<T>>;
  post<T = any>(url: string, body?: unknown): Promise<Reply<T>>;
  put<T = any>(url: string, body?: unknown): Promise<Reply<T>>;
  patch<T = any>(url: string, body?: unknown): Promise<Reply<T>>;
  del<T = any>(url: string): Promise<Reply<T>>;
  raw(opts: { method: 'GET' | 'POST'; url: string; payload?: any; headers?: Record<string, string> }): Promise<Reply>;
  csrfToken: string;
  cookie: string;
}

function parse(r: { statusCode: number; body: string; headers: Record<string, unknown> }): Reply {
  let body: unknown = r.body;
  try { body = r.body ? JSON.parse(r.body) : undefined; } catch { /* not JSON: keep text */ }
  return { status: r.statusCode, body, headers: r.headers };
}

export async function login(app: App, username = 'admin', password = ADMIN_PASSWORD, ip = '127.0.0.1'): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers['set-cookie']);
  const cookie = setCookie.split(';')[0];
  const { csrfToken } = JSON.parse(res.body) as { csrfToken: string };
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    parse(await app.inject({
      method, url, headers: { cookie, 'x-csrf-token': csrfToken, 'x-lang': 'en' },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    }));
  return {
    csrfToken, cookie,
    get: (url) => call('GET', url),
    post: (url, body) => call('POST', url, body ?? {}),
    put: (url, body) => call('PUT', url, body ?? {}),
    patch: (url, body) => call('PATCH', url, body ?? {}),
    del: (url) => call('DELETE', url),
    raw: async (opts) => parse(await app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrfToken, ...opts.headers } })),
  };
}

/** Creates an account bound to a node (or unit) through the API and signs it in. */
export async function loginAs(admin: Client, app: App, input: { username: string; role: string; nodeId?: string; unitId?: string }): Promise<Client> {
  const password = 'Passw0rd-test-1';
  const res = await admin.post('/api/accounts', { displayName: input.username, password, ...input });
  if (res.status !== 201) throw new Error(`create account failed: ${res.status} ${JSON.stringify(res.body)}`);
  return login(app, input.username, password);
}

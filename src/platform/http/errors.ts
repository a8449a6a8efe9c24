import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ERRORS, type ErrorBody, type ErrorCode, type ErrorDetail } from '../errors.ts';
import { fieldMessage, localiseMessage } from '../validation.ts';

export type Lang = 'zh' | 'en';

/** The user's language: x-lang header or ?lang= (plain download links) from the web app, else Accept-Language, else Chinese. */
export function requestLang(req: FastifyRequest): Lang {
  const explicit = req.headers['x-lang'] ?? (req.query as Record<string, unknown> | undefined)?.lang;
  if (explicit === 'en' || explicit === 'zh') return explicit;
  return /^en\b/i.test(String(req.headers['accept-language'] ?? '')) ? 'en' : 'zh';
}

const zhLocale = z.locales.zhCN();
const enLocale = z.locales.en();

type Issue = { code?: string; path?: PropertyKey[]; message: string; [k: string]: unknown };

/** Zod's built-in messages are re-rendered in the user's language; our own keys come from FIELD_MESSAGES. */
export function localiseIssue(issue: Issue, lang: Lang): string {
  if (issue.code === 'custom' || /^[a-z_]+\.[a-z_]+$/.test(issue.message)) return fieldMessage(issue.message, lang);
  const locale = lang === 'zh' ? zhLocale : enLocale;
  const rendered = locale.localeError?.(issue as never);
  if (typeof rendered === 'string') return rendered;
  if (rendered && typeof rendered === 'object' && 'message' in rendered) return String(rendered.message);
  return issue.message;
}

export function zodDetails(issues: Issue[], lang: Lang, prefix = ''): ErrorDetail[] {
  return issues.map((i) => ({
    path: [prefix, ...(i.path ?? []).map(String)].filter(Boolean).join('.'),
    message: localiseIssue(i, lang),
  }));
}

function send(reply: FastifyReply, code: ErrorCode, message: string, details: ErrorDetail[] = []) {
  const body: ErrorBody = { error: { code, message, details } };
  return reply.status(ERRORS[code].status).send(body);
}

/** The single place where errors become HTTP responses. */
export function handleError(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  const lang = requestLang(req);
  if (err instanceof AppError) {
    const details = err.details.map((d) => ({ ...d, message: localiseMessage(d.message, lang) }));
    return send(reply, err.code, lang === 'zh' ? ERRORS[err.code].zh : err.message, details);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? '';
    const issues: Issue[] = err.validation.map((v) => ({
      ...(v.params as Record<string, unknown>), code: v.keyword, message: v.message ?? '',
      path: v.instancePath.split('/').filter(Boolean),
    }));
    return send(reply, 'VALIDATION', ERRORS.VALIDATION[lang], zodDetails(issues, lang, where === 'body' ? '' : where));
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) return send(reply, 'PAYLOAD_TOO_LARGE', ERRORS.PAYLOAD_TOO_LARGE[lang]);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return send(reply, fe.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', fe.message);
  }
  req.log.error({ err }, 'unhandled error');
  return send(reply, 'INTERNAL', ERRORS.INTERNAL[lang]);
}

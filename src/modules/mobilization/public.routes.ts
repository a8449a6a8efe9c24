import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { createRateLimiter, type RateLimiter, type RateLimiterOptions } from '../../platform/rate-limit.ts';
import { PublicReportInInput, zReportInToken } from './dispatch.schema.ts';
import type { MobilizationService } from './mobilization.service.ts';
import { PublicCommunityQuery, PublicVolunteerInput } from './volunteers.schema.ts';

/**
 * Per-address limits of the pages anyone may use without an account. Generous enough for a campus or a
 * compound behind one address, tight enough to stop a script guessing phone numbers or flooding sign-ups.
 */
export const PUBLIC_LIMITS = {
  signUp: { windowMs: 10 * 60_000, max: 20 },
  reportIn: { windowMs: 10 * 60_000, max: 30 },
  read: { windowMs: 60_000, max: 120 },
} as const satisfies Record<string, RateLimiterOptions>;

const TokenParams = z.object({ token: zReportInToken });
const tags = ['public'];

/** Counted before the body is validated, so malformed floods are limited too. */
function limitedBy(limiter: RateLimiter) {
  return async (req: FastifyRequest) => {
    if (!limiter.check(req.ip)) throw new AppError('RATE_LIMITED', 'too many requests from this address');
  };
}

/** No sign-in: the volunteer sign-up page and the report-in page opened from a community's QR code. */
export function registerPublicRoutes(app: App, m: MobilizationService): void {
  const { arrivals, volunteers } = m;
  const read = limitedBy(createRateLimiter(PUBLIC_LIMITS.read));
  const signUp = limitedBy(createRateLimiter(PUBLIC_LIMITS.signUp));
  const reportIn = limitedBy(createRateLimiter(PUBLIC_LIMITS.reportIn));

  app.get('/api/public/communities', { onRequest: read, schema: { tags, querystring: PublicCommunityQuery } }, (req) =>
    volunteers.publicCommunities(req.query));
  app.post('/api/public/volunteers', { onRequest: signUp, schema: { tags, body: PublicVolunteerInput } }, async (req, reply) =>
    reply.status(201).send(await volunteers.publicSignUp(req.body)));

  app.get('/api/public/report-in/:token', { onRequest: read, schema: { tags, params: TokenParams } }, (req) =>
    arrivals.publicPlace(req.params.token));
  app.post('/api/public/report-in/:token', { onRequest: reportIn, schema: { tags, params: TokenParams, body: PublicReportInInput } }, (req) =>
    arrivals.publicReportIn(req.params.token, req.body));
}

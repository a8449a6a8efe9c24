import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { DutyRules } from './duty.schema.ts';
import type { PostRow } from './posts.repository.ts';
import { MS } from './roster.rules.ts';

export interface DutyDeps {
  db: Db;
  clock: Clock;
}

/** 32 url-safe characters (192 random bits): printed in a post's QR code, never guessable. */
export function newPostToken(): string {
  return randomBytes(24).toString('base64url');
}

/** NOT_FOUND naming the field that pointed at something missing or out of reach. */
export function refNotFound(field: string, what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`, [{ path: field, message: 'not found, or outside your jurisdiction' }]);
}

/** A roster rule refused the change: CONFLICT with one detail per broken rule (message keys). */
export function ruleConflict(field: string, keys: string[], text = 'the roster rules refuse this'): AppError {
  return new AppError('CONFLICT', text, keys.map((message) => ({ path: field, message })));
}

export function ruleInvalid(field: string, key: string, text: string): AppError {
  return new AppError('VALIDATION', text, [{ path: field, message: key }]);
}

/** The post's own rule when it has one, else the global rule. */
export function restMsOf(post: Pick<PostRow, 'min_rest_minutes'>, rules: DutyRules): number {
  return post.min_rest_minutes !== null ? post.min_rest_minutes * MS.MINUTE : rules.minRestHours * MS.HOUR;
}

export function graceMsOf(post: Pick<PostRow, 'late_grace_minutes'>, rules: DutyRules): number {
  return (post.late_grace_minutes ?? rules.lateGraceMinutes) * MS.MINUTE;
}

import type { FastifyInstance } from 'fastify';
import type { NatDeskService } from './desk.service.ts';

// Placeholder: filled in by the capability's work.
export function registerNatDeskRoutes(_app: FastifyInstance, _service: NatDeskService): void {}

import type { FastifyInstance } from 'fastify';
import type { NatResultsService } from './results.service.ts';

// Placeholder: filled in by the capability's work.
export function registerNatResultsRoutes(_app: FastifyInstance, _service: NatResultsService): void {}

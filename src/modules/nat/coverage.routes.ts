import type { FastifyInstance } from 'fastify';
import type { NatCoverageService } from './coverage.service.ts';

// Placeholder: filled in by the capability's work.
export function registerNatCoverageRoutes(_app: FastifyInstance, _service: NatCoverageService): void {}

import type { FastifyInstance } from 'fastify';
import type { ScreeningService } from './screening.service.ts';

// Placeholder: filled in by the capability's work.
export function registerScreeningRoutes(_app: FastifyInstance, _service: ScreeningService): void {}

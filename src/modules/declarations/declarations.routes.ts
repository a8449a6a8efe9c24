import type { FastifyInstance } from 'fastify';
import type { DeclarationsService } from './declarations.service.ts';

// Placeholder: filled in by the capability's work.
export function registerDeclarationsRoutes(_app: FastifyInstance, _service: DeclarationsService): void {}

import type { FastifyInstance } from 'fastify';
import type { OutsidersService } from './outsiders.service.ts';

// Placeholder: filled in by the capability's work.
export function registerOutsidersRoutes(_app: FastifyInstance, _service: OutsidersService): void {}

import type { FastifyInstance } from 'fastify';
import type { NatPlanService } from './plan.service.ts';

// Placeholder: filled in by the capability's work.
export function registerNatPlanRoutes(_app: FastifyInstance, _service: NatPlanService): void {}

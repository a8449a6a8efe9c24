import type { ScreeningDeps } from './screening.deps.ts';

// Placeholder: filled in by the capability's work.
export class ScreeningService {
  constructor(readonly deps: ScreeningDeps) {}
}

import type { NatDeps } from './nat.deps.ts';

// Placeholder: filled in by the capability's work.
export class NatCoverageService {
  constructor(readonly deps: NatDeps) {}
}

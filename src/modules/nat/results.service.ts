import type { NatDeps } from './nat.deps.ts';

// Placeholder: filled in by the capability's work.
export class NatResultsService {
  constructor(readonly deps: NatDeps) {}
}

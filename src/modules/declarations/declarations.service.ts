import type { DeclarationsDeps } from './declarations.deps.ts';

// Placeholder: filled in by the capability's work.
export class DeclarationsService {
  constructor(readonly deps: DeclarationsDeps) {}
}

import type { OutsidersDeps } from './outsiders.deps.ts';

// Placeholder: filled in by the capability's work.
export class OutsidersService {
  constructor(readonly deps: OutsidersDeps) {}
}

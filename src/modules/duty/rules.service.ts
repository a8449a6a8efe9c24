import { recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import type { DutyDeps } from './duty.deps.ts';
import type { DutyRules } from './duty.schema.ts';
import { DutyRulesRepository } from './rules.repository.ts';

/** The global duty rules (minimum rest, late grace, check-in window, night preference); posts may override some. */
export class DutyRulesService {
  constructor(private readonly deps: DutyDeps) {}

  async get(actor: Actor): Promise<DutyRules> {
    requirePermission(actor, 'duty.read');
    return new DutyRulesRepository(this.deps.db).load();
  }

  /** Global rules bind every community, so only an account that reaches everything may change them. */
  async update(actor: Actor, input: DutyRules): Promise<DutyRules> {
    const scope = requirePermission(actor, 'duty.write');
    if (scope.kind !== 'all') throw new AppError('FORBIDDEN', 'only an account over the whole platform may change the global duty rules');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new DutyRulesRepository(trx);
      const before = await repo.load();
      await repo.save(input, this.deps.clock.now().toISOString());
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'duty_rules.update', entityType: 'setting', entityId: null, scopePath: null, details: { before, after: input },
      });
    });
    return this.get(actor);
  }
}

import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/policy.ts';
import { AreasService } from './areas.service.ts';
import { ChainService } from './chain.service.ts';
import type { ImportOutcome, TUnitInput, UnitExportView } from './org.schema.ts';
import { PartyOrgsService } from './party-orgs.service.ts';
import { PostsService } from './posts.service.ts';
import { UnitsService, type OrgDeps } from './units.service.ts';

export type { OrgDeps } from './units.service.ts';

/**
 * 组织体系: units and the five-level chain. One service per use-case group; routes call them through
 * `org.units`, `org.partyOrgs`, `org.areas`, `org.posts`, `org.chain`.
 */
export class OrgService {
  readonly units: UnitsService;
  readonly partyOrgs: PartyOrgsService;
  readonly areas: AreasService;
  readonly posts: PostsService;
  readonly chain: ChainService;

  constructor(deps: OrgDeps) {
    this.units = new UnitsService(deps);
    this.partyOrgs = new PartyOrgsService(deps);
    this.areas = new AreasService(deps);
    this.posts = new PostsService(deps);
    this.chain = new ChainService(deps);
  }

  /** For the transfer service's unit export. */
  listUnitsForExport(actor: Actor): Promise<UnitExportView[]> {
    return this.units.listForExport(actor);
  }

  /** For the transfer service's unit import: idempotent by unit name; in the caller's transaction if given. */
  importUnit(actor: Actor, input: TUnitInput, ex?: Executor): Promise<ImportOutcome> {
    return this.units.importUnit(actor, input, ex);
  }
}

import { ArrivalsService } from './arrivals.service.ts';
import { CountsService } from './counts.service.ts';
import { DispatchService } from './dispatch.service.ts';
import type { MobilizationDeps } from './dispatch.views.ts';
import { PairingsService } from './pairings.service.ts';
import { PledgesService } from './pledges.service.ts';
import { RosterService } from './roster.service.ts';
import { TeamsService } from './teams.service.ts';
import { VolunteersService } from './volunteers.service.ts';

export type { MobilizationDeps } from './dispatch.views.ts';

/**
 * 下沉报到、结对共建、突击队、亮承诺、志愿者报名. One service per use-case group; routes call them through
 * `mobilization.dispatch`, `.arrivals`, `.pairings`, `.counts`, `.teams`, `.pledges`, `.roster`, `.volunteers`.
 */
export class MobilizationService {
  readonly dispatch: DispatchService;
  readonly arrivals: ArrivalsService;
  readonly pairings: PairingsService;
  readonly counts: CountsService;
  readonly teams: TeamsService;
  readonly pledges: PledgesService;
  readonly roster: RosterService;
  readonly volunteers: VolunteersService;

  constructor(deps: MobilizationDeps) {
    this.dispatch = new DispatchService(deps);
    this.arrivals = new ArrivalsService(deps);
    this.pairings = new PairingsService(deps);
    this.counts = new CountsService(deps);
    this.teams = new TeamsService(deps);
    this.pledges = new PledgesService(deps);
    this.roster = new RosterService(deps);
    this.volunteers = new VolunteersService(deps);
  }
}

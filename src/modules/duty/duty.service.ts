import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/policy.ts';
import { AttendanceService } from './attendance.service.ts';
import { AvailabilityService } from './availability.service.ts';
import type { DutyDeps } from './duty.deps.ts';
import { DutyPostsService } from './posts.service.ts';
import { RecordsService } from './records.service.ts';
import type { MarkUnavailableResult, TUnavailabilityInput } from './roster.schema.ts';
import { RosterService } from './roster.service.ts';
import { DutyRulesService } from './rules.service.ts';
import { SwapsService } from './swaps.service.ts';

export type { DutyDeps } from './duty.deps.ts';

/**
 * 值班值守: duty posts with coverage requirements, week rosters and the assistant, check-in by QR, alerts,
 * swaps, unavailability with succession, daily notes and service hours. One service per use-case group;
 * routes call them through `duty.posts`, `duty.roster`, `duty.swaps`, `duty.availability`, `duty.attendance`,
 * `duty.records`, `duty.rules`.
 */
export class DutyService {
  readonly posts: DutyPostsService;
  readonly roster: RosterService;
  readonly swaps: SwapsService;
  readonly availability: AvailabilityService;
  readonly attendance: AttendanceService;
  readonly records: RecordsService;
  readonly rules: DutyRulesService;

  constructor(deps: DutyDeps) {
    this.posts = new DutyPostsService(deps);
    this.roster = new RosterService(deps);
    this.swaps = new SwapsService(deps);
    this.availability = new AvailabilityService(deps);
    this.attendance = new AttendanceService(deps);
    this.records = new RecordsService(deps);
    this.rules = new DutyRulesService(deps);
  }

  /**
   * For the isolation capability: the person cannot serve in the period; their open shifts are released and
   * the posts they lead pass to the next in line. Pass `ex` to run inside the caller's transaction.
   */
  markUnavailable(actor: Actor, input: TUnavailabilityInput, ex?: Executor): Promise<MarkUnavailableResult> {
    return this.availability.markUnavailable(actor, input, ex);
  }
}

import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Notifier } from '../../platform/notifier.ts';
import { ChaseService } from './chase.service.ts';
import { FormsService } from './forms.service.ts';
import { NotificationsService } from './notifications.service.ts';
import { RollupService } from './rollup.service.ts';
import { SubmissionsService } from './submissions.service.ts';

export interface ReportsDeps {
  db: Db;
  clock: Clock;
  notifier: Notifier;
}

/**
 * The daily report and zero report (日报告/零报告) capability, split by use case: form design, submitting and
 * correcting, the chase list with reminders, the live roll-up, and the account's notifications.
 */
export class ReportsService {
  readonly forms: FormsService;
  readonly submissions: SubmissionsService;
  readonly chase: ChaseService;
  readonly rollup: RollupService;
  readonly notifications: NotificationsService;

  constructor(deps: ReportsDeps) {
    this.forms = new FormsService(deps);
    this.submissions = new SubmissionsService(deps);
    this.chase = new ChaseService(deps);
    this.rollup = new RollupService(deps);
    this.notifications = new NotificationsService(deps);
  }
}

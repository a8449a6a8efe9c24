import { systemClock, type Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { loadFieldKeyring, type FieldCipher } from './platform/crypto/field-cipher.ts';
import { createTokenSigner, loadOrCreateSigningKey, type TokenSigner } from './platform/crypto/signer.ts';
import { createDatabase, type Database } from './platform/db/database.ts';
import { GroupCommit } from './platform/db/group-commit.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { AccountsService } from './modules/accounts/accounts.service.ts';
import { AuthService } from './modules/accounts/auth.service.ts';
import { AuditService } from './modules/audit/audit.service.ts';
import { JurisdictionService } from './modules/jurisdiction/jurisdiction.service.ts';
import { OrgService } from './modules/org/org.service.ts';
import { PeopleService } from './modules/people/people.service.ts';
import { TransferService } from './modules/transfer/transfer.service.ts';
import { MobilizationService } from './modules/mobilization/mobilization.service.ts';
import { DutyService } from './modules/duty/duty.service.ts';
import { ReportsService } from './modules/reports/reports.service.ts';
import { OverviewService } from './modules/overview/overview.service.ts';
import { RegistryService } from './modules/registry/registry.service.ts';
import { ScreeningService } from './modules/screening/screening.service.ts';
import { OutsidersService } from './modules/outsiders/outsiders.service.ts';
import { DeclarationsService } from './modules/declarations/declarations.service.ts';
import { NatPlanService } from './modules/nat/plan.service.ts';
import { NatDeskService } from './modules/nat/desk.service.ts';
import { NatResultsService } from './modules/nat/results.service.ts';
import { NatCoverageService } from './modules/nat/coverage.service.ts';
import { OutboxNotifier, type Notifier } from './platform/notifier.ts';

// Composition root: the one place that knows every service and what each is given.
export interface Services {
  auth: AuthService;
  accounts: AccountsService;
  audit: AuditService;
  jurisdiction: JurisdictionService;
  org: OrgService;
  people: PeopleService;
  transfer: TransferService;
  mobilization: MobilizationService;
  duty: DutyService;
  reports: ReportsService;
  overview: OverviewService;
  registry: RegistryService;
  screening: ScreeningService;
  outsiders: OutsidersService;
  declarations: DeclarationsService;
  /** Nucleic-acid rounds: planning and codes, desk registration, lab results, coverage. */
  natPlan: NatPlanService;
  natDesk: NatDeskService;
  natResults: NatResultsService;
  natCoverage: NatCoverageService;
  notifier: Notifier;
}

export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  cipher: FieldCipher;
  /** Signs and checks QR tokens (personal codes, completion certificates). */
  signer: TokenSigner;
  services: Services;
  close(): Promise<void>;
}

export function createServices(
  database: Database, clock: Clock, cipher: FieldCipher, config: Config, signer: TokenSigner,
): Services {
  const { db } = database;
  const jurisdiction = new JurisdictionService({ db, clock });
  const org = new OrgService({ db, clock });
  const people = new PeopleService({ db, clock, cipher });
  const notifier = new OutboxNotifier({ db, clock });
  const nat = { db, clock, cipher, signer, notifier, writes: new GroupCommit(database) };
  return {
    auth: new AuthService({
      db, clock, sessionHours: config.sessionHours, loginMaxFailures: config.loginMaxFailures,
      loginLockMinutes: config.loginLockMinutes,
    }),
    accounts: new AccountsService({ db, clock }),
    audit: new AuditService({ db }),
    jurisdiction,
    org,
    people,
    transfer: new TransferService({ db, clock, jurisdiction, people, org }),
    mobilization: new MobilizationService({ db, clock, cipher }),
    duty: new DutyService({ db, clock }),
    reports: new ReportsService({ db, clock, notifier }),
    overview: new OverviewService({ db, clock }),
    registry: new RegistryService({ db, clock, cipher }),
    screening: new ScreeningService({ db, clock, cipher, notifier }),
    outsiders: new OutsidersService({ db, clock, cipher, notifier }),
    declarations: new DeclarationsService({ db, clock, cipher, notifier }),
    natPlan: new NatPlanService(nat),
    natDesk: new NatDeskService(nat),
    natResults: new NatResultsService(nat),
    natCoverage: new NatCoverageService(nat),
    notifier,
  };
}

/** Opens the database, brings its schema up to date and builds the services. */
export async function openApp(config: Config, clock: Clock = systemClock): Promise<AppContext> {
  const database = createDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
  } catch (err) {
    await database.close();
    throw err;
  }
  // A keyring: the current key encrypts, every listed version decrypts (see `fangkong keys rotate`).
  const cipher = loadFieldKeyring(config.dataDir, config.fieldKey);
  const signer = createTokenSigner(loadOrCreateSigningKey(config.dataDir, config.signingKey));
  const services = createServices(database, clock, cipher, config, signer);
  return { config, database, clock, cipher, signer, services, close: () => database.close() };
}

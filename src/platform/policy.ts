import { AppError } from './errors.ts';

// Roles, what each may do, and how far it reaches. Pure, so the web app hides what a role cannot use.
export const ROLES = [
  'admin', 'command', 'street', 'community_secretary', 'unit_liaison', 'site_lead', 'building_lead',
  'gate_guard', 'isolation_staff', 'volunteer', 'resident',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'tree.read', 'tree.write', 'levels.write', 'org.read', 'org.write', 'people.read', 'people.write',
  'accounts.manage', 'audit.read', 'data.import', 'data.export',
  // mobilisation, duty and reporting (下沉报到、值班排班、日报)
  'mobilization.read', 'mobilization.write', 'duty.read', 'duty.write', 'duty.checkin', 'reports.submit',
  'reports.read', 'reports.manage',
  // household registry (居民登记); 'registry.unmask' shows full ID/phone numbers, each time audited
  'registry.read', 'registry.write', 'registry.unmask',
  // door-to-door screening: manage campaigns, work a task at the doors (入户排查)
  'screening.read', 'screening.manage', 'screening.work',
  // outsiders and arrivals; the measures rule set is data only admins and the command edit
  'outsiders.read', 'outsiders.write', 'outsiders.confirm', 'measures.manage',
  // staff declarations of a unit (人员动向和身体状况)
  'declarations.read', 'declarations.manage',
  // nucleic-acid rounds: plan, register samples at a desk or door, apply lab results
  'nat.read', 'nat.manage', 'nat.register', 'nat.results',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MANAGER: Permission[] = [
  'tree.read', 'tree.write', 'org.read', 'org.write', 'people.read', 'people.write', 'accounts.manage',
  'audit.read', 'data.import', 'data.export', 'mobilization.read', 'mobilization.write', 'duty.read', 'duty.write',
  'duty.checkin', 'reports.submit', 'reports.read', 'registry.read', 'registry.write', 'registry.unmask',
  'screening.read', 'screening.manage', 'screening.work', 'outsiders.read', 'outsiders.write', 'outsiders.confirm',
  'declarations.read',
  'nat.read', 'nat.manage', 'nat.register', 'nat.results',
];
const FIELD: Permission[] = ['tree.read', 'org.read', 'duty.read', 'duty.checkin'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  // The command sets the report forms every level fills in.
  command: [...MANAGER, 'reports.manage', 'measures.manage'],
  street: MANAGER,
  community_secretary: MANAGER,
  unit_liaison: [
    'tree.read', 'org.read', 'org.write', 'people.read', 'people.write', 'data.import', 'data.export',
    'mobilization.read', 'mobilization.write', 'duty.read', 'reports.submit', 'reports.read',
    'declarations.read', 'declarations.manage',
  ],
  site_lead: [...FIELD, 'people.read', 'mobilization.read', 'registry.read', 'screening.read', 'nat.read', 'nat.register'],
  // Building leads register the households of their building.
  building_lead: [
    ...FIELD, 'registry.read', 'registry.write', 'screening.read', 'screening.work', 'outsiders.read', 'outsiders.write',
    'nat.read', 'nat.register',
  ],
  // Guards register arrivals at the checkpoint.
  gate_guard: [...FIELD, 'outsiders.read', 'outsiders.write'],
  isolation_staff: [...FIELD, 'outsiders.read'],
  volunteer: [...FIELD, 'screening.work', 'nat.register'],
  resident: [],
};

/** An account may create or change accounts only of a lower rank than its own (admins: any). */
export const ROLE_RANK: Record<Role, number> = {
  admin: 100, command: 90, street: 80, community_secretary: 70, unit_liaison: 60, site_lead: 50,
  isolation_staff: 50, building_lead: 40, gate_guard: 40, volunteer: 30, resident: 10,
};

/** Roles that act for a unit (机关单位) rather than a place. */
export const UNIT_ROLES: readonly Role[] = ['unit_liaison'];

export interface Actor {
  accountId: string;
  username: string;
  displayName: string;
  role: Role;
  nodeId: string | null;
  /** Materialised path of the account's jurisdiction node, e.g. '/A/B/'. */
  nodePath: string | null;
  unitId: string | null;
}

/** What part of the data an actor reaches; repositories turn this into WHERE clauses. */
export type Scope =
  | { kind: 'all' }
  | { kind: 'subtree'; path: string }
  | { kind: 'unit'; unitId: string }
  | { kind: 'none' };

export function scopeOf(actor: Actor): Scope {
  if (actor.role === 'admin') return { kind: 'all' };
  if (UNIT_ROLES.includes(actor.role)) return actor.unitId ? { kind: 'unit', unitId: actor.unitId } : { kind: 'none' };
  if (actor.nodePath) return { kind: 'subtree', path: actor.nodePath };
  return { kind: 'none' };
}

export function can(actor: Pick<Actor, 'role'>, permission: Permission): boolean {
  return ROLE_PERMISSIONS[actor.role].includes(permission);
}

/** The first line of every service call. */
export function requirePermission(actor: Actor, permission: Permission): Scope {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN', `role ${actor.role} lacks ${permission}`);
  return scopeOf(actor);
}

export function pathInScope(scope: Scope, path: string | null | undefined): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'subtree') return !!path && path.startsWith(scope.path);
  return false;
}

/** Upper bound for a path range scan: every descendant path sorts in [path, subtreeEnd(path)). */
export function subtreeEnd(path: string): string {
  return `${path}~`;
}

/** The built-in actor used by the CLI and by start-up tasks; it is recorded as such in the audit log. */
export const SYSTEM_ACTOR: Actor = {
  accountId: '', username: 'system', displayName: '系统', role: 'admin', nodeId: null, nodePath: null, unitId: null,
};

import { z } from 'zod';
import { ROLES, type Permission, type Role } from '../../platform/policy.ts';
import { LIMITS, zId, zPassword, zText, zUsername } from '../../platform/validation.ts';

export const zRole = z.enum(ROLES);

export const LoginInput = z.object({
  username: z.string().trim().min(1).max(LIMITS.username),
  password: z.string().min(1).max(LIMITS.passwordMax),
});
export type TLoginInput = z.infer<typeof LoginInput>;

export const PasswordChangeInput = z.object({
  currentPassword: z.string().min(1).max(LIMITS.passwordMax),
  newPassword: zPassword,
});
export type TPasswordChangeInput = z.infer<typeof PasswordChangeInput>;

export const AccountCreateInput = z.object({
  username: zUsername,
  displayName: zText(LIMITS.name),
  role: zRole,
  nodeId: zId.nullish(),
  unitId: zId.nullish(),
  personId: zId.nullish(),
  /** When omitted a temporary password is generated, shown once, and must be changed at first sign-in. */
  password: zPassword.optional(),
});
export type TAccountCreateInput = z.infer<typeof AccountCreateInput>;

export const AccountUpdateInput = z.object({
  displayName: zText(LIMITS.name).optional(),
  role: zRole.optional(),
  nodeId: zId.nullish(),
  unitId: zId.nullish(),
  /** The person this account belongs to (a guard checks in to duty as that person). */
  personId: zId.nullish(),
  active: z.boolean().optional(),
});
export type TAccountUpdateInput = z.infer<typeof AccountUpdateInput>;

export const AccountListQuery = z.object({
  q: z.string().trim().max(LIMITS.search).optional(),
  role: zRole.optional(),
  after: zId.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});
export type TAccountListQuery = z.infer<typeof AccountListQuery>;

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  nodeId: string | null;
  nodeName: string | null;
  unitId: string | null;
  unitName: string | null;
  personId: string | null;
  personName: string | null;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface MeView extends AccountView {
  permissions: Permission[];
}

export interface SessionView {
  account: MeView;
  csrfToken: string;
}

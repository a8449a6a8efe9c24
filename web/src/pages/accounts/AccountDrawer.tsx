import { useMemo } from 'react';
import { Form, Input, Select, Switch } from 'antd';
import { AccountCreateInput } from '@shared/modules/accounts/accounts.schema.ts';
import { ROLES, ROLE_RANK, UNIT_ROLES, type Role } from '@shared/platform/policy.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { accountsApi, type AccountView } from '../../api/accounts.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { zodRule } from '../../components/forms.ts';
import { NodePicker } from '../../components/NodePicker.tsx';
import { PersonSelect, UnitSelect } from '../../components/pickers.tsx';
import { useLabels, useT } from '../../i18n/index.tsx';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  nodeId?: string | null;
  unitId?: string | null;
  personId?: string | null;
  password?: string;
  active?: boolean;
}

export type Binding = 'none' | 'unit' | 'node';
export function bindingOf(role: Role | undefined): Binding {
  if (!role || role === 'admin') return 'none';
  return UNIT_ROLES.includes(role) ? 'unit' : 'node';
}

interface Props {
  open: boolean;
  account: AccountView | null;
  onClose: () => void;
  onSaved: (account: AccountView, temporaryPassword?: string) => void;
}

/** Create or edit an account. Only roles below the signed-in role are offered (an admin may give any). */
export function AccountDrawer({ open, account, onClose, onSaved }: Props) {
  const t = useT();
  const me = useMe();
  const { options } = useLabels();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const self = account?.id === me.id;

  const roles = useMemo(() => ROLES.filter((r) => me.role === 'admin' || ROLE_RANK[r] < ROLE_RANK[me.role]), [me.role]);
  const binding = bindingOf(role);
  const initialValues: Partial<Values> = account
    ? { username: account.username, displayName: account.displayName, role: account.role, nodeId: account.nodeId, unitId: account.unitId, personId: account.personId, active: account.active }
    : { role: roles.includes('community_secretary') ? 'community_secretary' : roles[roles.length - 1] };

  const submit = async (v: Values) => {
    const bind = bindingOf(v.role);
    const nodeId = bind === 'node' ? (v.nodeId ?? null) : null;
    const unitId = bind === 'unit' ? (v.unitId ?? null) : null;
    if (account) {
      const saved = await accountsApi.update(account.id, {
        displayName: v.displayName.trim(),
        ...(self ? {} : { role: v.role, active: v.active }),
        nodeId,
        unitId,
        personId: v.personId ?? null,
      });
      onSaved(saved);
    } else {
      const created = await accountsApi.create({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        role: v.role,
        nodeId,
        unitId,
        personId: v.personId ?? null,
        ...(v.password ? { password: v.password } : {}),
      });
      onSaved(created.account, created.temporaryPassword);
    }
  };

  return (
    <FormDrawer<Values>
      open={open}
      onClose={onClose}
      title={account ? t('accounts.edit') : t('accounts.add')}
      form={form}
      initialValues={initialValues}
      fields={['username', 'displayName', 'role', 'nodeId', 'unitId', 'personId', 'password', 'active']}
      onSubmit={submit}
      testId="account"
    >
        <Form.Item name="username" label={t('accounts.username')} rules={account ? [] : [{ required: true, message: t('common.required') }, zodRule(AccountCreateInput.shape.username)]}>
          <Input disabled={!!account} maxLength={LIMITS.username} autoCapitalize="none" autoComplete="off" data-testid="account-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('accounts.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required') }, zodRule(AccountCreateInput.shape.displayName)]}>
          <Input maxLength={LIMITS.name} data-testid="account-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            disabled={self}
            options={options('role', account && !roles.includes(account.role) ? [...roles, account.role] : roles)}
            data-testid="account-role"
          />
        </Form.Item>
        {binding === 'node' && (
          <Form.Item name="nodeId" label={t('accounts.node')} rules={[{ required: true, message: t('accounts.nodeRequired') }]}>
            <NodePicker initialLabel={account?.nodeName} testId="account-node" />
          </Form.Item>
        )}
        {binding === 'unit' && (
          <Form.Item name="unitId" label={t('accounts.unit')} rules={[{ required: true, message: t('accounts.unitRequired') }]}>
            <UnitSelect initialLabel={account?.unitName} testId="account-unit" />
          </Form.Item>
        )}
        <Form.Item name="personId" label={t('accounts.person')} extra={t('accounts.personHint')}>
          <PersonSelect initialLabel={account?.personName} testId="account-person" />
        </Form.Item>
        {!account && (
          <Form.Item name="password" label={t('accounts.password')} extra={t('accounts.passwordHint')} rules={[zodRule(AccountCreateInput.shape.password, { optional: true })]}>
            <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} data-testid="account-password" />
          </Form.Item>
        )}
        {account && (
          <Form.Item name="active" label={t('accounts.active')} valuePropName="checked">
            <Switch disabled={self} checkedChildren={t('accounts.enabled')} unCheckedChildren={t('accounts.disabled')} />
          </Form.Item>
        )}
    </FormDrawer>
  );
}

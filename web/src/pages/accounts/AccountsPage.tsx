import { useCallback, useState } from 'react';
import { App, Button, Card, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ROLES, type Role } from '@shared/platform/policy.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { accountsApi, type AccountView } from '../../api/accounts.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useKeysetList } from '../../components/useKeysetList.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useLabels, useT } from '../../i18n/index.tsx';
import { AccountDrawer } from './AccountDrawer.tsx';
import { TempPasswordModal } from './TempPasswordModal.tsx';

export default function AccountsPage() {
  const t = useT();
  const me = useMe();
  const phone = useIsPhone();
  const { label, options } = useLabels();
  const { modal, message } = App.useApp();
  const reportError = useReportError();
  const [filters, setFilters] = useState<{ q?: string; role?: Role }>({});
  const [drawer, setDrawer] = useState<{ open: boolean; account: AccountView | null }>({ open: false, account: null });
  const [temp, setTemp] = useState<{ value: string; who: string } | null>(null);

  const fetchPage = useCallback((cursor: string | null) => accountsApi.list(filters, cursor), [filters]);
  const list = useKeysetList(fetchPage);

  const resetPassword = (a: AccountView) => {
    modal.confirm({
      title: t('accounts.resetPassword'),
      content: t('accounts.resetConfirm', { name: a.displayName }),
      okText: t('accounts.resetPassword'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-reset' },
      onOk: async () => {
        try {
          const r = await accountsApi.resetPassword(a.id);
          setTemp({ value: r.temporaryPassword, who: a.username });
          list.upsert({ ...a, mustChangePassword: true });
        } catch (e) {
          reportError(e);
        }
      },
    });
  };

  const bindingText = (a: AccountView) => a.nodeName ?? a.unitName ?? '—';
  const status = (a: AccountView) => (
    <Space size={4} wrap>
      <Tag color={a.active ? 'green' : 'default'}>{a.active ? t('accounts.enabled') : t('accounts.disabled')}</Tag>
      {a.mustChangePassword && <Tag color="orange">{t('accounts.mustChange')}</Tag>}
    </Space>
  );
  const actions = (a: AccountView) => (
    <Space size={0}>
      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ open: true, account: a })} data-testid="account-edit">
        {phone ? null : t('common.edit')}
      </Button>
      {a.id !== me.id && (
        <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => resetPassword(a)} data-testid="account-reset">
          {phone ? null : t('accounts.resetPassword')}
        </Button>
      )}
    </Space>
  );

  return (
    <div data-testid="page-accounts">
      <PageTitle
        title={t('accounts.title')}
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, account: null })} data-testid="account-add">
            {t('accounts.add')}
          </Button>
        }
      />
      <Card size="small">
        <div className="filter-bar">
          <Input.Search
            allowClear
            maxLength={LIMITS.search}
            placeholder={t('accounts.searchPlaceholder')}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
            style={{ width: phone ? undefined : 240 }}
            data-testid="accounts-search"
          />
          <Select
            allowClear
            placeholder={t('accounts.role')}
            style={{ width: phone ? undefined : 180 }}
            value={filters.role}
            onChange={(role: Role | undefined) => setFilters((f) => ({ ...f, role }))}
            options={options('role', ROLES)}
          />
        </div>
        <ApiErrorAlert error={list.error} />
        {phone ? (
          <List
            loading={list.loading && list.items.length === 0}
            dataSource={list.items}
            renderItem={(a) => (
              <List.Item actions={[actions(a)]} style={{ paddingInline: 4 }}>
                <List.Item.Meta
                  title={
                    <Space size={4} wrap>
                      <span>{a.displayName}</span>
                      <Tag color="red">{label('role', a.role)}</Tag>
                    </Space>
                  }
                  description={
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {a.username} · {bindingText(a)}
                      </Typography.Text>
                      <div style={{ marginTop: 4 }}>{status(a)}</div>
                    </div>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Table<AccountView>
            rowKey="id"
            loading={list.loading && list.items.length === 0}
            dataSource={list.items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="accounts-table"
            columns={[
              { title: t('accounts.username'), dataIndex: 'username', render: (v: string, a) => <span className="mono">{v}{a.id === me.id ? t('accounts.self') : ''}</span> },
              { title: t('accounts.displayName'), dataIndex: 'displayName' },
              { title: t('accounts.role'), dataIndex: 'role', render: (v: Role) => <Tag color="red">{label('role', v)}</Tag> },
              { title: t('accounts.binding'), key: 'binding', render: (_: unknown, a) => bindingText(a) },
              { title: t('accounts.active'), key: 'status', render: (_: unknown, a) => status(a) },
              { title: t('accounts.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—') },
              { title: t('common.actions'), key: 'actions', fixed: 'right', render: (_: unknown, a) => actions(a) },
            ]}
          />
        )}
        <LoadMore count={list.items.length} hasMore={list.hasMore} loading={list.loading} onMore={() => void list.loadMore()} />
      </Card>
      <AccountDrawer
        open={drawer.open}
        account={drawer.account}
        onClose={() => setDrawer({ open: false, account: null })}
        onSaved={(a, temporaryPassword) => {
          setDrawer({ open: false, account: null });
          list.upsert(a);
          void message.success(t('common.saved'));
          if (temporaryPassword) setTemp({ value: temporaryPassword, who: a.username });
        }}
      />
      <TempPasswordModal value={temp?.value ?? null} who={temp?.who ?? ''} onClose={() => setTemp(null)} />
    </div>
  );
}

import { useCallback, useState } from 'react';
import { Card, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { auditApi, type AuditFilters, type AuditView } from '../../api/audit.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useKeysetList } from '../../components/useKeysetList.ts';
import { LABELS } from '../../i18n/labels.ts';
import { useLabels, useT } from '../../i18n/index.tsx';

function detailsText(details: Record<string, unknown>): string {
  const entries = Object.entries(details ?? {});
  if (entries.length === 0) return '';
  return entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('；');
}

/** Who did what to which record, newest first (read-only). */
export default function AuditPage() {
  const t = useT();
  const phone = useIsPhone();
  const { label } = useLabels();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [entityIdText, setEntityIdText] = useState('');
  const filterEntity = (id: string | undefined) => {
    setEntityIdText(id ?? '');
    setFilters((f) => ({ ...f, entityId: id }));
  };
  const fetchPage = useCallback((cursor: string | null) => auditApi.list(filters, cursor), [filters]);
  const list = useKeysetList(fetchPage);

  const actionText = (action: string) => {
    const [entity, verb] = action.split('.', 2);
    const v = verb ? label('auditVerb', verb) : '';
    // Sign-in events read as one word (登录), not "sign-in · signed in".
    if (entity === 'auth') return v || action;
    return `${label('entityType', entity)}${v ? ` · ${v}` : ''}`;
  };
  const at = (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss');
  // Start-up tasks and the CLI act as the built-in 'system' actor.
  const actor = (name: string) => (name === 'system' ? t('audit.system') : name);

  return (
    <div data-testid="page-audit">
      <PageTitle title={t('audit.title')} />
      <Card size="small">
        <div className="filter-bar">
          <Select
            allowClear
            placeholder={t('audit.entityType')}
            style={{ width: phone ? undefined : 180 }}
            value={filters.entityType}
            onChange={(entityType: string | undefined) => setFilters((f) => ({ ...f, entityType }))}
            options={Object.keys(LABELS.entityType).map((k) => ({ value: k, label: label('entityType', k) }))}
            data-testid="audit-entity-type"
          />
          <Input.Search
            allowClear
            placeholder={`${t('audit.action')}（node.create）`}
            style={{ width: phone ? undefined : 220 }}
            maxLength={64}
            onSearch={(v) => setFilters((f) => ({ ...f, action: v.trim() || undefined }))}
          />
          <Input.Search
            allowClear
            placeholder={t('audit.entityId')}
            style={{ width: phone ? undefined : 260 }}
            maxLength={26}
            value={entityIdText}
            onChange={(e) => setEntityIdText(e.target.value)}
            onSearch={(v) => filterEntity(v.trim().toUpperCase() || undefined)}
          />
        </div>
        <ApiErrorAlert error={list.error} />
        {phone ? (
          <List
            loading={list.loading && list.items.length === 0}
            dataSource={list.items}
            renderItem={(a) => (
              <List.Item style={{ paddingInline: 4 }}>
                <List.Item.Meta
                  title={
                    <Space size={4} wrap>
                      <span>{actor(a.actorName)}</span>
                      <Tag>{actionText(a.action)}</Tag>
                    </Space>
                  }
                  description={
                    <div style={{ fontSize: 12 }}>
                      <div>{at(a.at)}</div>
                      {detailsText(a.details) && <Typography.Text type="secondary">{detailsText(a.details)}</Typography.Text>}
                    </div>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Table<AuditView>
            rowKey="id"
            size="small"
            loading={list.loading && list.items.length === 0}
            dataSource={list.items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="audit-table"
            columns={[
              { title: t('audit.at'), dataIndex: 'at', width: 170, render: at },
              { title: t('audit.actor'), dataIndex: 'actorName', width: 120, render: actor },
              {
                title: t('audit.action'),
                dataIndex: 'action',
                render: (v: string) => (
                  <Space size={4}>
                    <span>{actionText(v)}</span>
                    <span className="mono" style={{ color: '#999' }}>{v}</span>
                  </Space>
                ),
              },
              {
                title: t('audit.entityId'),
                dataIndex: 'entityId',
                render: (v: string | null) =>
                  v ? (
                    <a className="mono" onClick={() => filterEntity(v)}>
                      {v}
                    </a>
                  ) : (
                    '—'
                  ),
              },
              {
                title: t('audit.details'),
                dataIndex: 'details',
                width: 360,
                render: (v: Record<string, unknown>) => (
                  <Typography.Text style={{ width: 340, fontSize: 12 }} ellipsis={{ tooltip: detailsText(v) }}>
                    {detailsText(v) || '—'}
                  </Typography.Text>
                ),
              },
            ]}
          />
        )}
        <LoadMore count={list.items.length} hasMore={list.hasMore} loading={list.loading} onMore={() => void list.loadMore()} />
      </Card>
    </div>
  );
}

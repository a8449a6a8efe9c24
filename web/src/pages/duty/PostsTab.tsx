import { useCallback, useState } from 'react';
import { App, Button, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { dutyApi, type DutyPostView } from '../../api/duty.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useList } from '../../components/useList.ts';
import { useT } from '../../i18n/index.tsx';
import { useDutyError } from './dutyErrors.ts';
import type { DutyTabProps } from './dutyTypes.ts';
import { PostFormModal } from './PostFormModal.tsx';
import { QrModal } from './QrModal.tsx';

const KIND_COLORS: Record<string, string> = { gate: 'red', sampling: 'blue', duty_phone: 'purple', isolation_site: 'orange', other: 'default' };

/** 值守点位: each post with its requirement, who leads it now, its QR code. */
export function PostsTab({ nodeId, canWrite, compact }: DutyTabProps) {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useDutyError();
  const load = useCallback(() => dutyApi.posts(nodeId), [nodeId]);
  const list = useList(load);
  const [editing, setEditing] = useState<{ post: DutyPostView | null } | null>(null);
  const [qr, setQr] = useState<DutyPostView | null>(null);

  const remove = async (p: DutyPostView) => {
    try {
      await dutyApi.removePost(p.id);
      void message.success(t('common.deleted'));
      void list.reload();
    } catch (e) {
      reportError(e, t('duty.cannotDelete'));
    }
  };

  const requirement = (p: DutyPostView) =>
    p.shifts.length === 0
      ? <Typography.Text type="secondary">{t('duty.noRequirement')}</Typography.Text>
      : (
        <Space size={[4, 4]} wrap>
          {p.shifts.map((s) => (
            <Tag key={s.id} color={s.night ? 'geekblue' : undefined}>
              {s.name} {s.start}–{s.end} ×{s.required}{s.weekdays.length < 7 ? ` (${s.weekdays.map((d) => t(`duty.weekday.${d}` as 'duty.weekday.1')).join('')})` : ''}
            </Tag>
          ))}
        </Space>
      );

  const lead = (p: DutyPostView) =>
    p.currentLead
      ? <Space size={4}>{p.currentLead.personName}{p.currentLead.acting && <Tag color="orange">{t('duty.acting')}</Tag>}</Space>
      : p.leads.length > 0 ? <Tag color="red">{t('duty.noLeadNow')}</Tag> : '—';

  const actions = (p: DutyPostView) => (
    <Space size={0}>
      {p.token && <Button type="link" size="small" icon={<QrcodeOutlined />} onClick={() => setQr(p)} data-testid="post-qr-open">{compact ? null : t('duty.qr')}</Button>}
      {canWrite && <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ post: p })} data-testid="post-edit">{compact ? null : t('common.edit')}</Button>}
      {canWrite && (
        <Popconfirm title={t('common.confirmDelete', { name: p.name })} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={() => void remove(p)}>
          <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <div data-testid="duty-posts">
      {canWrite && (
        <div className="filter-bar">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ post: null })} data-testid="duty-post-add">{t('duty.addPost')}</Button>
        </div>
      )}
      <ApiErrorAlert error={list.error} />
      {compact ? (
        <List
          loading={list.loading}
          dataSource={list.items}
          data-testid="duty-post-list"
          renderItem={(p) => (
            <List.Item actions={[actions(p)]} style={{ paddingInline: 4 }}>
              <List.Item.Meta
                title={<Space size={4} wrap>{p.name}<Tag color={KIND_COLORS[p.kind]}>{t(`duty.kind.${p.kind}` as 'duty.kind.gate')}</Tag></Space>}
                description={<div>{p.nodeName} · {t('duty.currentLead')}：{lead(p)}<div style={{ marginTop: 4 }}>{requirement(p)}</div></div>}
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<DutyPostView>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="duty-post-table"
          columns={[
            { title: t('duty.postName'), dataIndex: 'name', fixed: 'left' },
            { title: t('duty.kind'), dataIndex: 'kind', render: (k: string) => <Tag color={KIND_COLORS[k]}>{t(`duty.kind.${k}` as 'duty.kind.gate')}</Tag> },
            { title: t('duty.node'), dataIndex: 'nodeName' },
            { title: t('duty.requirement'), key: 'req', render: (_: unknown, p) => requirement(p) },
            { title: t('duty.currentLead'), key: 'lead', render: (_: unknown, p) => lead(p) },
            { title: t('duty.postPhone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
            { title: t('common.actions'), key: 'a', fixed: 'right', render: (_: unknown, p) => actions(p) },
          ]}
        />
      )}
      <PostFormModal
        open={!!editing}
        post={editing?.post ?? null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void message.success(t('common.saved'));
          void list.reload();
        }}
      />
      {qr && <QrModal post={qr} onClose={() => setQr(null)} onRotated={(p) => { setQr(p); void list.reload(); }} />}
    </div>
  );
}

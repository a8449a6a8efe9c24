import { useCallback, useState } from 'react';
import { Button, Descriptions, Drawer, List, Popconfirm, Space, Typography } from 'antd';
import { EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { mobilizationApi, type BatchDetail } from '../../api/mobilization.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useLabels, useT, type MessageKey } from '../../i18n/index.tsx';
import { MemberStatusTag, period, useMemberEdits, when } from './shared.tsx';
import { UnitPeopleSelect } from './UnitPeopleSelect.tsx';
import { useLoad } from '../../components/useLoad.ts';

/** One batch: who was sent, who has reported in and where each was put; the sending side adds or removes people. */
export function BatchDrawer({ batchId, canWrite, onClose, onEdit, onChanged }: {
  batchId: string; canWrite: boolean; onClose: () => void; onEdit: (b: BatchDetail) => void; onChanged: () => void;
}) {
  const t = useT();
  const phone = useIsPhone();
  const { label } = useLabels();
  const load = useCallback(() => mobilizationApi.batch(batchId), [batchId]);
  const { data: batch, error, loading, reload } = useLoad(load);
  const [adding, setAdding] = useState<string[]>([]);
  const edits = useMemberEdits(reload, onChanged);

  const add = () => edits.add(() => mobilizationApi.addBatchMembers(batchId, adding), () => setAdding([]));
  const remove = (personId: string) => edits.remove(() => mobilizationApi.removeBatchMember(batchId, personId));

  return (
    <Drawer open onClose={onClose} title={batch?.name ?? ''} size={phone ? '100%' : 640} loading={loading && !batch} data-testid="batch-drawer"
      extra={canWrite && batch ? <Button icon={<EditOutlined />} onClick={() => onEdit(batch)}>{phone ? null : t('common.edit')}</Button> : null}>
      <ApiErrorAlert error={error} />
      {batch && (
        <>
          <Descriptions size="small" column={phone ? 1 : 2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('mobilization.batch.unit')}>{batch.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('mobilization.batch.node')}>{batch.nodeName}</Descriptions.Item>
            <Descriptions.Item label={t('mobilization.batch.no')}>{batch.batchNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('mobilization.batch.period')}>{period(batch.startsOn, batch.endsOn, t)}</Descriptions.Item>
            <Descriptions.Item label={t('mobilization.status')} span={phone ? 1 : 2}>
              {t('mobilization.count.figures', { ...batch.figures })}
            </Descriptions.Item>
            {batch.note && <Descriptions.Item label={t('mobilization.batch.note')} span={phone ? 1 : 2}>{batch.note}</Descriptions.Item>}
          </Descriptions>
          {canWrite && (
            <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <UnitPeopleSelect unitId={batch.unitId} value={adding} onChange={setAdding} testId="batch-add-people" />
              </div>
              <Button type="primary" icon={<UserAddOutlined />} disabled={adding.length === 0} loading={edits.busy} onClick={() => void add()} data-testid="batch-add-submit">
                {phone ? null : t('mobilization.batch.addPeople')}
              </Button>
            </Space.Compact>
          )}
          <Typography.Title level={5}>{t('mobilization.batch.members')}</Typography.Title>
          <List
            dataSource={batch.members}
            data-testid="batch-members"
            renderItem={(m) => (
              <List.Item
                actions={
                  canWrite && m.status === 'expected'
                    ? [
                        <Popconfirm key="rm" title={t('common.confirmDelete', { name: m.personName })} onConfirm={() => void remove(m.personId)}>
                          <Button type="link" danger size="small">{t('mobilization.batch.removeMember')}</Button>
                        </Popconfirm>,
                      ]
                    : undefined
                }
              >
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      <span>{m.personName}</span>
                      <MemberStatusTag status={m.status} t={t} />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{label('political', m.politicalStatus)}</Typography.Text>
                    </Space>
                  }
                  description={
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[
                        m.phoneMasked,
                        m.reportedAt ? `${t('mobilization.arrivals.reportedAt')} ${when(m.reportedAt)}${m.reportMethod ? `（${t(`mobilization.method.${m.reportMethod}` as MessageKey)}）` : ''}` : null,
                        m.assignment ? `${t(`mobilization.assignKind.${m.assignment.kind}` as MessageKey)}：${m.assignment.name ?? '—'}` : null,
                      ].filter(Boolean).join(' · ')}
                    </Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
        </>
      )}
    </Drawer>
  );
}

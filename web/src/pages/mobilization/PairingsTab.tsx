import { useCallback, useMemo, useState } from 'react';
import { App, Button, Col, DatePicker, Drawer, Empty, Form, Input, List, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { newId } from '@shared/platform/ids.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { mobilizationApi, type PairingView } from '../../api/mobilization.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useList } from '../../components/useList.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { AnyUnitSelect } from './AnyUnitSelect.tsx';
import { MemberStatusTag, period, translated, withTexts } from './shared.tsx';
import { useLoad } from '../../components/useLoad.ts';

interface Values {
  unitId?: string;
  nodeId?: string;
  startsOn?: Dayjs;
  endsOn?: Dayjs | null;
  note?: string;
}

function ActivityDrawer({ pairing, onClose }: { pairing: PairingView; onClose: () => void }) {
  const t = useT();
  const phone = useIsPhone();
  const load = useCallback(() => mobilizationApi.pairingActivity(pairing.id), [pairing.id]);
  const { data, error, loading } = useLoad(load);
  return (
    <Drawer open onClose={onClose} size={phone ? '100%' : 560} loading={loading && !data} data-testid="pairing-activity"
      title={`${pairing.unitName} ⇄ ${pairing.nodeName}`}>
      <ApiErrorAlert error={error} />
      {data && (
        <>
          <Typography.Paragraph>
            <Space wrap>
              <Tag color="red">{t('mobilization.count.figures', { ...data.pairing.figures })}</Tag>
              <Tag color="gold">{t('mobilization.pairing.pledges', { pledges: data.pledges, fulfilments: data.fulfilments })}</Tag>
            </Space>
          </Typography.Paragraph>
          <Typography.Title level={5}>{t('mobilization.pairing.activity')}</Typography.Title>
          <List
            size="small"
            dataSource={data.members}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            renderItem={(m) => (
              <List.Item>
                <Space wrap size={4}>
                  <span>{m.personName}</span>
                  <MemberStatusTag status={m.status} t={t} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[m.batchName, m.reportedNodeName ?? m.nodeName, m.assignment ? `${t(`mobilization.assignKind.${m.assignment.kind}` as MessageKey)}：${m.assignment.name ?? '—'}` : null].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('mobilization.pairing.teamMembers')}</Typography.Title>
          <List
            size="small"
            dataSource={data.teamMembers}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            renderItem={(m) => (
              <List.Item>
                <Space wrap size={4}><span>{m.personName}</span><Tag>{m.teamName}</Tag><Tag color="red">{t(`mobilization.role.${m.role}` as MessageKey)}</Tag></Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Drawer>
  );
}

/** 结对共建: units paired with communities; each pair opens what the unit's people do there. */
export function PairingsTab({ canWrite, compact }: { canWrite: boolean; compact: boolean }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const reportError = useReportError();
  const load = useCallback(() => mobilizationApi.pairings(), []);
  const list = useList(load);
  const [open, setOpen] = useState<PairingView | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const liaison = me.role === 'unit_liaison';
  const id = useMemo(() => (formOpen ? newId() : ''), [formOpen]);

  const remove = async (p: PairingView) => {
    try {
      await mobilizationApi.removePairing(p.id);
      void list.reload();
      void message.success(t('common.deleted'));
    } catch (e) {
      reportError(translated(e));
    }
  };

  const submit = async (v: Values) => {
    await withTexts(() => mobilizationApi.createPairing({
      id, unitId: liaison ? (me.unitId ?? undefined) : v.unitId, nodeId: v.nodeId, startsOn: v.startsOn?.format('YYYY-MM-DD'),
      endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null, note: v.note?.trim() || null,
    }));
    setFormOpen(false);
    void list.reload();
    void message.success(t('common.saved'));
  };

  const del = (p: PairingView) =>
    canWrite && (
      <Popconfirm title={t('common.confirmDelete', { name: `${p.unitName} ⇄ ${p.nodeName}` })} onConfirm={() => void remove(p)}>
        <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={(e) => e.stopPropagation()} />
      </Popconfirm>
    );

  return (
    <div data-testid="tab-pairings">
      {canWrite && (
        <div className="filter-bar">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="pairing-add">{t('mobilization.pairing.add')}</Button>
        </div>
      )}
      <ApiErrorAlert error={list.error} />
      {compact ? (
        <List
          loading={list.loading}
          dataSource={list.items}
          locale={{ emptyText: t('mobilization.pairing.empty') }}
          renderItem={(p) => (
            <List.Item onClick={() => setOpen(p)} actions={canWrite ? [del(p)] : undefined} style={{ cursor: 'pointer', paddingInline: 4 }}>
              <List.Item.Meta
                title={`${p.unitName} ⇄ ${p.nodeName}`}
                description={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${period(p.startsOn, p.endsOn, t)} · ${t('mobilization.count.figures', { ...p.figures })}`}</Typography.Text>}
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<PairingView>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('mobilization.pairing.empty') }}
          onRow={(p) => ({ onClick: () => setOpen(p), style: { cursor: 'pointer' } })}
          data-testid="pairing-table"
          columns={[
            { title: t('mobilization.pairing.unit'), dataIndex: 'unitName' },
            { title: t('mobilization.pairing.node'), dataIndex: 'nodeName' },
            { title: t('mobilization.batch.period'), key: 'period', render: (_: unknown, p) => period(p.startsOn, p.endsOn, t) },
            { title: t('mobilization.status'), key: 'figures', render: (_: unknown, p) => t('mobilization.count.figures', { ...p.figures }) },
            { title: t('mobilization.pairing.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
            ...(canWrite ? [{ title: t('common.actions'), key: 'actions', width: 80, render: (_: unknown, p: PairingView) => del(p) }] : []),
          ]}
        />
      )}
      {open && <ActivityDrawer pairing={open} onClose={() => setOpen(null)} />}
      <FormModal<Values> open={formOpen} title={t('mobilization.pairing.add')} form={form} initialValues={{ startsOn: dayjs() }}
        fields={['unitId', 'nodeId', 'startsOn', 'endsOn', 'note']} onSubmit={submit} onClose={() => setFormOpen(false)} testId="pairing-form">
        {!liaison && (
          <Form.Item name="unitId" label={t('mobilization.pairing.unit')} rules={[{ required: true, message: t('common.required') }]}>
            <AnyUnitSelect testId="pairing-unit" />
          </Form.Item>
        )}
        <Form.Item name="nodeId" label={t('mobilization.pairing.node')} rules={[{ required: true, message: t('common.required') }]}>
          <NodePicker testId="pairing-node" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="startsOn" label={t('mobilization.pairing.startsOn')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker style={{ width: '100%' }} inputReadOnly />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="endsOn" label={t('mobilization.pairing.endsOn')}>
              <DatePicker style={{ width: '100%' }} inputReadOnly placeholder={t('common.optional')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('mobilization.pairing.note')}>
          <Input.TextArea maxLength={LIMITS.note} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </FormModal>
    </div>
  );
}

import { useCallback, useState } from 'react';
import { App as AntApp, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { BellOutlined, DeleteOutlined, DownloadOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { zClock } from '@shared/modules/nat/nat.schema.ts';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert.tsx';
import { FormModal } from '../../../components/FormModal.tsx';
import { zodRule } from '../../../components/forms.ts';
import { NodePicker } from '../../../components/NodePicker.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { useLoad } from '../../../components/useLoad.ts';
import { useT } from '../../../i18n/index.tsx';
import { planApi, shanghaiDateTime, type RoundView, type SlotView } from './api.ts';

interface SlotValues { siteId: string; nodeId: string; day: Dayjs; from: string; to: string; note?: string }

const hhmm = (iso: string) => shanghaiDateTime(iso).slice(11);

/** Batch schedule (分批次): which place comes to which site when, and the reminder list per slot. */
export function SlotsTab({ round, canManage }: { round: RoundView; canManage: boolean }) {
  const t = useT();
  const phone = useIsPhone();
  const [version, setVersion] = useState(0);
  const [adding, setAdding] = useState(false);
  const [reminding, setReminding] = useState<SlotView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<SlotValues>();
  const slots = useLoad(useCallback(() => planApi.slots(round.id), [round.id]), version);
  const sites = useLoad(useCallback(() => planApi.sites(round.id), [round.id]));
  const reload = () => setVersion((v) => v + 1);

  const submit = async (v: SlotValues) => {
    const day = v.day.format('YYYY-MM-DD');
    await planApi.createSlot(v.siteId, {
      nodeId: v.nodeId, startsAt: `${day}T${v.from}:00+08:00`, endsAt: `${day}T${v.to}:00+08:00`, note: v.note || null,
    });
    setAdding(false);
    reload();
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="nat-slots">
      <ApiErrorAlert error={error ?? slots.error} />
      {canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="nat-slot-new">{t('natPlan.slot.new')}</Button>}
      <Table<SlotView>
        size="small" rowKey="id" loading={slots.loading} dataSource={slots.data ?? []} pagination={false} scroll={{ x: true }}
        columns={[
          { title: t('natPlan.slot.time'), render: (_, s) => `${shanghaiDateTime(s.startsAt).slice(5, 10)} ${hhmm(s.startsAt)}–${hhmm(s.endsAt)}` },
          { title: t('natPlan.slot.site'), dataIndex: 'siteName', responsive: phone ? ['md'] : undefined },
          { title: t('natPlan.slot.place'), dataIndex: 'nodeName' },
          { title: t('natPlan.slot.households'), dataIndex: 'households', align: 'right' },
          { title: t('natPlan.slot.residents'), dataIndex: 'residents', align: 'right' },
          { title: t('natPlan.slot.note'), dataIndex: 'note', responsive: ['md'] },
          {
            title: t('common.actions'), render: (_, s) => (
              <Space>
                <Button size="small" icon={<BellOutlined />} onClick={() => setReminding(s)} data-testid={`nat-slot-remind-${s.id}`}>{t('natPlan.reminders')}</Button>
                {canManage && (
                  <Popconfirm title={t('natPlan.slot.confirmDelete')} onConfirm={() => planApi.removeSlot(s.id).then(reload).catch(setError)}>
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <FormModal<SlotValues>
        open={adding} form={form} title={t('natPlan.slot.new')} onClose={() => setAdding(false)} onSubmit={submit}
        initialValues={{ day: dayjs(round.startsOn), from: '08:00', to: '09:00' }}
        fields={['siteId', 'nodeId', 'day', 'from', 'to', 'note']} testId="nat-slot-form"
      >
        <Form.Item name="siteId" label={t('natPlan.slot.site')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))} data-testid="nat-slot-site" />
        </Form.Item>
        <Form.Item name="nodeId" label={t('natPlan.slot.place')} extra={t('natPlan.slot.placeHelp')} rules={[{ required: true, message: t('common.required') }]}>
          <NodePicker testId="nat-slot-node" />
        </Form.Item>
        <Form.Item name="day" label={t('natPlan.slot.day')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Space>
          <Form.Item name="from" label={t('natPlan.slot.from')} rules={[zodRule(zClock)]}><Input placeholder="08:00" style={{ width: 110 }} /></Form.Item>
          <Form.Item name="to" label={t('natPlan.slot.to')} rules={[zodRule(zClock)]}><Input placeholder="09:00" style={{ width: 110 }} /></Form.Item>
        </Space>
        <Form.Item name="note" label={t('natPlan.slot.note')}><Input maxLength={200} /></Form.Item>
      </FormModal>
      {reminding && <ReminderModal slot={reminding} round={round} canManage={canManage} onClose={() => setReminding(null)} />}
    </Space>
  );
}

/** The household reminder list of a slot: print, Excel, and send through the notifier (once per household). */
function ReminderModal({ slot, round, canManage, onClose }: { slot: SlotView; round: RoundView; canManage: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const list = useLoad(useCallback(() => planApi.reminders(slot.id), [slot.id]), version);
  const send = async () => {
    try {
      const r = await planApi.sendReminders(slot.id);
      message.success(t('natPlan.reminders.sent', { sent: r.sent, already: r.alreadySent }));
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal open title={t('natPlan.reminders')} onCancel={onClose} footer={null} width={760} data-testid="nat-reminders">
      <ApiErrorAlert error={error ?? list.error} />
      <Space wrap className="nat-no-print" style={{ marginBottom: 12 }}>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('natPlan.print')}</Button>
        <Button icon={<DownloadOutlined />} href={planApi.remindersXlsxUrl(slot.id)}>{t('natPlan.excel')}</Button>
        {canManage && <Button type="primary" icon={<BellOutlined />} onClick={() => void send()} data-testid="nat-reminders-send">{t('natPlan.reminders.send')}</Button>}
        {list.data?.sentAt && <Tag color="green">{t('natPlan.reminders.sentAt', { at: shanghaiDateTime(list.data.sentAt) })}</Tag>}
      </Space>
      <div className="nat-print">
        <h3 style={{ marginTop: 0 }}>{round.name} · {slot.siteName}</h3>
        <div style={{ marginBottom: 8 }}>
          {t('natPlan.reminders.header', { place: slot.nodeName, time: `${shanghaiDateTime(slot.startsAt)}–${hhmm(slot.endsAt)}`, n: slot.households })}
        </div>
        <Table
          size="small" rowKey="householdId" pagination={false} loading={list.loading} dataSource={list.data?.households ?? []}
          columns={[
            { title: t('natPlan.reminders.address'), dataIndex: 'address' },
            { title: t('natPlan.reminders.residents'), render: (_, h) => h.residents.map((r) => `${r.name}${r.phoneMasked ? ` ${r.phoneMasked}` : ''}`).join('；') },
            { title: t('natPlan.reminders.noPhone'), render: (_, h) => (h.phones === 0 ? <Tag color="orange">{t('natPlan.reminders.visit')}</Tag> : null) },
            { title: t('natPlan.reminders.signed'), render: () => <span style={{ display: 'inline-block', width: 60, borderBottom: '1px solid #999' }}>&nbsp;</span> },
          ]}
        />
      </div>
    </Modal>
  );
}

import { useCallback, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, List, Modal, Popconfirm, Select, Space, Switch, Tag, Typography } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { UNAVAILABILITY_REASONS, type UnavailabilityReason } from '@shared/modules/duty/duty.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { dutyApi, type MarkUnavailableResult, type UnavailabilityView } from '../../api/duty.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PersonSelect } from '../../components/pickers.tsx';
import { useList } from '../../components/useList.ts';
import { useT } from '../../i18n/index.tsx';
import { useDutyError, withDutyText } from './dutyErrors.ts';
import type { DutyTabProps } from './dutyTypes.ts';
import { dayTime, span } from './time.ts';

interface Values {
  personId: string | null;
  period: [Dayjs, Dayjs];
  reason: UnavailabilityReason;
  note?: string;
}

const REASON_COLORS: Record<string, string> = { isolation: 'red', sick: 'orange', leave: 'blue', other: 'default' };

/** 隔离、病假、请假: who cannot serve when. Marking someone releases their shifts and hands their posts to the next in line. */
export function UnavailabilityTab({ nodeId, canWrite }: DutyTabProps) {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useDutyError();
  const [all, setAll] = useState(false);
  const load = useCallback(() => dutyApi.unavailability(nodeId, !all), [nodeId, all]);
  const list = useList(load);
  const [form] = Form.useForm<Values>();
  const [adding, setAdding] = useState(false);
  const [result, setResult] = useState<MarkUnavailableResult | null>(null);

  const submit = async (v: Values) => {
    try {
      const r = await dutyApi.markUnavailable({
        id: newId(), personId: v.personId ?? '', from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD'),
        reason: v.reason, note: v.note?.trim() || null,
      });
      setAdding(false);
      setResult(r);
      void list.reload();
    } catch (e) {
      throw withDutyText(e);
    }
  };

  const end = async (u: UnavailabilityView) => {
    try {
      await dutyApi.endUnavailability(u.id);
      void message.success(t('duty.unavailabilityEnded'));
      void list.reload();
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <div data-testid="duty-unavailability">
      <div className="filter-bar">
        {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="unavailability-add">{t('duty.markUnavailable')}</Button>}
        <Space><Switch size="small" checked={all} onChange={setAll} /><span>{t('duty.showEnded')}</span></Space>
      </div>
      <ApiErrorAlert error={list.error} />
      <List
        loading={list.loading}
        dataSource={list.items}
        data-testid="unavailability-list"
        renderItem={(u) => (
          <List.Item
            style={{ paddingInline: 4 }}
            actions={canWrite && Date.parse(u.to) > Date.now() ? [
              <Popconfirm key="end" title={t('duty.endConfirm', { name: u.personName })} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => void end(u)}>
                <Button size="small" icon={<StopOutlined />}>{t('duty.endNow')}</Button>
              </Popconfirm>,
            ] : undefined}
          >
            <List.Item.Meta
              title={<Space size={4} wrap>{u.personName}<Tag color={REASON_COLORS[u.reason]}>{t(`duty.reason.${u.reason}` as 'duty.reason.other')}</Tag></Space>}
              description={
                <span>
                  {dayTime(u.from)} – {dayTime(u.to)}
                  {u.releasedCount > 0 && ` · ${t('duty.releasedShifts', { n: u.releasedCount })}`}
                  {u.note && <Typography.Text type="secondary"> · {u.note}</Typography.Text>}
                </span>
              }
            />
          </List.Item>
        )}
      />
      <FormModal<Values> open={adding} title={t('duty.markUnavailable')} form={form} initialValues={{ reason: 'isolation' }}
        fields={['personId', 'from', 'to', 'reason', 'note']} onSubmit={submit} onClose={() => setAdding(false)} testId="unavailability">
        <Form.Item name="personId" label={t('duty.person')} rules={[{ required: true, message: t('common.required') }]}>
          <PersonSelect testId="unavailability-person" />
        </Form.Item>
        <Form.Item name="period" label={t('duty.period')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="reason" label={t('duty.reason')} rules={[{ required: true }]}>
          <Select options={UNAVAILABILITY_REASONS.map((r) => ({ value: r, label: t(`duty.reason.${r}` as 'duty.reason.other') }))} />
        </Form.Item>
        <Form.Item name="note" label={t('duty.note')}>
          <Input.TextArea maxLength={LIMITS.note} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </FormModal>
      <Modal open={!!result} title={t('duty.unavailabilityDone')} onCancel={() => setResult(null)} onOk={() => setResult(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        {result && (
          <div data-testid="unavailability-result">
            <Alert type="info" showIcon title={t('duty.releasedShifts', { n: result.released.length })} style={{ marginBottom: 8 }} />
            <List size="small" dataSource={result.released} renderItem={(r) => (
              <List.Item>{r.day.slice(5)} {r.shiftName} {span(r.startsAt, r.endsAt, t('duty.nextDayShort'))} · {r.postName}</List.Item>
            )} />
            {result.successions.map((s) => (
              <Alert key={s.id} type={s.toPersonId ? 'warning' : 'error'} showIcon style={{ marginTop: 8 }}
                title={s.toPersonId ? t('duty.successionTo', { post: s.postName, name: s.toPersonName ?? '' }) : t('duty.successionNone', { post: s.postName })} />
            ))}
          </div>
        )}
      </Modal>
    </div>
  );
}

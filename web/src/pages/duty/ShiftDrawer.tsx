import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Empty, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, LoginOutlined, LogoutOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import type { AssignmentView, ShiftView } from '@shared/modules/duty/roster.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { dutyApi } from '../../api/duty.ts';
import { PersonSelect } from '../../components/pickers.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useT } from '../../i18n/index.tsx';
import { useDutyError } from './dutyErrors.ts';
import { dayTime, hhmm } from './time.ts';

interface Props {
  shift: ShiftView;
  postName: string;
  canWrite: boolean;
  onClose: () => void;
  onChanged: () => void;
}

/** One shift: who holds it and whether they are at the post; assign, remove, swap, and the check-in button. */
export function ShiftDrawer({ shift, postName, canWrite, onClose, onChanged }: Props) {
  const t = useT();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const reportError = useDutyError();
  const [personId, setPersonId] = useState<string | null>(null);
  const [swapFor, setSwapFor] = useState<AssignmentView | null>(null);
  const [swapTo, setSwapTo] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (key: string, action: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await action();
      void message.success(done);
      onChanged();
      return true;
    } catch (e) {
      reportError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const assign = async () => {
    if (!personId) return;
    if (await run('assign', () => dutyApi.assign({ id: newId(), shiftId: shift.id, personId }), t('duty.assigned'))) setPersonId(null);
  };

  const proposeSwap = async () => {
    if (!swapFor || !swapTo) return;
    const ok = await run('swap', () => dutyApi.proposeSwap({ id: newId(), assignmentId: swapFor.id, toPersonId: swapTo }), t('duty.swapProposed'));
    if (ok) {
      setSwapFor(null);
      setSwapTo(null);
    }
  };

  const ended = Date.parse(shift.endsAt) <= Date.now();
  const status = (a: AssignmentView) => {
    if (!a.attendance) return <Tag>{t('duty.notCheckedIn')}</Tag>;
    if (a.attendance.checkedOutAt) return <Tag color="default">{t('duty.checkedOutAt', { time: hhmm(a.attendance.checkedOutAt) })}</Tag>;
    return (
      <Space size={4} wrap>
        <Tag color="green">{t('duty.checkedInAt', { time: hhmm(a.attendance.checkedInAt) })}</Tag>
        {a.attendance.lateMinutes > 0 && <Tag color="orange">{t('duty.lateBy', { n: a.attendance.lateMinutes })}</Tag>}
      </Space>
    );
  };

  return (
    <Drawer open title={`${postName} · ${shift.name}`} onClose={onClose} size={phone ? '100%' : 460} data-testid="shift-drawer">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'time', label: t('duty.time'), children: <>{dayTime(shift.startsAt)} – {dayTime(shift.endsAt)} {ended && <Tag>{t('duty.ended')}</Tag>}</> },
          { key: 'req', label: t('duty.required'), children: shift.required },
          {
            key: 'gap',
            label: t('duty.gap'),
            children: shift.missing > 0 ? <Tag color="red">{t('duty.missing', { n: shift.missing })}</Tag> : <Tag color="green">{t('duty.covered')}</Tag>,
          },
        ]}
      />
      <Typography.Title level={5}>{t('duty.holders')}</Typography.Title>
      <List
        size="small"
        dataSource={shift.assignments}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.nobody')} /> }}
        data-testid="shift-holders"
        renderItem={(a) => (
          <List.Item
            actions={canWrite && !ended ? [
              !a.attendance && (
                <Button key="in" size="small" icon={<LoginOutlined />} loading={busy === `in:${a.id}`} data-testid="holder-checkin"
                  onClick={() => void run(`in:${a.id}`, () => dutyApi.checkin({ id: newId(), kind: 'in', shiftId: shift.id, personId: a.personId }), t('duty.checkinDone'))}>
                  {phone ? null : t('duty.checkin')}
                </Button>
              ),
              a.attendance && !a.attendance.checkedOutAt && (
                <Button key="out" size="small" icon={<LogoutOutlined />} loading={busy === `out:${a.id}`}
                  onClick={() => void run(`out:${a.id}`, () => dutyApi.checkin({ id: newId(), kind: 'out', shiftId: shift.id, personId: a.personId }), t('duty.checkoutDone'))}>
                  {phone ? null : t('duty.checkout')}
                </Button>
              ),
              !a.attendance && (
                <Button key="swap" size="small" icon={<SwapOutlined />} onClick={() => setSwapFor(a)} aria-label={t('duty.swap')} data-testid="holder-swap" />
              ),
              !a.attendance && (
                <Popconfirm key="del" title={t('duty.confirmUnassign', { name: a.personName })} okText={t('common.delete')} cancelText={t('common.cancel')}
                  onConfirm={() => void run(`del:${a.id}`, () => dutyApi.unassign(a.id), t('common.deleted'))}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="holder-remove" />
                </Popconfirm>
              ),
            ].filter(Boolean) : undefined}
          >
            <List.Item.Meta title={a.personName} description={status(a)} />
          </List.Item>
        )}
      />
      {canWrite && swapFor && (
        <div className="duty-drawer-box" data-testid="swap-box">
          <Typography.Text>{t('duty.swapFrom', { name: swapFor.personName })}</Typography.Text>
          <PersonSelect value={swapTo} onChange={setSwapTo} placeholder={t('duty.swapTo')} testId="swap-to" />
          <Space>
            <Button type="primary" disabled={!swapTo} loading={busy === 'swap'} onClick={() => void proposeSwap()} data-testid="swap-submit">{t('duty.proposeSwap')}</Button>
            <Button onClick={() => setSwapFor(null)}>{t('common.cancel')}</Button>
          </Space>
        </div>
      )}
      {canWrite && !ended && (
        <div className="duty-drawer-box">
          <Typography.Text strong>{t('duty.addPerson')}</Typography.Text>
          <PersonSelect value={personId} onChange={setPersonId} testId="assign-person" />
          <Button type="primary" icon={<UserAddOutlined />} disabled={!personId} loading={busy === 'assign'} onClick={() => void assign()} data-testid="assign-submit">
            {t('duty.assign')}
          </Button>
        </div>
      )}
      {shift.released.length > 0 && (
        <>
          <Typography.Title level={5}>{t('duty.released')}</Typography.Title>
          <List
            size="small"
            dataSource={shift.released}
            data-testid="shift-released"
            renderItem={(a) => (
              <List.Item>
                <Typography.Text delete type="secondary">{a.personName}</Typography.Text>
                <Tag color={a.status === 'swapped' ? 'blue' : 'volcano'}>{t(`duty.reason.${a.releasedReason ?? 'other'}` as 'duty.reason.other')}</Tag>
              </List.Item>
            )}
          />
        </>
      )}
    </Drawer>
  );
}

import { useCallback, useState } from 'react';
import { App, Button, List, Segmented, Space, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { SwapStatus } from '@shared/modules/duty/roster.schema.ts';
import { dutyApi, type SwapView } from '../../api/duty.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useList } from '../../components/useList.ts';
import { useT } from '../../i18n/index.tsx';
import { useDutyError } from './dutyErrors.ts';
import type { DutyTabProps } from './dutyTypes.ts';
import { span } from './time.ts';

const STATUS_COLORS: Record<SwapStatus, string> = { proposed: 'gold', approved: 'green', rejected: 'default' };

/** 换班: proposals waiting for a manager, and the decided ones. The rules are checked again on approval. */
export function SwapsTab({ nodeId, canWrite }: DutyTabProps) {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useDutyError();
  const [status, setStatus] = useState<SwapStatus | 'all'>('proposed');
  const load = useCallback(() => dutyApi.swaps(nodeId, status === 'all' ? undefined : status), [nodeId, status]);
  const list = useList(load);
  const [busy, setBusy] = useState<string | null>(null);

  const decide = async (s: SwapView, approve: boolean) => {
    setBusy(s.id);
    try {
      await (approve ? dutyApi.approveSwap(s.id) : dutyApi.rejectSwap(s.id));
      void message.success(approve ? t('duty.swapApproved') : t('duty.swapRejected'));
      void list.reload();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="duty-swaps">
      <div className="filter-bar">
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as SwapStatus | 'all')}
          options={(['proposed', 'approved', 'rejected', 'all'] as const).map((s) => ({ value: s, label: t(`duty.swapStatus.${s}` as 'duty.swapStatus.all') }))}
        />
      </div>
      <ApiErrorAlert error={list.error} />
      <List
        loading={list.loading}
        dataSource={list.items}
        data-testid="duty-swap-list"
        renderItem={(s) => (
          <List.Item
            style={{ paddingInline: 4 }}
            actions={canWrite && s.status === 'proposed' ? [
              <Button key="ok" type="primary" size="small" icon={<CheckOutlined />} loading={busy === s.id} onClick={() => void decide(s, true)} data-testid="swap-approve">{t('duty.approve')}</Button>,
              <Button key="no" size="small" icon={<CloseOutlined />} disabled={busy === s.id} onClick={() => void decide(s, false)} data-testid="swap-reject">{t('duty.reject')}</Button>,
            ] : undefined}
          >
            <List.Item.Meta
              title={<Space size={4} wrap><span>{s.fromPersonName} → {s.toPersonName}</span><Tag color={STATUS_COLORS[s.status]}>{t(`duty.swapStatus.${s.status}` as 'duty.swapStatus.all')}</Tag></Space>}
              description={
                <span>
                  {s.shift.postName} · {s.shift.day.slice(5)} {s.shift.shiftName} {span(s.shift.startsAt, s.shift.endsAt, t('duty.nextDayShort'))}
                  {s.reason && <Typography.Text type="secondary"> · {s.reason}</Typography.Text>}
                </span>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );
}

import { Alert, List, Modal, Tag, Typography } from 'antd';
import type { AutoFillResult } from '../../api/duty.ts';
import { useT } from '../../i18n/index.tsx';
import { span } from './time.ts';

/** What the assistant did: how many places it filled and, in red, what stays uncovered. */
export function AutoFillModal({ result, onClose }: { result: AutoFillResult | null; onClose: () => void }) {
  const t = useT();
  const open = result?.uncovered.reduce((n, u) => n + u.missing, 0) ?? 0;
  return (
    <Modal open={!!result} title={t('duty.autoFillDone')} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} okText={t('common.ok')}>
      {result && (
        <div data-testid="autofill-result">
          <Alert
            type={open > 0 ? 'warning' : 'success'}
            showIcon
            title={t('duty.autoFillSummary', { assigned: result.assigned.length, generated: result.generated })}
            description={open > 0 ? t('duty.autoFillOpen', { n: open }) : t('duty.autoFillAllCovered')}
            style={{ marginBottom: 12 }}
          />
          {result.uncovered.length > 0 && (
            <>
              <Typography.Text strong>{t('duty.uncovered')}</Typography.Text>
              <List
                size="small"
                dataSource={result.uncovered}
                style={{ maxHeight: 320, overflow: 'auto' }}
                data-testid="autofill-uncovered"
                renderItem={(u) => (
                  <List.Item>
                    <span>{u.day.slice(5)} {u.shiftName} {span(u.startsAt, u.endsAt, t('duty.nextDayShort'))} · {u.postName}</span>
                    <Tag color="red">{t('duty.missing', { n: u.missing })}</Tag>
                  </List.Item>
                )}
              />
            </>
          )}
        </div>
      )}
    </Modal>
  );
}

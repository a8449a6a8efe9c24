import { Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import type { MessageKey } from '../../../i18n/index.tsx';
import { useT } from '../../../i18n/index.tsx';
import type { CaseView } from './api.ts';
import { dayTime, hhmm } from '../../../components/shanghaiTime.ts';

interface Props {
  cases: CaseView[];
  canManage: boolean;
  onStatus: (c: CaseView, status: 'open' | 'closed') => void;
}

const time = dayTime;

/** Each positive case with whom it touched: the household and the desk staff on duty at the sample time. */
export function CasesList({ cases, canManage, onStatus }: Props) {
  const t = useT();
  if (cases.length === 0) return <Empty description={t('natResults.case.none')} />;
  const role = (r: string) => {
    const key = `natResults.role.${r}` as MessageKey;
    const text = t(key);
    return text === key ? r : text;
  };
  return (
    <List
      dataSource={cases}
      rowKey="id"
      data-testid="nat-cases"
      renderItem={(c) => (
        <List.Item style={{ display: 'block', padding: '8px 0' }}>
          <Card
            size="small"
            title={<Space wrap><Typography.Text strong>{c.residentName}</Typography.Text><Typography.Text type="secondary">{c.address}</Typography.Text></Space>}
            extra={<Tag color={c.status === 'open' ? 'red' : 'default'}>{t(c.status === 'open' ? 'natResults.case.open' : 'natResults.case.closed')}</Tag>}
          >
            <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
              <Descriptions.Item label={t('natResults.case.tube')}>{c.tubeBarcode}</Descriptions.Item>
              <Descriptions.Item label={t('natResults.case.detectedAt')}>{time(c.detectedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('natResults.case.sampled')}>
                {[c.exposure.siteName, c.exposure.deskName, time(c.exposure.sampledAt)].filter(Boolean).join(' · ')}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Text strong>{t('natResults.exposure.household')}</Typography.Text>
            <div style={{ margin: '4px 0 8px' }}>
              {c.exposure.household.length === 0
                ? <Typography.Text type="secondary">{t('natResults.exposure.none')}</Typography.Text>
                : c.exposure.household.map((h) => <Tag key={h.residentId}>{h.name}{h.phoneMasked ? ` ${h.phoneMasked}` : ''}</Tag>)}
            </div>
            <Typography.Text strong>{t('natResults.exposure.staff')}</Typography.Text>
            <div style={{ margin: '4px 0 8px' }} data-testid="nat-case-staff">
              {c.exposure.staff.length === 0
                ? <Typography.Text type="secondary">{t('natResults.exposure.none')}</Typography.Text>
                : c.exposure.staff.map((s) => (
                  <Tag key={`${s.personId}-${s.role}`} color="orange">
                    {s.name} · {role(s.role)}{s.deskName ? ` · ${s.deskName}` : ''}{s.fromAt && s.toAt ? ` · ${time(s.fromAt)}–${hhmm(s.toAt)}` : ''}
                  </Tag>
                ))}
            </div>
            {canManage && (
              <Button size="small" onClick={() => onStatus(c, c.status === 'open' ? 'closed' : 'open')}>
                {t(c.status === 'open' ? 'natResults.case.close' : 'natResults.case.reopen')}
              </Button>
            )}
          </Card>
        </List.Item>
      )}
    />
  );
}

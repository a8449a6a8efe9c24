import { Empty, List, Table, Tag, Typography } from 'antd';
import type { MessageKey } from '../../../i18n/index.tsx';
import { useT } from '../../../i18n/index.tsx';
import type { LabImportView, ResampleView } from './api.ts';
import { dayTime } from '../../../components/shanghaiTime.ts';

const STATUS_COLOR: Record<string, string> = { open: 'orange', sampled: 'green', nobody_home: 'default', refused: 'red' };

/** Single-tube re-sampling tasks made by positive pools and invalid tubes, open ones first. */
export function ResamplesList({ items, phone }: { items: ResampleView[]; phone: boolean }) {
  const t = useT();
  const status = (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`natResults.resample.${s}` as MessageKey)}</Tag>;
  if (items.length === 0) return <Empty description={t('natResults.resample.none')} />;
  if (phone) {
    return (
      <List
        dataSource={items}
        rowKey="id"
        renderItem={(r) => (
          <List.Item extra={status(r.status)}>
            <List.Item.Meta title={r.residentName} description={`${r.address}${r.sourceBarcode ? ` · ${r.sourceBarcode}` : ''}`} />
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<ResampleView>
      size="small"
      rowKey="id"
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      columns={[
        { title: t('natResults.resample.person'), dataIndex: 'residentName' },
        { title: t('natResults.resample.address'), dataIndex: 'address' },
        { title: t('natResults.resample.source'), dataIndex: 'sourceBarcode' },
        { title: t('natResults.resample.status'), dataIndex: 'status', render: (s: string) => status(s) },
      ]}
      data-testid="nat-resamples"
    />
  );
}

export function ImportsList({ items }: { items: LabImportView[] }) {
  const t = useT();
  if (items.length === 0) return <Empty description={t('natResults.imports.none')} />;
  return (
    <List
      dataSource={items}
      rowKey="id"
      renderItem={(i) => (
        <List.Item>
          <List.Item.Meta
            title={i.fileName}
            description={<Typography.Text type="secondary">
              {`${t('natResults.imports.lines')} ${i.lines} · ${dayTime(i.appliedAt)} · ${i.actorName}`}
            </Typography.Text>}
          />
        </List.Item>
      )}
    />
  );
}

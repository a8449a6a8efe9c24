import { useCallback, useEffect, useRef } from 'react';
import { Empty, List, Space, Table, Tag, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert.tsx';
import { LoadMore } from '../../../components/LoadMore.tsx';
import { useIsPhone } from '../../../components/useIsPhone.ts';
import { useKeysetList } from '../../../components/useKeysetList.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { coverageApi, type UntestedRow } from './api.ts';

const PAGE = 50;

/** Who must still be tested under the node, in door order, 50 at a time ("load more"). */
export function UntestedList({ roundId, nodeId, tick }: { roundId: string; nodeId?: string; tick: number }) {
  const t = useT();
  const phone = useIsPhone();
  const fetchPage = useCallback((cursor: string | null) => coverageApi.untested(roundId, nodeId, cursor, PAGE), [roundId, nodeId]);
  const list = useKeysetList<UntestedRow>(fetchPage);
  // Live refresh re-reads the first page, but never throws away pages the user has loaded.
  const latest = useRef({ reload: list.reload, firstPageOnly: true });
  latest.current = { reload: list.reload, firstPageOnly: list.items.length <= PAGE };
  useEffect(() => {
    if (tick > 0 && latest.current.firstPageOnly) void latest.current.reload();
  }, [tick]);
  if (list.error) return <ApiErrorAlert error={list.error} />;
  if (!list.loading && list.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('natCoverage.allTested')} />;
  const needTags = (r: UntestedRow) => r.needs.map((n) => (
    <Tag key={n.kind} color="orange" title={n.note ?? undefined}>{t(`registry.need.${n.kind}` as MessageKey)}</Tag>
  ));
  const taskText = (r: UntestedRow) => (r.doorTask ? t(`natCoverage.task.${r.doorTask.status}` as MessageKey) : null);
  const more = <LoadMore count={list.items.length} hasMore={list.hasMore} loading={list.loading} onMore={() => void list.loadMore()} />;
  if (!phone) {
    return (
      <div data-testid="coverage-untested">
        <Table<UntestedRow>
          size="small"
          rowKey="id"
          dataSource={list.items}
          loading={list.loading && list.items.length === 0}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={() => ({ 'data-testid': 'untested-row' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('natCoverage.address'), dataIndex: 'address' },
            { title: t('natCoverage.name'), dataIndex: 'name' },
            { title: t('natCoverage.phone'), dataIndex: 'phoneMasked' },
            { title: t('natCoverage.needs'), key: 'needs', render: (_, r) => needTags(r) },
            { title: t('natCoverage.doorTask'), key: 'task', render: (_, r) => (r.doorTask ? <Tag color="blue">{taskText(r)}</Tag> : null) },
            { title: t('natCoverage.control'), dataIndex: 'controlStatus', render: (v: string | null) => (v ? <Tag color="red">{v}</Tag> : null) },
          ]}
        />
        {more}
      </div>
    );
  }
  return (
    <div data-testid="coverage-untested">
      <List<UntestedRow>
        size="small"
        dataSource={list.items}
        loading={list.loading && list.items.length === 0}
        renderItem={(r) => (
          <List.Item key={r.id} data-testid="untested-row">
            <div style={{ width: '100%' }}>
              <div className="natcov-untested-head">
                <strong>{r.name}</strong>
                <Typography.Text type="secondary">{r.address}</Typography.Text>
              </div>
              {(r.phoneMasked || r.needs.length > 0 || r.doorTask || r.controlStatus) && (
                <Space size={[4, 4]} wrap>
                  {r.phoneMasked && <Tag icon={<PhoneOutlined />}>{r.phoneMasked}</Tag>}
                  {needTags(r)}
                  {r.doorTask && <Tag color="blue">{t('natCoverage.doorTask')}：{taskText(r)}</Tag>}
                  {r.controlStatus && <Tag color="red">{r.controlStatus}</Tag>}
                </Space>
              )}
            </div>
          </List.Item>
        )}
      />
      {more}
    </div>
  );
}

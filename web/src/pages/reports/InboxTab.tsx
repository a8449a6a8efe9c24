import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Empty, List, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { reportsApi, type NotificationPage } from '../../api/reports.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { shanghaiText } from './reportsShared.tsx';

/** The account's notifications (reminders to report); opening one marks it read. */
export function InboxTab({ onUnread }: { onUnread: (n: number) => void }) {
  const t = useT();
  const [page, setPage] = useState<NotificationPage | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const p = await reportsApi.notifications();
      setPage(p);
      onUnread(p.unread);
    } catch (e) {
      setError(e);
    }
  }, [onUnread]);

  useEffect(() => {
    void load();
  }, [load]);

  const read = async (id: string) => {
    await reportsApi.markRead(id).catch(() => undefined);
    await load();
  };

  return (
    <div data-testid="reports-inbox">
      <ApiErrorAlert error={error} />
      <div className="filter-bar">
        <Button onClick={() => void reportsApi.markAllRead().then(load)} disabled={!page?.unread} data-testid="inbox-read-all">
          {t('reports.inbox.markAll')}
        </Button>
      </div>
      {page && page.items.length === 0 ? (
        <Empty description={t('reports.inbox.empty')} />
      ) : (
        <List
          loading={!page}
          dataSource={page?.items ?? []}
          data-testid="inbox-list"
          renderItem={(n) => (
            <List.Item onClick={() => !n.readAt && void read(n.id)} style={{ cursor: n.readAt ? undefined : 'pointer' }}>
              <List.Item.Meta
                avatar={<Badge dot={!n.readAt}><BellOutlined style={{ fontSize: 18, color: n.readAt ? '#bbb' : '#c62828' }} /></Badge>}
                title={<span style={{ fontWeight: n.readAt ? 400 : 600 }}>{n.title}</span>}
                description={
                  <>
                    <div>{n.body}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{shanghaiText(n.createdAt, 'full')}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

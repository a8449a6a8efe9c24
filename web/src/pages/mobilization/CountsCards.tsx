import { useCallback } from 'react';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { mobilizationApi, type TodayCounts } from '../../api/mobilization.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { useLoad } from '../../components/useLoad.ts';

const FIGURES: Array<{ key: MessageKey; pick: (c: TodayCounts) => number }> = [
  { key: 'mobilization.count.activeDispatched', pick: (c) => c.active.dispatched },
  { key: 'mobilization.count.reportedIn', pick: (c) => c.active.reportedIn },
  { key: 'mobilization.count.assigned', pick: (c) => c.active.assigned },
  { key: 'mobilization.count.reportedToday', pick: (c) => c.reportedToday },
  { key: 'mobilization.count.teams', pick: (c) => c.teams },
  { key: 'mobilization.count.teamMembers', pick: (c) => c.teamMembers },
  { key: 'mobilization.count.pledges', pick: (c) => c.pledges },
  { key: 'mobilization.count.volunteersPending', pick: (c) => c.volunteersPending },
];

/** Today's figures of the account's reach, as Statistic cards (two per row on a phone). */
export function CountsCards({ version }: { version: number }) {
  const t = useT();
  const load = useCallback(() => mobilizationApi.today(), []);
  const { data, error } = useLoad(load, version);
  return (
    <div style={{ marginBottom: 12 }} data-testid="mobilization-counts">
      <ApiErrorAlert error={error} />
      <Row gutter={[8, 8]}>
        {FIGURES.map((f) => (
          <Col key={f.key} xs={6} md={6} xl={3}>
            <Card size="small" className="mob-stat">
              <Statistic title={t(f.key)} value={data ? f.pick(data) : '—'} data-testid={`count-${f.key.split('.').pop()}`} />
            </Card>
          </Col>
        ))}
      </Row>
      {data && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('mobilization.count.day', { day: data.day })}
        </Typography.Text>
      )}
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Empty, Row, Select, Space, Spin, Statistic, Tabs } from 'antd';
import { EditOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useCan } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { errorMessage } from '../../components/errorMessage.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useLoad } from '../../components/useLoad.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { natResultsApi, type CaseView } from './results/api.ts';
import { CasesList } from './results/CasesList.tsx';
import { HandEntryDialog } from './results/HandEntryDialog.tsx';
import { LabImportDialog } from './results/LabImportDialog.tsx';
import { ImportsList, ResamplesList } from './results/RoundLists.tsx';

// Counts refresh on their own while results come in from the lab.
const REFRESH_MS = 15_000;

/** 检测结果: the round's tubes by result, re-samples due, cases with exposure; import and hand entry. */
export default function NatResultsPage() {
  const t = useT();
  const can = useCan();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const rounds = useLoad(useCallback(() => natResultsApi.rounds(), []));
  const roundId = params.get('round') ?? rounds.data?.[0]?.id ?? null;
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<'import' | 'enter' | null>(null);
  const bump = () => setVersion((v) => v + 1);

  useEffect(() => {
    const timer = setInterval(() => setVersion((v) => v + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const data = useLoad(useCallback(async () => {
    if (!roundId) return null;
    const [summary, cases, resamples, imports] = await Promise.all([
      natResultsApi.summary(roundId), natResultsApi.cases(roundId), natResultsApi.resamples(roundId), natResultsApi.imports(roundId),
    ]);
    return { summary, cases: cases.items, resamples, imports };
  }, [roundId]), version);

  const setCaseStatus = async (c: CaseView, status: 'open' | 'closed') => {
    try {
      await natResultsApi.setCaseStatus(c.id, status);
      bump();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const s = data.data?.summary;
  const canApply = !!s?.canApply;
  const stat = (key: MessageKey, value: number | undefined, color?: string, testId?: string) => (
    <Col xs={8} sm={8} md={6} lg={3} key={key}>
      <Card size="small" data-testid={testId} styles={phone ? { body: { padding: 8 } } : undefined}>
        <Statistic
          title={t(key)}
          value={value ?? 0}
          styles={{ title: phone ? { fontSize: 12 } : {}, content: { ...(color ? { color } : {}), ...(phone ? { fontSize: 20 } : {}) } }}
        />
      </Card>
    </Col>
  );

  return (
    <div data-testid="nat-results-page">
      <PageTitle
        title={t('natResults.title')}
        actions={
          <Space wrap>
            <Select
              style={{ minWidth: phone ? 200 : 260 }}
              placeholder={t('natResults.round')}
              loading={rounds.loading}
              value={roundId ?? undefined}
              onChange={(v: string) => setParams({ round: v })}
              options={(rounds.data ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.startsOn}）` }))}
              data-testid="nat-results-round"
            />
            <Button icon={<ReloadOutlined />} onClick={bump} aria-label={t('common.refresh')} />
            {canApply && can('nat.results') && (
              <>
                <Button type="primary" icon={<UploadOutlined />} onClick={() => setDialog('import')} data-testid="nat-results-import">
                  {t('natResults.import')}
                </Button>
                <Button icon={<EditOutlined />} onClick={() => setDialog('enter')} data-testid="nat-results-enter">{t('natResults.enter')}</Button>
              </>
            )}
          </Space>
        }
      />
      <ApiErrorAlert error={rounds.error ?? data.error} />
      {!rounds.loading && !roundId && <Empty description={t('natResults.noRound')} />}
      {roundId && !s && data.loading && <Spin />}
      {s && (
        <>
          <Row gutter={phone ? [8, 8] : [12, 12]} style={{ marginBottom: 16 }}>
            {stat('natResults.tubes.pending', s.tubes.pending, undefined, 'stat-pending')}
            {stat('natResults.tubes.negative', s.tubes.negative, '#2e7d32', 'stat-negative')}
            {stat('natResults.tubes.positive', s.tubes.positive, '#c62828', 'stat-positive')}
            {stat('natResults.tubes.invalid', s.tubes.invalid, '#8d6e63', 'stat-invalid')}
            {stat('natResults.resamplesOutstanding', s.resamplesOutstanding, '#ef6c00', 'stat-resamples')}
            {stat('natResults.controlled', s.controlled, undefined, 'stat-controlled')}
            {stat('natResults.openCases', s.openCases, '#c62828', 'stat-cases')}
          </Row>
          {!canApply && <Alert type="info" showIcon title={t('natResults.noApply')} style={{ marginBottom: 16 }} />}
          <Tabs
            items={[
              {
                key: 'cases', label: `${t('natResults.tab.cases')} (${data.data?.cases.length ?? 0})`,
                children: <CasesList cases={data.data?.cases ?? []} canManage={can('nat.results')} onStatus={(c, st) => void setCaseStatus(c, st)} />,
              },
              {
                key: 'resamples', label: `${t('natResults.tab.resamples')} (${s.resamplesOutstanding})`,
                children: <ResamplesList items={data.data?.resamples ?? []} phone={phone} />,
              },
              { key: 'imports', label: t('natResults.tab.imports'), children: <ImportsList items={data.data?.imports ?? []} /> },
            ]}
          />
        </>
      )}
      {roundId && (
        <>
          <LabImportDialog roundId={roundId} open={dialog === 'import'} onClose={() => setDialog(null)} onApplied={bump} />
          <HandEntryDialog roundId={roundId} open={dialog === 'enter'} onClose={() => setDialog(null)} onApplied={bump} />
        </>
      )}
    </div>
  );
}

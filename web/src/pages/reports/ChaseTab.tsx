import { useCallback, useEffect, useState } from 'react';
import {
  App, Button, Card, Col, Collapse, Empty, List, Popconfirm, Progress, Row, Space, Statistic, Tag, Typography,
} from 'antd';
import { BellOutlined, ReloadOutlined } from '@ant-design/icons';
import { reportsApi, type ChaseView, type ReminderView, type ReportFormView } from '../../api/reports.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useT } from '../../i18n/index.tsx';
import { FormDayBar, shanghaiText } from './reportsShared.tsx';

interface Props {
  forms: ReportFormView[];
  formId: string | undefined;
  onForm: (id: string) => void;
  day: string;
  onDay: (day: string) => void;
  /** Place-bound accounts may narrow the list to a street or community. */
  canNarrow: boolean;
}

/** 催报: who should have reported and has not, who was late, and one click to remind the missing ones. */
export function ChaseTab({ forms, formId, onForm, day, onDay, canNarrow }: Props) {
  const t = useT();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [nodeId, setNodeId] = useState<string | undefined>();
  const [view, setView] = useState<ChaseView | null>(null);
  const [reminders, setReminders] = useState<ReminderView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!formId) return;
    try {
      setError(null);
      const [chase, sent] = await Promise.all([reportsApi.chase(formId, day, nodeId), reportsApi.reminders(formId, day)]);
      setView(chase);
      setReminders(sent);
    } catch (e) {
      setError(e);
    }
  }, [formId, day, nodeId]);

  useEffect(() => {
    void load();
  }, [load]);

  const remind = async () => {
    if (!formId) return;
    setBusy(true);
    try {
      const r = await reportsApi.remind(formId, day, nodeId);
      void message.success(t('reports.chase.reminded', { reminded: r.reminded, messages: r.messages, already: r.alreadyReminded }));
      await load();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  const stats: Array<{ key: string; title: string; value: number; color?: string }> = view ? [
    { key: 'expected', title: t('reports.chase.expected'), value: view.expected },
    { key: 'submitted', title: t('reports.chase.submitted'), value: view.submitted, color: '#389e0d' },
    { key: 'missing', title: t('reports.chase.missing'), value: view.missingCount, color: '#cf1322' },
    { key: 'late', title: t('reports.chase.late'), value: view.lateCount, color: '#d46b08' },
    { key: 'zero', title: t('reports.chase.zero'), value: view.zeroCount, color: '#1677ff' },
  ] : [];
  const rate = view && view.expected > 0 ? Math.round(((view.expected - view.missingCount) / view.expected) * 100) : 0;

  return (
    <div data-testid="reports-chase">
      <div className="filter-bar">
        <FormDayBar forms={forms} formId={formId} onForm={onForm} day={day} onDay={onDay} phone={phone} />
        {canNarrow && (
          <div style={{ width: phone ? '100%' : 240 }}>
            <NodePicker value={nodeId} onChange={(v) => setNodeId(v ?? undefined)} placeholder={t('reports.chase.under')} testId="chase-node" />
          </div>
        )}
        <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
      </div>
      <ApiErrorAlert error={error} />
      {view && (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Row gutter={[12, 12]} align="middle">
              {stats.map((s) => (
                <Col key={s.key} xs={8} sm={4}>
                  <Statistic title={s.title} value={s.value} styles={{ content: { color: s.color } }} data-testid={`chase-${s.key}`} />
                </Col>
              ))}
              <Col xs={24} sm={4}>
                <Progress type={phone ? 'line' : 'circle'} size={phone ? undefined : 72} percent={rate} status={rate === 100 ? 'success' : 'active'} />
              </Col>
            </Row>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {t('reports.deadlineAt', { time: `${view.day} ${view.form.deadline}` })}
            </Typography.Paragraph>
          </Card>
          <Card
            size="small"
            title={`${t('reports.chase.missingList')}（${view.missingCount}）`}
            extra={
              <Popconfirm
                title={t('reports.chase.remindConfirm', { n: view.missingCount })}
                onConfirm={() => void remind()}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                disabled={view.missingCount === 0}
              >
                <Button type="primary" danger icon={<BellOutlined />} loading={busy} disabled={view.missingCount === 0} data-testid="chase-remind">
                  {t('reports.chase.remind')}
                </Button>
              </Popconfirm>
            }
            style={{ marginBottom: 12 }}
          >
            {view.truncated && <Typography.Paragraph type="secondary">{t('reports.chase.truncated')}</Typography.Paragraph>}
            {view.missing.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.chase.allIn')} />
            ) : (
              <List
                size="small"
                dataSource={view.missing}
                data-testid="chase-missing"
                grid={phone ? undefined : { gutter: 8, column: 3 }}
                renderItem={(m) => (
                  <List.Item>
                    <Space wrap size={4}>
                      <Tag>{t(m.kind === 'unit' ? 'reports.kind.unit' : 'reports.kind.node')}</Tag>
                      <span>{m.name}</span>
                      {m.parentName && <Typography.Text type="secondary">{m.parentName}</Typography.Text>}
                      {m.remindedAt && <Tag color="gold">{t('reports.chase.remindedAt', { time: shanghaiText(m.remindedAt, 'time') })}</Tag>}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
          {view.late.length > 0 && (
            <Card size="small" title={`${t('reports.chase.lateList')}（${view.lateCount}）`} style={{ marginBottom: 12 }}>
              <List
                size="small"
                dataSource={view.late}
                data-testid="chase-late"
                renderItem={(m) => (
                  <List.Item extra={m.submittedAt ? shanghaiText(m.submittedAt) : null}>
                    <Space size={4}>
                      <span>{m.name}</span>
                      {m.parentName && <Typography.Text type="secondary">{m.parentName}</Typography.Text>}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          )}
          {reminders.length > 0 && (
            <Collapse
              size="small"
              items={[{
                key: 'reminders',
                label: `${t('reports.chase.reminders')}（${reminders.length}）`,
                children: (
                  <List
                    size="small"
                    dataSource={reminders}
                    data-testid="chase-reminders"
                    renderItem={(r) => (
                      <List.Item extra={shanghaiText(r.createdAt)}>
                        <Space wrap size={4}>
                          <span>{r.reporterName}</span>
                          <Typography.Text type="secondary">{r.createdByName}</Typography.Text>
                          <Tag>{r.recipients > 0 ? t('reports.chase.recipients', { n: r.recipients }) : t('reports.chase.noAccount')}</Tag>
                        </Space>
                      </List.Item>
                    )}
                  />
                ),
              }]}
            />
          )}
        </>
      )}
    </div>
  );
}

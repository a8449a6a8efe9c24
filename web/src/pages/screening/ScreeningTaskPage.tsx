import { useCallback, useEffect, useState } from 'react';
import { Button, Progress, Result, Segmented, Spin } from 'antd';
import { LeftOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import type { Counts, TaskHouseholdView } from '@shared/modules/screening/screening.schema.ts';
import { ApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errorMessage.ts';
import { useT } from '../../i18n/index.tsx';
import { HouseholdVisit } from './HouseholdVisit.tsx';
import { OutcomeTag } from './PersonObservation.tsx';
import { MyTasksList } from './MyTasksList.tsx';
import { screeningApi, type TaskView } from './screeningApi.ts';
import './screening.css';

type Filter = 'all' | 'todo' | 'nobody_home';

/**
 * The building lead's phone page (/screening/task/:taskId): the households of the task in door order with a status
 * chip each; a tap opens the household to record the visit. '/screening/task/mine' lists the account's tasks.
 */
export default function ScreeningTaskPage() {
  const { taskId = '' } = useParams();
  if (taskId === 'mine') return <MyTasksList />;
  return <TaskWalk key={taskId} taskId={taskId} />;
}

function TaskWalk({ taskId }: { taskId: string }) {
  const t = useT();
  const [task, setTask] = useState<TaskView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<TaskHouseholdView | null>(null);
  const [filter, setFilter] = useState<Filter>('all');

  const load = useCallback(async () => {
    setError(null);
    try {
      setTask(await screeningApi.task(taskId));
    } catch (e) {
      setError(e);
    }
  }, [taskId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error && !task) {
    const gone = error instanceof ApiError && error.code === 'NOT_FOUND';
    return (
      <div className="scr-page" data-testid="screening-task-page">
        <Result status={gone ? '404' : 'error'} title={gone ? t('screening.task.notFound') : errorMessage(error)}
          extra={<Button size="large" icon={<ReloadOutlined />} onClick={() => void load()}>{t('common.refresh')}</Button>} />
      </div>
    );
  }
  if (!task) return <div className="scr-page scr-loading"><Spin size="large" /></div>;

  if (open) {
    return (
      <HouseholdVisit task={task} household={open} onClose={() => setOpen(null)}
        onDone={(counts) => {
          const done = open;
          setTask({ ...task, counts });
          setOpen(null);
          void load().then(() => document.querySelector(`[data-door="${done.doorOrder}"]`)?.scrollIntoView({ block: 'center' }));
        }} />
    );
  }

  const shown = task.households.filter((h) => filter === 'all' || (filter === 'todo' ? !h.outcome : h.outcome === 'nobody_home'));
  return (
    <div className="scr-page" data-testid="screening-task-page">
      <TaskHeader task={task} onRefresh={() => void load()} />
      <div className="scr-filter">
        <Segmented<Filter> value={filter} onChange={setFilter} data-testid="task-filter" options={[
          { value: 'all', label: `${t('common.all')} ${task.counts.householdsTotal}` },
          { value: 'todo', label: `${t('screening.notYet')} ${task.counts.notYet}` },
          { value: 'nobody_home', label: `${t('screening.outcome.nobody_home')} ${task.counts.nobodyHome}` },
        ]} />
      </div>
      <div className="scr-list" data-testid="household-list">
        {shown.map((h) => (
          <button type="button" key={h.householdId} className="scr-door" data-door={h.doorOrder} data-testid={`household-${h.doorOrder}`} onClick={() => setOpen(h)}>
            <span>
              <span className="scr-door-name">{h.name}</span>
              <div className="scr-door-meta">
                {t('screening.task.residents', { n: h.residents.length })}
                {h.visits > 1 ? ` · ${t('screening.task.visits', { n: h.visits })}` : ''}
                {h.symptomatic > 0 ? ` · ${t('screening.symptomatic')} ${h.symptomatic}` : ''}
              </div>
            </span>
            <span style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
              <OutcomeTag outcome={h.outcome} testId={`household-status-${h.doorOrder}`} />
              <RightOutlined style={{ color: '#bfbfbf' }} />
            </span>
          </button>
        ))}
        {shown.length === 0 && <Result status="success" title={t('screening.task.allDone')} />}
      </div>
    </div>
  );
}

function TaskHeader({ task, onRefresh }: { task: TaskView; onRefresh: () => void }) {
  const t = useT();
  const c: Counts = task.counts;
  const done = c.visited + c.nobodyHome + c.refused;
  return (
    <div className="scr-head" data-testid="task-header">
      <div className="scr-head-top">
        <Link to="/screening/task/mine"><LeftOutlined /> {t('screening.myTasks')}</Link>
        <Button type="link" icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('common.refresh')} />
      </div>
      <div className="scr-head-title">{task.name}</div>
      <div className="scr-head-sub">{task.campaign.name} · {task.campaign.startDate} – {task.campaign.endDate}</div>
      <Progress percent={c.householdsTotal ? Math.round((done * 100) / c.householdsTotal) : 0}
        strokeColor="#fff" railColor="rgba(255,255,255,0.3)" format={() => `${done}/${c.householdsTotal}`} />
      <div className="scr-chips" data-testid="task-progress">
        <span className="scr-chip" data-testid="count-visited">{t('screening.outcome.visited')} {c.visited}</span>
        <span className="scr-chip" data-testid="count-nobody">{t('screening.outcome.nobody_home')} {c.nobodyHome}</span>
        <span className="scr-chip">{t('screening.outcome.refused')} {c.refused}</span>
        <span className="scr-chip" data-testid="count-todo">{t('screening.notYet')} {c.notYet}</span>
        {c.symptomatic > 0 && <span className="scr-chip">{t('screening.symptomatic')} {c.symptomatic}</span>}
      </div>
    </div>
  );
}

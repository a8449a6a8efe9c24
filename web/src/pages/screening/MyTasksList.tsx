import { Button, Progress, Result, Spin } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useT } from '../../i18n/index.tsx';
import { screeningApi } from './screeningApi.ts';
import './screening.css';

const loadMine = () => screeningApi.myTasks();

/** The tasks assigned to this account (or its person) in open campaigns: where a volunteer starts. */
export function MyTasksList() {
  const t = useT();
  const { data, loading, error, reload } = useLoad(loadMine);
  return (
    <div className="scr-page" data-testid="screening-my-tasks">
      <div className="scr-head">
        <div className="scr-head-top">
          <div className="scr-head-title">{t('screening.myTasks')}</div>
          <Button type="link" icon={<ReloadOutlined />} onClick={() => void reload()} aria-label={t('common.refresh')} />
        </div>
      </div>
      <div style={{ padding: '0 12px' }}><ApiErrorAlert error={error} /></div>
      {loading && !data && <div style={{ textAlign: 'center', padding: 32 }}><Spin size="large" /></div>}
      {data?.length === 0 && <Result status="info" title={t('screening.noTasks')} />}
      {data?.map((task) => (
        <Link key={task.taskId} to={`/screening/task/${task.taskId}`} className="scr-task-card" data-testid="my-task">
          <div className="scr-task-card-title">{task.name}</div>
          <div className="scr-door-meta">{task.campaignName} · {task.startDate} – {task.endDate}</div>
          <Progress percent={task.householdsTotal ? Math.round((task.visited * 100) / task.householdsTotal) : 0}
            format={() => `${task.visited}/${task.householdsTotal}`} />
          <div className="scr-door-meta">{t('screening.notYet')} {task.notYet} · {t('screening.outcome.nobody_home')} {task.nobodyHome}</div>
        </Link>
      ))}
    </div>
  );
}

import { useCallback, useState } from 'react';
import { Alert, Button, Checkbox, Input, Result, Spin, Tag } from 'antd';
import { CheckOutlined, HomeOutlined, StopOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import type { TubeView } from '@shared/modules/nat/desk.schema.ts';
import type { DoorTaskList, DoorTaskView } from '@shared/modules/nat/door.schema.ts';
import { newId } from '@shared/platform/ids.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../components/errorMessage.ts';
import { useLoad } from '../../components/useLoad.ts';
import { useT } from '../../i18n/index.tsx';
import './desk/desk.css';

const STATUS_COLOR: Record<string, string> = { open: 'blue', sampled: 'green', nobody_home: 'orange', refused: 'red' };

/**
 * Door-to-door sampling on a phone (敲门行动): the worker's home visits by building; scan the tube in hand once, then
 * one tap per door — sampled (registered into that tube, exactly once by client id), nobody home, or refused.
 * Re-sample tasks take a single tube each.
 */
export default function NatDoorPage() {
  const t = useT();
  const { roundId = '' } = useParams();
  const [mine, setMine] = useState(true);
  const [version, setVersion] = useState(0);
  const load = useCallback(() => api.get<DoorTaskList>(`/api/nat/desk/rounds/${roundId}/door-tasks`, { mine: mine ? 1 : 0 }), [roundId, mine]);
  const { data, error } = useLoad(load, version);
  const [tube, setTube] = useState<TubeView | null>(null);
  const [barcode, setBarcode] = useState('');
  const [single, setSingle] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  // A tap keeps its sample id until the server answers, so a retry after a lost answer is the same sample.
  const [pendingIds] = useState(() => new Map<string, string>());

  const openTube = async () => {
    setActionError(null);
    try {
      setTube(await api.post<TubeView>(`/api/nat/desk/rounds/${roundId}/door-tubes`, { id: newId(), barcode, single }));
      setBarcode('');
    } catch (e) { setActionError(e); }
  };

  const act = async (task: DoorTaskView, what: 'sample' | 'nobody_home' | 'refused' | 'open') => {
    setBusy(task.id);
    setActionError(null);
    try {
      if (what === 'sample') {
        if (!tube || tube.status !== 'open') throw new Error(t('natDesk.door.needTube'));
        if (task.reason === 'resample' && tube.capacity !== 1) throw new Error(t('natDesk.door.needSingle'));
        const id = pendingIds.get(task.id) ?? newId();
        pendingIds.set(task.id, id);
        const r = await api.post<{ tube: TubeView }>(`/api/nat/desk/door-tasks/${task.id}/scan`, { id, tubeBarcode: tube.barcode });
        pendingIds.delete(task.id);
        setTube(r.tube);
      } else {
        await api.post(`/api/nat/desk/door-tasks/${task.id}/outcome`, { status: what });
      }
      setVersion((v) => v + 1);
    } catch (e) { setActionError(e); } finally { setBusy(null); }
  };

  if (error) return <div className="natdesk-page"><Result status="warning" title={errorMessage(error)} /></div>;
  if (!data) return <div className="natdesk-page natdesk-loading"><Spin size="large" /></div>;
  return (
    <div className="natdesk-page" data-testid="natdoor-page">
      <div className="natdesk-head">
        <div className="natdesk-desk">{t('natDesk.door.title')}</div>
        <div className="natdesk-round">{data.round.name}</div>
      </div>
      <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)}>{t('natDesk.door.mine')}</Checkbox>
      <div className="natdesk-tube natdesk-gap">
        <div className="natdesk-tube-label">{t('natDesk.door.tube')}</div>
        <div className="natdesk-tube-barcode">{tube ? tube.barcode : t('natDesk.noTube')}</div>
        {tube && <div className="natdesk-tube-fill">{tube.sampleCount}/{tube.capacity}</div>}
      </div>
      <Input size="large" value={barcode} onChange={(e) => setBarcode(e.target.value)} onPressEnter={() => void openTube()}
        placeholder={t('natDesk.inputHintTube')} suffix={<Button type="primary" onClick={() => void openTube()}>{t('natDesk.door.openTube')}</Button>} />
      <Checkbox className="natdesk-gap" checked={single} onChange={(e) => setSingle(e.target.checked)}>{t('natDesk.door.singleTube')}</Checkbox>
      {actionError !== null && <Alert type="error" showIcon message={errorMessage(actionError)} className="natdesk-gap" />}
      {data.buildings.length === 0 && <div className="natdesk-none">{t('natDesk.door.empty')}</div>}
      {data.buildings.map((b) => (
        <div key={b.id}>
          <div className="natdoor-building"><HomeOutlined /> {b.parentName ? `${b.parentName} ${b.name}` : b.name}</div>
          {b.tasks.map((task) => (
            <div key={task.id} className="natdoor-task" data-testid="natdoor-task">
              <div className="natdoor-task-head">
                <span>{task.name}</span>
                <Tag color={STATUS_COLOR[task.status] ?? 'default'}>{t(`natDesk.door.status.${task.status}` as 'natDesk.door.status.open')}</Tag>
              </div>
              <div className="natdoor-task-place">
                {task.household} · {t(`natDesk.door.reason.${task.reason}` as 'natDesk.door.reason.resample')}
                {task.needs.length > 0 && ` · ${task.needs.map((n) => t(`registry.need.${n}` as 'registry.need.immobile')).join('、')}`}{task.note ? ` · ${task.note}` : ''}
              </div>
              {task.status !== 'sampled' && (
                <div className="natdoor-task-actions">
                  <Button type="primary" size="large" icon={<CheckOutlined />} loading={busy === task.id} onClick={() => void act(task, 'sample')}>{t('natDesk.door.sample')}</Button>
                  {task.status === 'open' ? (
                    <>
                      <Button size="large" onClick={() => void act(task, 'nobody_home')}>{t('natDesk.door.nobodyHome')}</Button>
                      <Button size="large" danger icon={<StopOutlined />} onClick={() => void act(task, 'refused')}>{t('natDesk.door.refused')}</Button>
                    </>
                  ) : <Button size="large" onClick={() => void act(task, 'open')}>{t('natDesk.door.reopen')}</Button>}
                </div>
              )}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

import { useCallback, useMemo, useState } from 'react';
import { App as AntApp, Button, Card, Checkbox, Collapse, Empty, Radio, Select, Space, Table, Tag } from 'antd';
import { ExportOutlined, TeamOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { DEFAULT_HOMEBOUND_NEEDS, NEED_KINDS, type DoorGenerateResult, type DoorTaskList, type DoorTaskView } from '@shared/modules/nat/door.schema.ts';
import { api } from '../../../api/client.ts';
import { mobilizationApi } from '../../../api/mobilization.ts';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert.tsx';
import { PersonSelect } from '../../../components/pickers.tsx';
import { useLoad } from '../../../components/useLoad.ts';
import { useT } from '../../../i18n/index.tsx';
import type { RoundView } from './api.ts';
import { dayTime } from '../../../components/shanghaiTime.ts';

const STATUSES = ['open', 'sampled', 'nobody_home', 'refused'] as const;
const STATUS_COLOR: Record<string, string> = { open: 'blue', sampled: 'green', nobody_home: 'orange', refused: 'red' };
type NeedKind = (typeof NEED_KINDS)[number];

function countByStatus(tasks: DoorTaskView[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const task of tasks) counts[task.status] = (counts[task.status] ?? 0) + 1;
  return counts;
}

/** 上门采样: generate the round's home-visit tasks, see them by building, assign them to a team or a person. */
export function DoorTasksTab({ round, canManage }: { round: RoundView; canManage: boolean }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [version, setVersion] = useState(0);
  const list = useLoad(useCallback(() => api.get<DoorTaskList>(`/api/nat/desk/rounds/${round.id}/door-tasks`), [round.id]), version);
  const [needKinds, setNeedKinds] = useState<NeedKind[]>([...DEFAULT_HOMEBOUND_NEEDS]);
  const [includeControlled, setIncludeControlled] = useState(true);
  const [includeHomeIsolation, setIncludeHomeIsolation] = useState(true);
  const [target, setTarget] = useState<'team' | 'person'>('team');
  const [teamId, setTeamId] = useState<string | null>(null);
  const [personId, setPersonId] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // A planner without the mobilisation read permission still assigns to a person.
  const teams = useLoad(useCallback(() => (canManage ? mobilizationApi.teams().catch(() => []) : Promise.resolve([])), [canManage]));

  const buildings = useMemo(() => list.data?.buildings ?? [], [list.data]);
  const all = useMemo(() => buildings.flatMap((b) => b.tasks), [buildings]);
  const totals = countByStatus(all);
  const reload = () => setVersion((v) => v + 1);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      message.success(await work());
      reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const generate = () => act(async () => {
    const r = await api.post<DoorGenerateResult>(`/api/nat/desk/rounds/${round.id}/door-tasks/generate`, { needKinds, includeControlled, includeHomeIsolation });
    return t('natDesk.doorTab.generated', { created: r.created, existing: r.existing });
  });

  const assign = (scope: { taskIds: string[] } | { buildingId: string }) => {
    const who = target === 'team' ? { teamId } : { personId };
    if (!who.teamId && !who.personId) { message.warning(t('natDesk.doorTab.needTarget')); return; }
    void act(async () => {
      const r = await api.post<{ updated: number }>(`/api/nat/desk/rounds/${round.id}/door-tasks/assign`, { ...scope, ...who });
      if ('taskIds' in scope) setSelected(new Set());
      return t('natDesk.doorTab.assigned', { n: r.updated });
    });
  };

  const statusTags = (counts: Record<string, number>) => STATUSES.filter((s) => counts[s]).map((s) => (
    <Tag key={s} color={STATUS_COLOR[s]}>{t(`natDesk.door.status.${s}`)} {counts[s]}</Tag>
  ));

  const columns = [
    {
      key: 'name', title: t('natDesk.doorTab.col.name'), width: 160,
      render: (_: unknown, task: DoorTaskView) => <span>{task.name} <span style={{ color: '#888' }}>· {task.household}</span></span>,
    },
    {
      key: 'reason', title: t('natDesk.doorTab.col.reason'),
      render: (_: unknown, task: DoorTaskView) => (
        <span>
          {t(`natDesk.door.reason.${task.reason}` as 'natDesk.door.reason.resample')}
          {task.needs.length > 0 && <span style={{ color: '#888' }}> · {task.needs.map((n) => t(`registry.need.${n}` as 'registry.need.immobile')).join('、')}</span>}
        </span>
      ),
    },
    {
      key: 'status', title: t('natDesk.doorTab.col.status'), width: 170,
      render: (_: unknown, task: DoorTaskView) => (
        <span>
          <Tag color={STATUS_COLOR[task.status]}>{t(`natDesk.door.status.${task.status}` as 'natDesk.door.status.open')}</Tag>
          {task.visitedAt && <span style={{ color: '#888' }}>{dayTime(task.visitedAt)}</span>}
          {task.note && <div style={{ color: '#888' }}>{task.note}</div>}
        </span>
      ),
    },
    {
      key: 'assignee', title: t('natDesk.doorTab.col.assignee'), width: 150,
      render: (_: unknown, task: DoorTaskView) => {
        const names = [task.teamName, task.assigneeName].filter(Boolean);
        return names.length ? names.join(' · ') : <span style={{ color: '#bbb' }}>{t('natDesk.doorTab.unassigned')}</span>;
      },
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="nat-door-tab">
      <ApiErrorAlert error={list.error ?? error} />
      {canManage && (
        <Card size="small" title={t('natDesk.doorTab.generate')}>
          <div style={{ marginBottom: 6 }}><b>{t('natDesk.doorTab.needKinds')}：</b></div>
          <Checkbox.Group value={needKinds} onChange={(v) => setNeedKinds(v as NeedKind[])} data-testid="nat-door-needs"
            options={NEED_KINDS.map((k) => ({ value: k, label: t(`registry.need.${k}` as 'registry.need.immobile') }))} />
          <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
            <Checkbox checked={includeControlled} onChange={(e) => setIncludeControlled(e.target.checked)}>{t('natDesk.doorTab.includeControlled')}</Checkbox>
            <Checkbox checked={includeHomeIsolation} onChange={(e) => setIncludeHomeIsolation(e.target.checked)}>{t('natDesk.doorTab.includeHomeIsolation')}</Checkbox>
            <Button type="primary" icon={<ThunderboltOutlined />} loading={busy} onClick={() => void generate()} data-testid="nat-door-generate">{t('natDesk.doorTab.generate')}</Button>
          </div>
        </Card>
      )}

      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }} data-testid="nat-door-totals">
        <b>{t('natDesk.doorTab.total', { n: all.length })}</b>
        {statusTags(totals)}
        <Link to={`/nat/door/${round.id}`} style={{ marginLeft: 'auto' }} data-testid="nat-door-worker-link"><ExportOutlined /> {t('natDesk.doorTab.openWorker')}</Link>
      </div>

      {canManage && all.length > 0 && (
        <Card size="small">
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
            <b>{t('natDesk.doorTab.assignTo')}：</b>
            <Radio.Group value={target} onChange={(e) => setTarget(e.target.value as 'team' | 'person')} optionType="button"
              options={[{ value: 'team', label: t('natDesk.doorTab.team') }, { value: 'person', label: t('natDesk.doorTab.person') }]} />
            <div style={{ width: 240 }}>
              {target === 'team' ? (
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} value={teamId ?? undefined} onChange={(v?: string) => setTeamId(v ?? null)} style={{ width: '100%' }}
                  placeholder={t('natDesk.doorTab.pickTeam')} loading={teams.loading} data-testid="nat-door-team"
                  options={(teams.data ?? []).map((team) => ({ value: team.id, label: `${team.name} · ${team.nodeName}` }))} />
              ) : (
                <PersonSelect value={personId} onChange={setPersonId} testId="nat-door-person" />
              )}
            </div>
            <Button icon={<TeamOutlined />} disabled={selected.size === 0 || busy} onClick={() => assign({ taskIds: [...selected] })} data-testid="nat-door-assign-selected">
              {t('natDesk.doorTab.assignSelected', { n: selected.size })}
            </Button>
          </div>
        </Card>
      )}

      {!list.loading && all.length === 0 && <Empty description={t('natDesk.doorTab.empty')} />}
      {buildings.length > 0 && (
        <Collapse
          defaultActiveKey={buildings.slice(0, 3).map((b) => b.id)}
          items={buildings.map((b) => ({
            key: b.id,
            label: <span data-testid={`nat-door-building-${b.id}`}>{b.parentName && <span style={{ color: '#888' }}>{b.parentName} · </span>}<b>{b.name}</b> <span style={{ marginLeft: 8 }}>{statusTags(countByStatus(b.tasks))}</span></span>,
            extra: canManage ? (
              <Button size="small" disabled={busy} onClick={(e) => { e.stopPropagation(); assign({ buildingId: b.id }); }} data-testid={`nat-door-assign-building-${b.id}`}>
                {t('natDesk.doorTab.assignBuilding')}
              </Button>
            ) : null,
            children: (
              <Table<DoorTaskView>
                size="small" rowKey="id" pagination={false} dataSource={b.tasks} columns={columns} scroll={{ x: 620 }}
                rowSelection={canManage ? {
                  selectedRowKeys: b.tasks.filter((task) => selected.has(task.id)).map((task) => task.id),
                  getCheckboxProps: (task) => ({ disabled: task.status === 'sampled' }),
                  onChange: (keys) => setSelected((prev) => {
                    const next = new Set([...prev].filter((id) => !b.tasks.some((task) => task.id === id)));
                    for (const k of keys) next.add(String(k));
                    return next;
                  }),
                } : undefined}
              />
            ),
          }))}
        />
      )}
    </Space>
  );
}

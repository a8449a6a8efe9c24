import { useCallback, useState } from 'react';
import { App as AntApp, Button, Card, Empty, Form, Input, Popconfirm, Select, Space, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { DESK_KINDS, POOL_SIZES, STAFF_ROLES, zClock } from '@shared/modules/nat/nat.schema.ts';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert.tsx';
import { FormModal } from '../../../components/FormModal.tsx';
import { zodRule } from '../../../components/forms.ts';
import { NodePicker } from '../../../components/NodePicker.tsx';
import { PersonSelect } from '../../../components/pickers.tsx';
import { useLoad } from '../../../components/useLoad.ts';
import { useT } from '../../../i18n/index.tsx';
import { planApi, type RoundView, type SiteView } from './api.ts';

interface SiteValues { name: string; nodeId: string; address?: string | null; opensAt: string; closesAt: string; poolSize?: number | null }

/** Sites (点位) of the round with their desks, staff and assigned places. */
export function SitesTab({ round, canManage }: { round: RoundView; canManage: boolean }) {
  const t = useT();
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<SiteView | 'new' | null>(null);
  const sites = useLoad(useCallback(() => planApi.sites(round.id), [round.id]), version);
  const reload = () => setVersion((v) => v + 1);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="nat-sites">
      <ApiErrorAlert error={sites.error} />
      {canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="nat-site-new">{t('natPlan.site.new')}</Button>}
      {sites.data?.length === 0 && <Empty description={t('natPlan.site.none')} />}
      {sites.data?.map((s) => <SiteCard key={s.id} site={s} round={round} canManage={canManage} onEdit={() => setEditing(s)} onChanged={reload} />)}
      <SiteFormModal round={round} site={editing === 'new' ? undefined : editing ?? undefined} open={editing !== null} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); reload(); }} />
    </Space>
  );
}

function SiteFormModal({ round, site, open, onClose, onSaved }: { round: RoundView; site?: SiteView; open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm<SiteValues>();
  const submit = async (v: SiteValues) => {
    const body = { ...v, address: v.address || null, poolSize: v.poolSize ?? null };
    if (site) await planApi.updateSite(site.id, body);
    else await planApi.createSite(round.id, body);
    onSaved();
  };
  return (
    <FormModal<SiteValues>
      open={open} form={form} title={site ? t('natPlan.site.edit') : t('natPlan.site.new')}
      initialValues={site ? { name: site.name, nodeId: site.nodeId, address: site.address, opensAt: site.opensAt, closesAt: site.closesAt, poolSize: site.poolSize } : { opensAt: '07:00', closesAt: '18:00' }}
      fields={['name', 'nodeId', 'address', 'opensAt', 'closesAt', 'poolSize']} onSubmit={submit} onClose={onClose} testId="nat-site-form"
    >
      <Form.Item name="name" label={t('natPlan.site.name')} rules={[{ required: true, message: t('common.required') }]}>
        <Input maxLength={100} placeholder={t('natPlan.site.namePlaceholder')} data-testid="nat-site-name" />
      </Form.Item>
      <Form.Item name="nodeId" label={t('natPlan.site.place')} rules={[{ required: true, message: t('common.required') }]}>
        <NodePicker initialLabel={site?.nodeName} testId="nat-site-node" />
      </Form.Item>
      <Form.Item name="address" label={t('natPlan.site.address')}><Input maxLength={200} /></Form.Item>
      <Space>
        <Form.Item name="opensAt" label={t('natPlan.site.opens')} rules={[zodRule(zClock)]}><Input placeholder="07:00" style={{ width: 110 }} /></Form.Item>
        <Form.Item name="closesAt" label={t('natPlan.site.closes')} rules={[zodRule(zClock)]}><Input placeholder="18:00" style={{ width: 110 }} /></Form.Item>
      </Space>
      <Form.Item name="poolSize" label={t('natPlan.site.poolOverride')} extra={t('natPlan.site.poolOverrideHelp', { n: round.poolSize })}>
        <Select allowClear options={POOL_SIZES.map((n) => ({ value: n, label: n === 1 ? t('natPlan.single') : t('natPlan.poolOf', { n }) }))} />
      </Form.Item>
    </FormModal>
  );
}

function SiteCard({ site, round, canManage, onEdit, onChanged }: { site: SiteView; round: RoundView; canManage: boolean; onEdit: () => void; onChanged: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [error, setError] = useState<unknown>(null);
  const [deskName, setDeskName] = useState('');
  const [deskKind, setDeskKind] = useState<'pooled' | 'single'>('pooled');
  const [staff, setStaff] = useState<{ personId: string | null; role: string; deskId: string | null }>({ personId: null, role: 'sampler', deskId: null });
  const [areaId, setAreaId] = useState<string | null>(null);
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      message.success(t('common.saved'));
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const deskNameOf = (id: string | null) => site.desks.find((d) => d.id === id)?.name;
  return (
    <Card
      size="small"
      data-testid={`nat-site-${site.id}`}
      styles={{ title: { whiteSpace: 'normal' } }}
      title={<span>{site.name} <span style={{ color: '#888', fontWeight: 400 }}>· {site.nodeName} · {site.opensAt}–{site.closesAt}</span></span>}
      extra={canManage ? (
        <Space>
          <Button size="small" icon={<EditOutlined />} onClick={onEdit} aria-label={t('common.edit')} />
          <Popconfirm title={t('common.confirmDelete', { name: site.name })} onConfirm={() => void act(() => planApi.removeSite(site.id))}>
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
          </Popconfirm>
        </Space>
      ) : null}
    >
      <ApiErrorAlert error={error} />
      <div style={{ marginBottom: 6 }}>
        <b>{t('natPlan.poolSize')}：</b>{site.effectivePoolSize === 1 ? t('natPlan.single') : t('natPlan.poolOf', { n: site.effectivePoolSize })}
        {site.poolSize !== null && site.poolSize !== round.poolSize && <Tag color="orange" style={{ marginLeft: 6 }}>{t('natPlan.site.overridden')}</Tag>}
        {site.address && <span style={{ marginLeft: 12, color: '#666' }}>{site.address}</span>}
        <Link to={`/nat/bags/${site.id}`} style={{ marginLeft: 12 }} data-testid={`nat-bags-link-${site.id}`}>{t('natDesk.bags.link')}</Link>
      </div>

      <div style={{ marginBottom: 8 }}>
        <b>{t('natPlan.desks')}：</b>
        {site.desks.length === 0 && <span style={{ color: '#999' }}>{t('common.none')}</span>}
        {site.desks.map((d) => (
          <Tag key={d.id} color={d.kind === 'single' ? 'purple' : 'blue'} closable={canManage} onClose={(e) => { e.preventDefault(); void act(() => planApi.removeDesk(site.id, d.id)); }} style={{ padding: '2px 8px' }}>
            <Link to={`/nat/desk/${d.id}`} data-testid={`nat-desk-link-${d.id}`}>{d.name}</Link>（{t(`natPlan.deskKind.${d.kind}`)}）
          </Tag>
        ))}
        {canManage && (
          <Space.Compact style={{ marginTop: 6, display: 'flex', maxWidth: 420 }}>
            <Input value={deskName} onChange={(e) => setDeskName(e.target.value)} placeholder={t('natPlan.desk.namePlaceholder')} maxLength={50} data-testid={`nat-desk-name-${site.id}`} />
            <Select value={deskKind} onChange={setDeskKind} style={{ width: 110 }} options={DESK_KINDS.map((k) => ({ value: k, label: t(`natPlan.deskKind.${k}`) }))} />
            <Button icon={<PlusOutlined />} disabled={!deskName.trim()} onClick={() => void act(async () => { await planApi.addDesk(site.id, { name: deskName.trim(), kind: deskKind }); setDeskName(''); })} data-testid={`nat-desk-add-${site.id}`}>{t('common.add')}</Button>
          </Space.Compact>
        )}
      </div>

      <div style={{ marginBottom: 8 }}>
        <b>{t('natPlan.staff')}：</b>
        {site.staff.length === 0 && <span style={{ color: '#999' }}>{t('common.none')}</span>}
        {site.staff.map((m) => (
          <Tag key={m.id} closable={canManage} onClose={(e) => { e.preventDefault(); void act(() => planApi.removeStaff(site.id, m.id)); }} style={{ padding: '2px 8px' }}>
            {m.personName} · {t(`natPlan.role.${m.role}`)}{m.deskId ? ` · ${deskNameOf(m.deskId) ?? ''}` : ''}
          </Tag>
        ))}
        {canManage && (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 6 }}>
            <div style={{ minWidth: 200, flex: 1 }}><PersonSelect value={staff.personId} onChange={(v) => setStaff((s) => ({ ...s, personId: v }))} testId={`nat-staff-person-${site.id}`} /></div>
            <Select value={staff.role} onChange={(role) => setStaff((s) => ({ ...s, role }))} style={{ width: 120 }} options={STAFF_ROLES.map((r) => ({ value: r, label: t(`natPlan.role.${r}`) }))} />
            <Select allowClear value={staff.deskId ?? undefined} placeholder={t('natPlan.staff.desk')} onChange={(d?: string) => setStaff((s) => ({ ...s, deskId: d ?? null }))} style={{ width: 130 }} options={site.desks.map((d) => ({ value: d.id, label: d.name }))} />
            <Button icon={<PlusOutlined />} disabled={!staff.personId} onClick={() => void act(async () => {
              await planApi.addStaff(site.id, { personId: staff.personId!, role: staff.role as 'sampler', deskId: staff.deskId });
              setStaff({ personId: null, role: staff.role, deskId: null });
            })} data-testid={`nat-staff-add-${site.id}`}>{t('common.add')}</Button>
          </div>
        )}
      </div>

      <div>
        <b>{t('natPlan.areas')}：</b>
        {site.areas.length === 0 && <span style={{ color: '#999' }}>{t('natPlan.areas.none')}</span>}
        {site.areas.map((a) => (
          <Tag key={a.nodeId} color="green" closable={canManage} onClose={(e) => { e.preventDefault(); void act(() => planApi.setAreas(site.id, site.areas.filter((x) => x.nodeId !== a.nodeId).map((x) => x.nodeId))); }}>
            {a.nodeName}
          </Tag>
        ))}
        {canManage && (
          <div style={{ display: 'flex', gap: 6, marginTop: 6, maxWidth: 420 }}>
            <div style={{ flex: 1 }}><NodePicker value={areaId} onChange={setAreaId} placeholder={t('natPlan.areas.pick')} testId={`nat-area-node-${site.id}`} /></div>
            <Button icon={<PlusOutlined />} disabled={!areaId} onClick={() => void act(async () => {
              await planApi.setAreas(site.id, [...site.areas.map((x) => x.nodeId), areaId!]);
              setAreaId(null);
            })} data-testid={`nat-area-add-${site.id}`}>{t('common.add')}</Button>
          </div>
        )}
      </div>
    </Card>
  );
}

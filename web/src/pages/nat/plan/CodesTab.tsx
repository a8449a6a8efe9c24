import { useState } from 'react';
import { App as AntApp, Button, Card, Empty, Popconfirm, Select, Space } from 'antd';
import { PrinterOutlined, QrcodeOutlined, ReloadOutlined } from '@ant-design/icons';
import { registryApi } from '../../../api/registry.ts';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert.tsx';
import { NodePicker } from '../../../components/NodePicker.tsx';
import { useT } from '../../../i18n/index.tsx';
import { personalCodeLink, planApi, type CertificateView, type CodeSheetEntry, type RoundView } from './api.ts';
import { GreenCard } from './GreenCard.tsx';
import { Qr } from './Qr.tsx';

/** Personal codes (a printable sheet per building, re-issue) and a resident's green card for this round. */
export function CodesTab({ round, canManage }: { round: RoundView; canManage: boolean }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [nodeId, setNodeId] = useState<string | null>(null);
  const [sheet, setSheet] = useState<{ nodeName: string; entries: CodeSheetEntry[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const load = async () => {
    if (!nodeId) return;
    setLoading(true);
    setError(null);
    try {
      setSheet(await planApi.codeSheet(nodeId));
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  const reissue = async (entry: CodeSheetEntry) => {
    try {
      const fresh = await planApi.reissueCode(entry.residentId);
      setSheet((s) => s && { ...s, entries: s.entries.map((e) => (e.residentId === fresh.residentId ? { ...e, ...fresh, household: e.household } : e)) });
      message.success(t('natPlan.codes.reissued'));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="nat-codes">
      <ApiErrorAlert error={error} />
      {canManage ? (
        <Card size="small" title={t('natPlan.codes.title')} className="nat-no-print">
          <div style={{ color: '#888', marginBottom: 8 }}>{t('natPlan.codes.help')}</div>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <div style={{ flex: 1, minWidth: 220, maxWidth: 360 }}><NodePicker value={nodeId} onChange={setNodeId} placeholder={t('natPlan.codes.pickBuilding')} testId="nat-codes-node" /></div>
            <Button type="primary" icon={<QrcodeOutlined />} disabled={!nodeId} loading={loading} onClick={() => void load()} data-testid="nat-codes-load">{t('natPlan.codes.load')}</Button>
            {sheet && <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('natPlan.print')}</Button>}
          </div>
        </Card>
      ) : null}
      {sheet && (
        <div className="nat-print">
          <h3>{t('natPlan.codes.sheetTitle', { place: sheet.nodeName, n: sheet.entries.length })}</h3>
          {sheet.entries.length === 0 ? <Empty /> : (
            <div className="nat-code-grid" data-testid="nat-code-sheet">
              {sheet.entries.map((e) => (
                <div className="nat-code-card" key={e.residentId}>
                  <Qr text={personalCodeLink(e.token)} size={140} />
                  <div className="name">{e.nameMasked}</div>
                  <div>{e.household}</div>
                  <div style={{ color: '#999', fontSize: 11 }}>{t('natPlan.codes.serial', { n: e.serial })}</div>
                  <Popconfirm title={t('natPlan.codes.reissueConfirm')} onConfirm={() => void reissue(e)}>
                    <Button size="small" type="link" icon={<ReloadOutlined />} className="nat-no-print">{t('natPlan.codes.reissue')}</Button>
                  </Popconfirm>
                </div>
              ))}
            </div>
          )}
        </div>
      )}
      <CertificateLookup round={round} />
    </Space>
  );
}

/** Find a resident and show their green card for this round (print it for those without a phone). */
function CertificateLookup({ round }: { round: RoundView }) {
  const t = useT();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [cert, setCert] = useState<CertificateView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const search = (q: string) => {
    if (q.trim().length < 1) return;
    registryApi.list({ q: q.trim() }, null, 20)
      .then((p) => setOptions(p.items.map((r) => ({ value: r.id, label: `${r.name} · ${r.address}` }))))
      .catch(() => undefined);
  };
  const pick = async (id: string) => {
    setError(null);
    setCert(null);
    try {
      setCert(await planApi.certificate(round.id, id));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card size="small" title={t('natPlan.cert.lookup')}>
      <div className="nat-no-print" style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
        <Select
          showSearch={{ filterOption: false, onSearch: search }} options={options} onChange={(v: string) => void pick(v)}
          placeholder={t('natPlan.cert.searchResident')} style={{ flex: 1, minWidth: 220, maxWidth: 420 }} data-testid="nat-cert-resident"
        />
        {cert && <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('natPlan.print')}</Button>}
      </div>
      <ApiErrorAlert error={error} />
      {cert && <div className="nat-print"><GreenCard cert={cert} /></div>}
    </Card>
  );
}

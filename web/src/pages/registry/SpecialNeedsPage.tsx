import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, List, Select, Space, Spin, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { NEED_KINDS, type NeedKind } from '@shared/modules/registry/registry.schema.ts';
import { registryApi, type SpecialNeedsList } from '../../api/registry.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import './print.css';

/** 特殊人群名单: per building (or any area), in building/entrance/household order; prints as a clean table. */
export default function SpecialNeedsPage() {
  const t = useT();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const nodeId = params.get('nodeId');
  const [kind, setKind] = useState<NeedKind | undefined>(undefined);
  const [data, setData] = useState<SpecialNeedsList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setData(null);
    setError(null);
    if (!nodeId) return;
    setLoading(true);
    registryApi.specialNeeds(nodeId, kind).then(setData, setError).finally(() => setLoading(false));
  }, [nodeId, kind]);

  const needText = (k: NeedKind) => t(`registry.need.${k}` as MessageKey);
  const pick = (id: string | null) => setParams(id ? { nodeId: id } : {}, { replace: true });

  return (
    <div className="special-needs-print" data-testid="special-needs-page">
      <div className="no-print">
        <PageTitle title={t('registry.specialNeedsTitle')} actions={
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!data?.items.length} data-testid="special-needs-print">{t('registry.print')}</Button>
        } />
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space direction={phone ? 'vertical' : 'horizontal'} style={{ width: '100%' }} wrap>
            <div style={{ width: phone ? '100%' : 320 }}>
              <NodePicker value={nodeId} onChange={pick} initialLabel={data?.nodeName} placeholder={t('registry.pickPlace')} testId="special-needs-node" />
            </div>
            <Select<NeedKind> allowClear value={kind} onChange={setKind} placeholder={t('registry.allKinds')} style={{ width: phone ? '100%' : 160 }}
              options={NEED_KINDS.map((k) => ({ value: k, label: needText(k) }))} data-testid="special-needs-kind" />
          </Space>
        </Card>
      </div>
      <ApiErrorAlert error={error} />
      {loading && <Spin />}
      {data && (
        <>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {data.nodeName} {t('registry.specialNeedsTitle')}{kind ? `（${needText(kind)}）` : ''} · {data.items.length}
          </Typography.Title>
          {data.truncated && <Alert type="warning" showIcon message={t('registry.truncated')} style={{ marginBottom: 8 }} />}
          {phone ? (
            <List className="no-print" dataSource={data.items} data-testid="special-needs-list" renderItem={(e) => (
              <List.Item key={e.residentId}>
                <div>
                  <div><strong>{e.address}</strong> {e.name} {e.birthYear ?? ''} {e.phoneMasked ?? ''}</div>
                  <Space size={4} wrap>{e.needs.map((n) => <Tag key={n.kind} color="volcano">{needText(n.kind)}{n.note ? `：${n.note}` : ''}</Tag>)}</Space>
                </div>
              </List.Item>
            )} />
          ) : null}
          <table className={phone ? 'print-only' : undefined} style={phone ? { display: 'none' } : undefined} data-testid="special-needs-table">
            <thead>
              <tr>
                <th>#</th><th>{t('registry.address')}</th><th>{t('registry.name')}</th><th>{t('registry.birthDate')}</th>
                <th>{t('registry.phone')}</th><th>{t('registry.needs')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((e, i) => (
                <tr key={e.residentId}>
                  <td>{i + 1}</td><td>{e.address}</td><td>{e.name}</td><td>{e.birthYear ?? ''}</td><td>{e.phoneMasked ?? ''}</td>
                  <td>{e.needs.map((n) => `${needText(n.kind)}${n.note ? `：${n.note}` : ''}`).join('；')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div style={{ marginTop: 8, color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{t('registry.printedAt')}：{new Date().toLocaleString()}</div>
        </>
      )}
    </div>
  );
}

import { useCallback, useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, QRCode, Space, Typography } from 'antd';
import { CopyOutlined, ExportOutlined, QrcodeOutlined, ReloadOutlined } from '@ant-design/icons';
import { mobilizationApi } from '../../api/mobilization.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { useReportError } from '../../components/useReportError.tsx';
import { useT } from '../../i18n/index.tsx';
import { translated } from './shared.tsx';
import { useLoad } from '../../components/useLoad.ts';

/** The place's report-in QR code: shown for printing or on a screen at the door; a new one replaces the old. */
export function ReportInCodeCard({ canWrite }: { canWrite: boolean }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [nodeId, setNodeId] = useState<string | null>(me.nodeId);
  const [version, setVersion] = useState(0);
  const load = useCallback(() => (nodeId ? mobilizationApi.code(nodeId) : Promise.resolve(null)), [nodeId]);
  const { data: code, error, loading } = useLoad(load, version);
  const url = code?.path ? `${window.location.origin}${code.path}` : null;

  const regenerate = async () => {
    if (!nodeId) return;
    try {
      await mobilizationApi.regenerateCode(nodeId);
      setVersion((v) => v + 1);
    } catch (e) {
      reportError(translated(e));
    }
  };

  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      void message.success(t('common.copied'));
    } catch {
      void message.info(url);
    }
  };

  return (
    <Card size="small" title={<Space><QrcodeOutlined />{t('mobilization.code.title')}</Space>} data-testid="report-in-code">
      <div style={{ marginBottom: 8 }}>
        <NodePicker value={nodeId} onChange={setNodeId} placeholder={t('mobilization.code.pickPlace')} allowClear={false} testId="code-node" />
      </div>
      <ApiErrorAlert error={error} />
      {url ? (
        <div style={{ textAlign: 'center' }}>
          <QRCode value={url} size={180} style={{ margin: '0 auto 8px' }} data-testid="code-qr" />
          <Typography.Title level={5} style={{ margin: '4px 0' }}>{code?.nodeName}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('mobilization.code.hint')}</Typography.Paragraph>
          <Typography.Paragraph className="mono" style={{ wordBreak: 'break-all', fontSize: 11 }} data-testid="code-url">{url}</Typography.Paragraph>
          <Space wrap style={{ justifyContent: 'center' }}>
            <Button size="small" icon={<CopyOutlined />} onClick={() => void copy()}>{t('mobilization.code.copyLink')}</Button>
            <Button size="small" icon={<ExportOutlined />} href={code?.path ?? undefined} target="_blank">{t('mobilization.code.open')}</Button>
            {canWrite && (
              <Popconfirm title={t('mobilization.code.regenerateConfirm')} onConfirm={() => void regenerate()}>
                <Button size="small" icon={<ReloadOutlined />}>{t('mobilization.code.regenerate')}</Button>
              </Popconfirm>
            )}
          </Space>
        </div>
      ) : (
        !loading && nodeId && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mobilization.code.none')}>
            {canWrite && (
              <Button type="primary" icon={<QrcodeOutlined />} onClick={() => void regenerate()} data-testid="code-generate">
                {t('mobilization.code.generate')}
              </Button>
            )}
          </Empty>
        )
      )}
    </Card>
  );
}

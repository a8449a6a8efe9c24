import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Modal, Progress, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { importPercent } from '@shared/modules/registry/registry-import.schema.ts';
import { download } from '../../api/transfer.ts';
import { errorMessage } from '../../components/errorMessage.ts';
import { NodePicker } from '../../components/NodePicker.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useT } from '../../i18n/index.tsx';
import { residentImportApi, type ResidentImportJobView } from './residentImportApi.ts';

interface Props {
  open: boolean;
  /** The place picked on the page; the import's rows are looked up under it. */
  nodeId: string | null;
  nodeName?: string;
  onClose: () => void;
  /** Called when rows were written, so the page reloads. */
  onImported: () => void;
}

type Row = ResidentImportJobView['errors'][number];
const POLL_MS = 700;
const RUNNING = new Set(['validating', 'writing']);

/** Upload a community's sheet → a server job with a progress bar → a summary, or the bad rows and their report. */
export function ResidentImportDialog({ open, nodeId, nodeName, onClose, onImported }: Props) {
  const t = useT();
  const phone = useIsPhone();
  const [target, setTarget] = useState<string | null>(nodeId);
  const [file, setFile] = useState<File | null>(null);
  const [acceptValid, setAcceptValid] = useState(false);
  const [job, setJob] = useState<ResidentImportJobView | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => { if (open) setTarget(nodeId); }, [open, nodeId]);
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);

  const poll = (id: string) => {
    timer.current = setTimeout(() => {
      residentImportApi.get(id).then((next) => {
        setJob(next);
        if (RUNNING.has(next.state)) poll(id);
        else if (next.state === 'done') onImported();
      }, (e) => setFailure(errorMessage(e)));
    }, POLL_MS);
  };

  const start = async (valid: boolean) => {
    if (!file || !target) return;
    setBusy(true);
    setFailure(null);
    try {
      const started = await residentImportApi.start(file, target, valid);
      setJob(started);
      poll(started.id);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    if (timer.current) clearTimeout(timer.current);
    setJob(null);
    setFailure(null);
  };
  const close = () => {
    reset();
    setFile(null);
    setAcceptValid(false);
    onClose();
  };

  const running = !!job && RUNNING.has(job.state);
  const percent = job ? importPercent(job) : 0;
  const status = !job ? 'normal' : job.state === 'failed' || job.state === 'rejected' ? 'exception' : job.state === 'done' ? 'success' : 'active';

  return (
    <Modal
      open={open} title={t('registry.import.title')} onCancel={close} width={phone ? '100%' : 760} destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={close} size={phone ? 'large' : 'middle'}>{t('common.close')}</Button>
          {job?.state === 'rejected' && job.valid > 0 && (
            <Button danger size={phone ? 'large' : 'middle'} loading={busy} onClick={() => void start(true)} data-testid="resident-import-accept-valid">
              {t('registry.import.importValid', { n: job.valid })}
            </Button>
          )}
          {!job && (
            <Button type="primary" size={phone ? 'large' : 'middle'} loading={busy} disabled={!file || !target} onClick={() => void start(acceptValid)} data-testid="resident-import-start">
              {t('registry.import.start')}
            </Button>
          )}
          {job && !running && <Button onClick={reset} size={phone ? 'large' : 'middle'}>{t('registry.import.again')}</Button>}
        </Space>
      }
    >
      {!job && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('registry.import.hint')}</Typography.Paragraph>
          <Space wrap>
            <Typography.Text>{t('registry.import.template')}</Typography.Text>
            <Button size="small" icon={<DownloadOutlined />} onClick={() => download(residentImportApi.templateUrl('xlsx'))} data-testid="resident-import-template">Excel</Button>
            <Button size="small" icon={<DownloadOutlined />} onClick={() => download(residentImportApi.templateUrl('csv'))}>CSV</Button>
          </Space>
          <div>
            <Typography.Text strong>{t('registry.import.under')}</Typography.Text>
            <NodePicker value={target} onChange={setTarget} initialLabel={target === nodeId ? nodeName : undefined} placeholder={t('registry.import.pickArea')} testId="resident-import-node" />
          </div>
          <Upload.Dragger
            accept=".xlsx,.csv" maxCount={1}
            beforeUpload={(f) => { setFile(f); return false; }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
            data-testid="resident-import-file"
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('registry.import.pickFile')}</p>
            <p className="ant-upload-hint">{t('registry.import.limits')}</p>
          </Upload.Dragger>
          <Checkbox checked={acceptValid} onChange={(e) => setAcceptValid(e.target.checked)} data-testid="resident-import-valid-option">
            {t('registry.import.acceptValidOption')}
          </Checkbox>
        </Space>
      )}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 16 }} />}
      {job && (
        <div data-testid="resident-import-job">
          <Typography.Text type="secondary">{job.fileName}</Typography.Text>
          <Progress percent={percent} status={status} data-testid="resident-import-progress" />
          <Typography.Paragraph>{t(`registry.import.state.${job.state}`)}</Typography.Paragraph>
          <Descriptions size="small" column={phone ? 2 : 4} bordered>
            <Descriptions.Item label={t('registry.import.read')}>{job.read}{job.estimatedRows && running && job.state === 'validating' ? ` / ~${job.estimatedRows}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('registry.import.valid')}>{job.valid}</Descriptions.Item>
            <Descriptions.Item label={t('registry.import.invalid')}>{job.invalid}</Descriptions.Item>
            <Descriptions.Item label={t('registry.import.written')}>{job.written}</Descriptions.Item>
            <Descriptions.Item label={t('registry.import.created')}>{job.created}</Descriptions.Item>
            <Descriptions.Item label={t('registry.import.updated')}>{job.updated}{job.moved ? ` (${t('registry.import.moved', { n: job.moved })})` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('registry.import.unchanged')}>{job.unchanged}</Descriptions.Item>
            <Descriptions.Item label={t('registry.import.households')}>{job.householdsCreated}</Descriptions.Item>
          </Descriptions>
          {job.state === 'rejected' && (
            <Alert type="error" showIcon style={{ marginTop: 12 }} data-testid="resident-import-rejected"
              title={t('registry.import.rejected', { rows: job.invalid, errors: job.errorCount })} />
          )}
          {job.state === 'done' && job.invalid > 0 && (
            <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('registry.import.skipped', { rows: job.invalid })} />
          )}
          {job.state === 'failed' && <Alert type="error" showIcon style={{ marginTop: 12 }} title={job.message ?? t('registry.import.state.failed')} />}
          {job.errorCount > 0 && !running && (
            <>
              <Space wrap style={{ marginTop: 12 }}>
                <Typography.Text>{t('registry.import.report')}</Typography.Text>
                <Button icon={<DownloadOutlined />} onClick={() => download(residentImportApi.errorsUrl(job.id, 'xlsx'))} data-testid="resident-import-report">Excel</Button>
                <Button icon={<DownloadOutlined />} onClick={() => download(residentImportApi.errorsUrl(job.id, 'csv'))}>CSV</Button>
              </Space>
              <Table<Row>
                style={{ marginTop: 12 }} size="small" rowKey={(r, i) => `${r.row}-${r.column}-${i}`} dataSource={job.errors}
                pagination={job.errors.length > 8 ? { pageSize: 8, showSizeChanger: false } : false} scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('registry.import.row'), dataIndex: 'row', width: 64 },
                  { title: t('registry.import.column'), dataIndex: 'column', width: 96 },
                  { title: t('registry.import.message'), dataIndex: 'message' },
                  { title: t('registry.import.value'), dataIndex: 'value', width: 150 },
                ]}
                data-testid="resident-import-errors"
              />
            </>
          )}
        </div>
      )}
    </Modal>
  );
}

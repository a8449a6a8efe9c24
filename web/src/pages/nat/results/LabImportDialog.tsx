import { useState } from 'react';
import { Alert, Button, Checkbox, Modal, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client.ts';
import { download } from '../../../api/transfer.ts';
import { errorMessage } from '../../../components/errorMessage.ts';
import { FileDrop, LineErrorTable, type LineError } from '../../../components/FileDrop.tsx';
import { useT } from '../../../i18n/index.tsx';
import { labTemplateUrl, natResultsApi, type LabImportOutcome } from './api.ts';

interface Props {
  roundId: string;
  open: boolean;
  onClose: () => void;
  onApplied: () => void;
}

/** Upload the lab's file: either every line is applied, or the table of lines in error with nothing applied. */
export function LabImportDialog({ roundId, open, onClose, onApplied }: Props) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [correction, setCorrection] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<LabImportOutcome | null>(null);
  const [lines, setLines] = useState<LineError[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const reset = () => {
    setOutcome(null);
    setLines(null);
    setFailure(null);
  };
  const close = () => {
    reset();
    setFile(null);
    setCorrection(false);
    onClose();
  };
  const run = async () => {
    if (!file) return;
    setBusy(true);
    reset();
    try {
      setOutcome(await natResultsApi.importFile(roundId, file, correction));
      onApplied();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'IMPORT_INVALID') {
        setLines(e.details.map((d) => ({ row: d.row ?? 0, column: d.column ?? '', value: String((d as { value?: unknown }).value ?? ''), message: d.message })));
      } else {
        setFailure(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('natResults.import.title')}
      onCancel={close}
      width={760}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={close}>{t('common.close')}</Button>
          {!outcome && (
            <Button type="primary" onClick={() => void run()} loading={busy} disabled={!file} data-testid="lab-import-start">
              {t('natResults.import.start')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('natResults.import.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} onClick={() => download(labTemplateUrl('xlsx'))}>{t('natResults.import.template')} (XLSX)</Button>
        <Button icon={<DownloadOutlined />} onClick={() => download(labTemplateUrl('csv'))}>{t('natResults.import.template')} (CSV)</Button>
      </Space>
      <FileDrop
        file={file}
        onFile={(f) => {
          reset();
          setFile(f);
        }}
        label={t('natResults.import.pick')}
        testId="lab-import-file"
      />
      <Checkbox style={{ marginTop: 12 }} checked={correction} onChange={(e) => setCorrection(e.target.checked)}>
        {t('natResults.correction')}
      </Checkbox>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 16 }} />}
      {outcome && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          data-testid="lab-import-result"
          title={outcome.status === 'already_applied'
            ? t('natResults.import.already', { file: outcome.fileName })
            : t('natResults.import.applied', {
              lines: outcome.lines, negative: outcome.counts.negative, positive: outcome.counts.positive,
              invalid: outcome.counts.invalid, cases: outcome.casesCreated, resamples: outcome.resamplesCreated,
            })}
        />
      )}
      {lines && (
        <>
          <Alert type="error" showIcon style={{ marginTop: 16 }} title={t('natResults.import.invalid', { n: lines.length })} data-testid="lab-import-invalid" />
          <LineErrorTable
            errors={lines}
            titles={{ row: t('natResults.line'), column: t('natResults.column'), value: t('natResults.value'), message: t('natResults.message') }}
            testId="lab-import-errors"
          />
        </>
      )}
    </Modal>
  );
}

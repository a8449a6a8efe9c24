import { useState } from 'react';
import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import { ApiError } from '../api/client.ts';
import { transferApi, type ImportReport, type ImportRowError, type TransferKind } from '../api/transfer.ts';
import { fieldText } from '../i18n/fields.ts';
import { useT } from '../i18n/index.tsx';
import { errorMessage } from './errorMessage.ts';
import { FileDrop, LineErrorTable } from './FileDrop.tsx';

interface Props {
  kind: TransferKind;
  open: boolean;
  onClose: () => void;
  /** Called after rows were written, so the page reloads its list. */
  onImported: () => void;
}

/** Upload → either a summary, or the rows in error with the choice to import only the valid ones. */
export function ImportDialog({ kind, open, onClose, onImported }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [invalid, setInvalid] = useState<ImportRowError[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const reset = () => {
    setFile(null);
    setReport(null);
    setInvalid(null);
    setFailure(null);
  };

  const run = async (acceptValid: boolean) => {
    if (!file) {
      void message.warning(t('transfer.noFile'));
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const result = await transferApi.import(kind, file, acceptValid);
      setReport(result);
      setInvalid(result.errors.length > 0 ? result.errors.map((e) => ({ ...e, message: fieldText(e.message) })) : null);
      onImported();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'IMPORT_INVALID') {
        // Row messages may still be rule keys ('phone.invalid'); show them in the user's language.
        setInvalid(e.details.map((d) => ({ row: d.row ?? 0, column: d.column ?? d.path ?? '', message: fieldText(d.message) })));
        setReport(null);
      } else {
        setFailure(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    reset();
    onClose();
  };

  const what = t(`transfer.kind.${kind}`);
  const canAcceptValid = invalid && !report;

  return (
    <Modal
      open={open}
      title={t('transfer.importTitle', { what })}
      onCancel={close}
      width={720}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={close}>{t('common.close')}</Button>
          {canAcceptValid && (
            <Button danger onClick={() => void run(true)} loading={busy} data-testid="import-accept-valid">
              {t('transfer.acceptValid')}
            </Button>
          )}
          {!report && (
            <Button type="primary" onClick={() => void run(false)} loading={busy} disabled={!file} data-testid="import-start">
              {t('transfer.start')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('transfer.hint')}</Typography.Paragraph>
      <FileDrop
        file={file}
        onFile={(f) => {
          reset();
          setFile(f);
        }}
        label={t('transfer.pickFile')}
        testId="import-file"
      />
      {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 16 }} />}
      {report && (
        <Alert
          type={report.errorCount > 0 ? 'warning' : 'success'}
          showIcon
          style={{ marginTop: 16 }}
          data-testid="import-result"
          title={t('transfer.result', { created: report.created, updated: report.updated, unchanged: report.unchanged, skipped: report.skipped })}
          description={report.errorCount > 0 ? t('transfer.resultErrors', { n: report.errorCount }) : undefined}
        />
      )}
      {invalid && !report && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title={t('transfer.invalid', { n: invalid.length })} data-testid="import-invalid" />
      )}
      {invalid && (
        <LineErrorTable
          errors={invalid}
          titles={{ row: t('transfer.row'), column: t('transfer.column'), message: t('transfer.message') }}
          testId="import-errors"
        />
      )}
    </Modal>
  );
}

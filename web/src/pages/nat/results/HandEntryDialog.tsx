import { useState } from 'react';
import { App, Checkbox, Form, Input, Modal, Radio } from 'antd';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert.tsx';
import { useT } from '../../../i18n/index.tsx';
import { natResultsApi, type TubeResult } from './api.ts';

interface Props {
  roundId: string;
  open: boolean;
  onClose: () => void;
  onApplied: () => void;
}

const RESULTS: TubeResult[] = ['negative', 'positive', 'invalid'];

/** One tube's result typed in (or scanned) by hand; entering the same result again changes nothing. */
export function HandEntryDialog({ roundId, open, onClose, onApplied }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ barcode: string; result: TubeResult; correction: boolean }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const r = await natResultsApi.enter(roundId, { barcode: values.barcode.trim(), result: values.result, correction: !!values.correction });
      if (r.changed) {
        void message.success(t('natResults.enter.done', {
          barcode: r.barcode, result: t(`natResults.result.${r.result}`), members: r.members, cases: r.casesCreated, resamples: r.resamplesCreated,
        }));
      } else {
        void message.info(t('natResults.enter.same'));
      }
      onApplied();
      form.resetFields(['barcode']);
      setConflict(false);
    } catch (e) {
      setError(e);
      setConflict((e as { code?: string }).code === 'NAT_RESULT_CONFLICT');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('natResults.enter.title')}
      onCancel={() => {
        setError(null);
        setConflict(false);
        onClose();
      }}
      onOk={() => void submit()}
      okButtonProps={{ loading: busy, 'data-testid': 'hand-entry-submit' } as never}
      okText={t('common.save')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ result: 'negative', correction: false }} preserve={false}>
        <Form.Item name="barcode" label={t('natResults.barcode')} rules={[{ required: true, whitespace: true }]}>
          <Input size="large" autoFocus autoComplete="off" onPressEnter={() => void submit()} data-testid="hand-entry-barcode" />
        </Form.Item>
        <Form.Item name="result" label={t('natResults.result')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" size="large"
            options={RESULTS.map((r) => ({ value: r, label: t(`natResults.result.${r}`) }))} />
        </Form.Item>
        <Form.Item name="correction" valuePropName="checked">
          <Checkbox>{t('natResults.correction')}</Checkbox>
        </Form.Item>
      </Form>
      {/* A conflict's message says what to do; the correction box above is the way to do it. */}
      <ApiErrorAlert error={error} details={conflict ? [] : undefined} />
    </Modal>
  );
}

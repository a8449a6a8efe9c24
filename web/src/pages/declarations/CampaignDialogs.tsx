import { useEffect, useState } from 'react';
import { Form, Input, List, Modal, Timeline, Typography } from 'antd';
import { newId } from '@shared/platform/ids.ts';
import { declarationsApi, type CampaignView, type DeclarationView, type EntryView, type HistoryView, type LinkView } from '../../api/declarations.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { UnitSelect } from '../../components/pickers.tsx';
import { useT } from '../../i18n/index.tsx';
import { DECLARATION_FIELDS, DeclarationFields, DeclarationSummary, EMPTY_DECLARATION, toDeclaration } from './DeclarationFields.tsx';
import { dateTime } from '../../components/shanghaiTime.ts';

interface CampaignValues { unitId?: string; title: string; startsOn: string; endsOn: string; note?: string }

export function CampaignForm({ open, needUnit, onClose, onSaved }: { open: boolean; needUnit: boolean; onClose: () => void; onSaved: (c: CampaignView) => void }) {
  const t = useT();
  const [form] = Form.useForm<CampaignValues>();
  return (
    <FormModal<CampaignValues> open={open} form={form} fields={['unitId', 'title', 'startsOn', 'endsOn', 'note']} title={t('declarations.newCampaign')}
      initialValues={{ title: t('declarations.titleExample') }} onClose={onClose} testId="campaign-form"
      onSubmit={async (v) => onSaved(await declarationsApi.create({ id: newId(), ...v, note: v.note || null }))}>
      {needUnit && (
        <Form.Item name="unitId" label={t('declarations.unit')} rules={[{ required: true }]}>
          <UnitSelect value={form.getFieldValue('unitId') ?? null} onChange={(id) => form.setFieldValue('unitId', id)} />
        </Form.Item>
      )}
      <Form.Item name="title" label={t('declarations.campaignTitle')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
      <Form.Item name="startsOn" label={t('declarations.startsOn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
      <Form.Item name="endsOn" label={t('declarations.endsOn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
      <Form.Item name="note" label={t('declarations.note')}><Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} /></Form.Item>
    </FormModal>
  );
}

/** The liaison enters or corrects a staff member's declaration (a phone call, a paper form). */
export function EntryForm({ entry, onClose, onSaved }: { entry: EntryView | null; onClose: () => void; onSaved: (e: EntryView) => void }) {
  const t = useT();
  const [form] = Form.useForm<DeclarationView>();
  return (
    <FormModal<DeclarationView> open={!!entry} form={form} fields={DECLARATION_FIELDS} onClose={onClose} testId="entry-form"
      title={entry ? t('declarations.fillTitle', { name: entry.name }) : ''} initialValues={entry?.declaration ?? EMPTY_DECLARATION}
      onSubmit={async (v) => { if (entry) onSaved(await declarationsApi.declare(entry.id, toDeclaration(v))); }}>
      <DeclarationFields />
    </FormModal>
  );
}

export function LinksDialog({ campaignId, onClose }: { campaignId: string | null; onClose: () => void }) {
  const t = useT();
  const [links, setLinks] = useState<LinkView[]>([]);
  useEffect(() => {
    setLinks([]);
    if (campaignId) declarationsApi.links(campaignId).then(setLinks, () => setLinks([]));
  }, [campaignId]);
  return (
    <Modal open={!!campaignId} title={t('declarations.links')} onCancel={onClose} footer={null} width={640}>
      <Typography.Paragraph type="secondary">{t('declarations.linksHint')}</Typography.Paragraph>
      <List dataSource={links} renderItem={(l) => (
        <List.Item key={l.entryId}>
          <b style={{ minWidth: 64 }}>{l.name}</b>
          <Typography.Text copyable={{ text: `${window.location.origin}${l.path}` }} ellipsis style={{ maxWidth: 420 }}>{`${window.location.origin}${l.path}`}</Typography.Text>
        </List.Item>
      )} />
    </Modal>
  );
}

export function HistoryDialog({ entry, onClose }: { entry: EntryView | null; onClose: () => void }) {
  const t = useT();
  const [items, setItems] = useState<HistoryView[]>([]);
  useEffect(() => {
    setItems([]);
    if (entry) declarationsApi.history(entry.id).then(setItems, () => setItems([]));
  }, [entry]);
  return (
    <Modal open={!!entry} title={entry ? `${t('declarations.history')}：${entry.name}` : ''} onCancel={onClose} footer={null}>
      <Timeline items={[...items.map((h) => ({
        color: 'gray', children: <div><b>{t('declarations.version', { n: h.version })}</b> · {dateTime(h.declaredAt)} · {t(`declarations.via.${h.declaredVia}`)}<div><DeclarationSummary d={h.declaration} /></div></div>,
      })), ...(entry?.declaration ? [{
        color: 'green', children: <div><b>{t('declarations.version', { n: entry.version })}</b> · {t(`declarations.via.${entry.declaredVia ?? 'liaison'}`)}<div><DeclarationSummary d={entry.declaration} /></div></div>,
      }] : [])]} />
    </Modal>
  );
}

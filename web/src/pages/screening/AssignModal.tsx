import { useEffect, useRef, useState } from 'react';
import { Form, Modal, Select } from 'antd';
import type { AssigneeView, TaskProgressRow } from '@shared/modules/screening/screening.schema.ts';
import { accountsApi } from '../../api/accounts.ts';
import { peopleApi } from '../../api/people.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { screeningApi } from './screeningApi.ts';

type Option = { value: string; label: string };

/** A multi-select that asks the server as the user types (accounts or people are many). */
function SearchSelect({ value, onChange, search, initial, testId }: {
  value: string[]; onChange: (v: string[]) => void; search: (q: string) => Promise<Option[]>; initial: Option[]; testId: string;
}) {
  const t = useT();
  const [options, setOptions] = useState<Option[]>(initial);
  const timer = useRef<number | undefined>(undefined);
  const run = (q: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      search(q).then((found) => setOptions((old) => [...old.filter((o) => value.includes(o.value) && !found.some((f) => f.value === o.value)), ...found])).catch(() => undefined);
    }, 250);
  };
  const first = useRef(run);
  useEffect(() => {
    first.current('');
    return () => window.clearTimeout(timer.current);
  }, []);
  return (
    <Select mode="multiple" value={value} onChange={onChange} options={options} showSearch={{ filterOption: false, onSearch: run }}
      placeholder={t('common.searchPlaceholder')} style={{ width: '100%' }} data-testid={testId} />
  );
}

const toOptions = (list: AssigneeView[], key: 'accountId' | 'personId'): Option[] =>
  list.filter((a) => a[key]).map((a) => ({ value: a[key]!, label: a.name }));

/** Who works a building's task: building leads' accounts and/or people of the workforce (volunteers). */
export function AssignModal({ task, onClose, onSaved }: { task: TaskProgressRow | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [accounts, setAccounts] = useState<string[]>([]);
  const [people, setPeople] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setError(null);
    setAccounts(task?.assignees.flatMap((a) => (a.accountId ? [a.accountId] : [])) ?? []);
    setPeople(task?.assignees.flatMap((a) => (a.personId ? [a.personId] : [])) ?? []);
  }, [task]);
  if (!task) return null;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await screeningApi.assign(task.taskId, { accountIds: accounts, personIds: people });
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${t('screening.assign.title')} · ${task.name}`} onCancel={onClose} onOk={() => void save()} confirmLoading={busy}
      okText={t('common.save')} cancelText={t('common.cancel')} data-testid="assign-modal" destroyOnHidden>
      <ApiErrorAlert error={error} />
      <Form layout="vertical">
        <Form.Item label={t('screening.assign.accounts')} extra={t('screening.assign.accountsHelp')}>
          <SearchSelect value={accounts} onChange={setAccounts} initial={toOptions(task.assignees, 'accountId')} testId="assign-accounts"
            search={(q) => accountsApi.list({ q: q || undefined }, null, 20).then((p) => p.items.map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` })))} />
        </Form.Item>
        <Form.Item label={t('screening.assign.people')} extra={t('screening.assign.peopleHelp')}>
          <SearchSelect value={people} onChange={setPeople} initial={toOptions(task.assignees, 'personId')} testId="assign-people"
            search={(q) => peopleApi.list({ q: q || undefined }, null, 20).then((p) => p.items.map((i) => ({ value: i.id, label: [i.name, i.unitName ?? i.homeNodeName].filter(Boolean).join(' · ') })))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

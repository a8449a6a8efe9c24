import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import type { PartyOrgKind } from '@shared/modules/org/org.schema.ts';
import { orgApi } from '../api/org.ts';
import { peopleApi } from '../api/people.ts';
import { useLabels, useT } from '../i18n/index.tsx';

interface PickerProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  disabled?: boolean;
  testId?: string;
  /** Shown for a value not in the loaded options (e.g. a unit the list no longer returns). */
  initialLabel?: string | null;
}

type Option = { value: string; label: string };

/** Loads options once per `key` (the latest `load` is used). */
function useOptions(load: () => Promise<Option[]>, key: string) {
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    let alive = true;
    setLoading(true);
    loadRef.current()
      .then((o) => alive && setOptions(o))
      .catch(() => undefined)
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [key]);
  return { options, loading };
}

function withInitial(options: Option[], value: string | null | undefined, initialLabel: string | null | undefined): Option[] {
  return value && initialLabel && !options.some((o) => o.value === value) ? [{ value, label: initialLabel }, ...options] : options;
}

function PickerSelect({ value, onChange, placeholder, disabled, testId, initialLabel, options, loading }: PickerProps & { options: Option[]; loading: boolean }) {
  const t = useT();
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={withInitial(options, value, initialLabel)}
      loading={loading}
      placeholder={placeholder ?? t('common.selectPlaceholder')}
      disabled={disabled}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

export function UnitSelect(props: PickerProps) {
  const { options, loading } = useOptions(() => orgApi.units().then((l) => l.map((u) => ({ value: u.id, label: u.name }))), 'units');
  return <PickerSelect {...props} options={options} loading={loading} />;
}

/** Party organisations, optionally only some kinds (a responsibility area belongs to a branch). */
export function PartyOrgSelect({ kinds, excludeId, ...props }: PickerProps & { kinds?: readonly PartyOrgKind[]; excludeId?: string }) {
  const { label } = useLabels();
  const key = (kinds ?? []).join(',');
  const { options, loading } = useOptions(
    () =>
      orgApi.partyOrgs().then((l) =>
        l
          .filter((o) => (!kinds || kinds.includes(o.kind)) && o.id !== excludeId)
          .map((o) => ({ value: o.id, label: `${o.name}（${label('partyOrgKind', o.kind)}）` })),
      ),
    `${key}|${excludeId ?? ''}|${label('partyOrgKind', 'branch')}`,
  );
  return <PickerSelect {...props} options={options} loading={loading} />;
}

export function AreaSelect(props: PickerProps) {
  const { options, loading } = useOptions(() => orgApi.areas().then((l) => l.map((a) => ({ value: a.id, label: a.name }))), 'areas');
  return <PickerSelect {...props} options={options} loading={loading} />;
}

/** People are many: the server searches as the user types (name, or a full mobile / ID number). */
export function PersonSelect({ value, onChange, placeholder, disabled, testId, initialLabel, politicalStatus }: PickerProps & { politicalStatus?: 'member' }) {
  const t = useT();
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const search = (q: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setLoading(true);
      peopleApi
        .list({ q: q.trim() || undefined, politicalStatus }, null, 20)
        .then((p) => setOptions(p.items.map((i) => ({ value: i.id, label: [i.name, i.unitName ?? i.homeNodeName].filter(Boolean).join(' · ') }))))
        .catch(() => undefined)
        .finally(() => setLoading(false));
    }, 250);
  };
  const first = useRef(search);
  useEffect(() => {
    first.current('');
    return () => window.clearTimeout(timer.current);
  }, []);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={withInitial(options, value, initialLabel)}
      loading={loading}
      placeholder={placeholder ?? t('common.searchPlaceholder')}
      disabled={disabled}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

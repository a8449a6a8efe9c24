import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { mobilizationApi } from '../../api/mobilization.ts';
import { useLabels, useT } from '../../i18n/index.tsx';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  initialLabel?: string | null;
  testId?: string;
}

type Option = { value: string; label: string };

/**
 * A person within mobilisation reach: residents of the account's area and the people other units sent into it.
 * The server searches as the user types (name, or a full mobile number).
 */
export function ReachPersonSelect({ value, onChange, placeholder, initialLabel, testId }: Props) {
  const t = useT();
  const { label } = useLabels();
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const search = (q: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setLoading(true);
      mobilizationApi
        .people(q.trim() || undefined)
        .then((list) => setOptions(list.map((p) => ({ value: p.id, label: [p.name, label('political', p.politicalStatus), p.unitName].filter(Boolean).join(' · ') }))))
        .catch(() => undefined)
        .finally(() => setLoading(false));
    }, 250);
  };
  const first = useRef(search);
  useEffect(() => {
    first.current('');
    return () => window.clearTimeout(timer.current);
  }, []);
  const shown = value && initialLabel && !options.some((o) => o.value === value) ? [{ value, label: initialLabel }, ...options] : options;
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={shown}
      loading={loading}
      placeholder={placeholder ?? t('common.searchPlaceholder')}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { peopleApi } from '../../api/people.ts';
import { useLabels, useT } from '../../i18n/index.tsx';

interface Props {
  unitId: string | null | undefined;
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
  testId?: string;
}

type Option = { value: string; label: string };

/** People of one unit, several at once; the server searches as the user types (name or full mobile number). */
export function UnitPeopleSelect({ unitId, value, onChange, disabled, testId }: Props) {
  const t = useT();
  const { label } = useLabels();
  const [options, setOptions] = useState<Option[]>([]);
  const [known, setKnown] = useState<Record<string, string>>({});
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  const search = (q: string) => {
    window.clearTimeout(timer.current);
    if (!unitId) return setOptions([]);
    timer.current = window.setTimeout(() => {
      setLoading(true);
      peopleApi
        .list({ unitId, q: q.trim() || undefined }, null, 50)
        .then((page) => {
          const opts = page.items.map((p) => ({ value: p.id, label: `${p.name} · ${label('political', p.politicalStatus)}${p.phoneMasked ? ` · ${p.phoneMasked}` : ''}` }));
          setOptions(opts);
          setKnown((prev) => ({ ...prev, ...Object.fromEntries(opts.map((o) => [o.value, o.label])) }));
        })
        .catch(() => undefined)
        .finally(() => setLoading(false));
    }, 250);
  };
  const first = useRef(search);
  first.current = search;
  useEffect(() => {
    first.current('');
    return () => window.clearTimeout(timer.current);
  }, [unitId]);

  const shown = [...options, ...(value ?? []).filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: known[v] ?? v }))];
  return (
    <Select
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      onChange={(v: string[]) => onChange?.(v)}
      options={shown}
      loading={loading}
      disabled={disabled || !unitId}
      placeholder={unitId ? t('common.searchPlaceholder') : t('mobilization.batch.pickUnitFirst')}
      style={{ width: '100%' }}
      maxTagCount="responsive"
      data-testid={testId}
    />
  );
}

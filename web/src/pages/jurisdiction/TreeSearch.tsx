import { useRef, useState } from 'react';
import { AutoComplete, Input, Tag } from 'antd';
import { jurisdictionApi, type NodeSearchHit } from '../../api/jurisdiction.ts';
import { useLevels } from '../../components/useLevels.ts';
import { useT } from '../../i18n/index.tsx';

/** Server-side name search over the whole reach; picking a hit opens the tree down to it. */
export function TreeSearch({ onPick }: { onPick: (id: string) => void }) {
  const t = useT();
  const { levelName } = useLevels();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<NodeSearchHit[]>([]);
  const [searched, setSearched] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const abort = useRef<AbortController | null>(null);

  const search = (q: string) => {
    window.clearTimeout(timer.current);
    abort.current?.abort();
    if (!q.trim()) {
      setHits([]);
      setSearched(false);
      return;
    }
    timer.current = window.setTimeout(() => {
      const ctrl = new AbortController();
      abort.current = ctrl;
      jurisdictionApi
        .search(q.trim(), ctrl.signal)
        .then((r) => {
          setHits(r);
          setSearched(true);
        })
        .catch(() => undefined);
    }, 250);
  };

  return (
    <AutoComplete
      value={text}
      style={{ width: '100%' }}
      options={hits.map((h) => ({
        value: h.id,
        label: (
          <div data-testid="tree-search-hit" style={{ whiteSpace: 'normal' }}>
            <span style={{ fontWeight: 500 }}>{h.name}</span> <Tag style={{ marginInlineStart: 4 }}>{levelName(h.levelCode)}</Tag>
            <div style={{ fontSize: 12, color: '#888' }}>{h.pathNames.join(' / ')}</div>
          </div>
        ),
      }))}
      onSearch={(q) => {
        setText(q);
        search(q);
      }}
      onSelect={(id: string) => {
        const hit = hits.find((h) => h.id === id);
        setText(hit?.name ?? '');
        onPick(id);
      }}
      notFoundContent={searched ? t('tree.noResult') : undefined}
      popupMatchSelectWidth
    >
      <Input.Search placeholder={t('tree.search')} allowClear data-testid="tree-search" />
    </AutoComplete>
  );
}

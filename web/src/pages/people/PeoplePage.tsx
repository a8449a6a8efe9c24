import { useCallback, useState } from 'react';
import { App, Button, Card, Input, Select } from 'antd';
import { FilterOutlined, PlusOutlined } from '@ant-design/icons';
import { PERSON_CATEGORIES, POLITICAL_STATUSES } from '@shared/modules/people/people.schema.ts';
import { LIMITS } from '@shared/platform/validation.ts';
import { peopleApi, type PersonFilters, type PersonView } from '../../api/people.ts';
import { useCan } from '../../auth/AuthContext.tsx';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { NodePicker } from '../../components/NodePicker.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { UnitSelect } from '../../components/pickers.tsx';
import { TransferButtons } from '../../components/TransferButtons.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { useKeysetList } from '../../components/useKeysetList.ts';
import { useReportError } from '../../components/useReportError.tsx';
import { useLabels, useT } from '../../i18n/index.tsx';
import { PeopleList } from './PeopleList.tsx';
import { PersonDrawer } from './PersonDrawer.tsx';

export default function PeoplePage() {
  const t = useT();
  const can = useCan();
  const phone = useIsPhone();
  const { options } = useLabels();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [filters, setFilters] = useState<PersonFilters>({});
  const [showFilters, setShowFilters] = useState(false);
  const [editing, setEditing] = useState<PersonView | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const canWrite = can('people.write');

  const fetchPage = useCallback((cursor: string | null) => peopleApi.list(filters, cursor), [filters]);
  const list = useKeysetList(fetchPage);
  const set = (patch: PersonFilters) => setFilters((f) => ({ ...f, ...patch }));

  const remove = async (p: PersonView) => {
    try {
      await peopleApi.remove(p.id);
      list.remove(p.id);
      void message.success(t('common.deleted'));
    } catch (e) {
      reportError(e);
    }
  };

  const open = (p: PersonView | null) => {
    setEditing(p);
    setDrawerOpen(true);
  };

  const extraFilters = (
    <>
      <div style={{ width: phone ? '100%' : 200 }}>
        <UnitSelect value={filters.unitId} onChange={(v) => set({ unitId: v ?? undefined })} placeholder={t('people.unit')} />
      </div>
      <div style={{ width: phone ? '100%' : 220 }}>
        <NodePicker value={filters.nodeId} onChange={(v) => set({ nodeId: v ?? undefined })} placeholder={t('people.home')} />
      </div>
      <Select
        allowClear
        style={{ width: phone ? '100%' : 150 }}
        placeholder={t('people.political')}
        value={filters.politicalStatus}
        onChange={(v) => set({ politicalStatus: v })}
        options={options('political', POLITICAL_STATUSES)}
        data-testid="filter-political"
      />
      <Select
        allowClear
        style={{ width: phone ? '100%' : 150 }}
        placeholder={t('people.category')}
        value={filters.category}
        onChange={(v) => set({ category: v })}
        options={options('category', PERSON_CATEGORIES)}
      />
    </>
  );

  return (
    <div data-testid="page-people">
      <PageTitle
        title={t('people.title')}
        actions={
          <>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)} data-testid="person-add">
                {t('people.add')}
              </Button>
            )}
            <TransferButtons kind="people" onImported={() => void list.reload()} />
          </>
        }
      />
      <Card size="small">
        <div className="filter-bar">
          <div style={{ display: 'flex', gap: 8, width: phone ? '100%' : 220 }}>
            <Input.Search
              allowClear
              placeholder={t('people.searchPlaceholder')}
              maxLength={LIMITS.search}
              onSearch={(q) => set({ q: q.trim() || undefined })}
              style={{ flex: '1 1 auto', minWidth: 0 }}
              data-testid="people-search"
            />
            {phone && (
              <Button
                icon={<FilterOutlined />}
                onClick={() => setShowFilters((s) => !s)}
                type={showFilters ? 'primary' : 'default'}
                aria-label={t('people.filters')}
                data-testid="people-filters-toggle"
              />
            )}
          </div>
          {(!phone || showFilters) && extraFilters}
        </div>
        <ApiErrorAlert error={list.error} />
        <PeopleList
          items={list.items}
          loading={list.loading && list.items.length === 0}
          compact={phone}
          canWrite={canWrite}
          onEdit={open}
          onDelete={(p) => void remove(p)}
        />
        <LoadMore count={list.items.length} hasMore={list.hasMore} loading={list.loading} onMore={() => void list.loadMore()} />
      </Card>
      <PersonDrawer
        open={drawerOpen}
        person={editing}
        onClose={() => setDrawerOpen(false)}
        onSaved={(p) => {
          setDrawerOpen(false);
          list.upsert(p);
          void message.success(t('common.saved'));
        }}
      />
    </div>
  );
}

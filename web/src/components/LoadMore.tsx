import { Button } from 'antd';
import { useT } from '../i18n/index.tsx';

export function LoadMore({ count, hasMore, loading, onMore }: { count: number; hasMore: boolean; loading: boolean; onMore: () => void }) {
  const t = useT();
  return (
    <div className="load-more">
      <span data-testid="list-count">{t('common.shown', { n: count })}</span>
      {hasMore ? (
        <Button onClick={onMore} loading={loading} data-testid="load-more">
          {t('common.loadMore')}
        </Button>
      ) : (
        count > 0 && <span>{t('common.noMore')}</span>
      )}
    </div>
  );
}

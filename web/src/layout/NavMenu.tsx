import { Menu, Tag } from 'antd';
import type { MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useCan } from '../auth/AuthContext.tsx';
import { useT } from '../i18n/index.tsx';
import { activeNavKey, NAV_ITEMS, UPCOMING_ITEMS } from './nav.tsx';

export function NavMenu({ onNavigate, collapsed }: { onNavigate?: () => void; collapsed?: boolean }) {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const live = NAV_ITEMS.filter((i) => !i.permission || can(i.permission)).map((i) => ({
    group: i.group,
    key: i.key,
    icon: i.icon,
    label: <span data-testid={`nav-${i.key}`}>{t(i.label)}</span>,
    onClick: () => {
      navigate(i.path);
      onNavigate?.();
    },
  }));
  const core = live.filter((i) => !i.group).map(({ group: _g, ...item }) => item);
  const work = live.filter((i) => i.group === 'work').map(({ group: _g, ...item }) => item);
  const upcoming = UPCOMING_ITEMS.map((i) => ({
    key: i.key,
    icon: i.icon,
    disabled: true,
    title: `${t(i.label)} · ${t('nav.soon')}`,
    label: (
      <span className="nav-upcoming">
        <span>{t(i.label)}</span>
        <Tag className="nav-soon-tag" variant="filled">{t('nav.soon')}</Tag>
      </span>
    ),
  }));
  const items: MenuProps['items'] = collapsed
    ? [...core, { type: 'divider' }, ...work, ...upcoming]
    : [
        { type: 'group', key: 'core', label: t('nav.groupCore'), children: core },
        { type: 'group', key: 'work', label: t('nav.groupSoon'), children: [...work, ...upcoming] },
      ];

  return <Menu mode="inline" selectedKeys={[activeNavKey(pathname)]} items={items} style={{ borderInlineEnd: 0 }} data-testid="nav" />;
}

import { Avatar, Button, Dropdown, Space, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { EnvironmentOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, SafetyCertificateFilled, UserOutlined } from '@ant-design/icons';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { useLabels, useT } from '../i18n/index.tsx';

interface Props {
  compact: boolean;
  onMenu: () => void;
  onChangePassword: () => void;
}

export function HeaderBar({ compact, onMenu, onChangePassword }: Props) {
  const t = useT();
  const { label } = useLabels();
  const me = useMe();
  const { logout } = useAuth();
  const place = me.nodeName ?? me.unitName ?? (me.role === 'admin' ? null : t('header.noJurisdiction'));

  const menu: MenuProps['items'] = [
    ...(compact
      ? [
          {
            key: 'who',
            disabled: true,
            label: (
              <div style={{ color: 'rgba(0,0,0,0.88)' }}>
                <div style={{ fontWeight: 600 }}>{me.displayName}</div>
                <div style={{ fontSize: 12 }}>{label('role', me.role)}{place ? ` · ${place}` : ''}</div>
              </div>
            ),
          },
          { type: 'divider' as const },
        ]
      : []),
    { key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-password">{t('auth.changePassword')}</span>, onClick: onChangePassword },
    { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="menu-logout">{t('auth.logout')}</span>, onClick: () => void logout() },
  ];

  return (
    <div className="app-header">
      {compact && (
        <Button type="text" icon={<MenuOutlined />} onClick={onMenu} aria-label={t('nav.menu')} data-testid="nav-toggle" className="app-header-btn" />
      )}
      <div className="app-brand">
        <SafetyCertificateFilled />
        <span className="app-brand-name">{t('app.title')}</span>
        {!compact && <span className="app-brand-sub">{t('app.subtitle')}</span>}
      </div>
      <div className="app-header-right">
        {!compact && (
          <Space size={8} className="app-who" data-testid="header-who">
            <Typography.Text strong style={{ color: '#fff' }}>{me.displayName}</Typography.Text>
            {me.displayName !== label('role', me.role) && (
              <Tag color="gold" style={{ marginInlineEnd: 0 }}>{label('role', me.role)}</Tag>
            )}
            {place && (
              <span className="app-place">
                <EnvironmentOutlined /> {place}
              </span>
            )}
          </Space>
        )}
        <span className="app-header-lang">
          <LangSwitch ghost />
        </span>
        <Dropdown menu={{ items: menu }} trigger={['click']} placement="bottomRight">
          <Button type="text" className="app-header-btn" aria-label={t('header.userMenu')} data-testid="user-menu">
            <Avatar size="small" icon={<UserOutlined />} style={{ background: '#fff', color: '#c62828' }} />
          </Button>
        </Dropdown>
      </div>
    </div>
  );
}

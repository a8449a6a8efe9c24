import { Suspense, useEffect, useState } from 'react';
import { Drawer, Grid, Layout, Spin } from 'antd';
import { Outlet, useLocation } from 'react-router-dom';
import { useMe } from '../auth/AuthContext.tsx';
import { PasswordDialog } from '../auth/PasswordDialog.tsx';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { useLabels } from '../i18n/index.tsx';
import { HeaderBar } from './HeaderBar.tsx';
import { NavMenu } from './NavMenu.tsx';
import './layout.css';

/** On a phone the header has no room for who is signed in; the drawer says it. */
function DrawerTitle() {
  const me = useMe();
  const { label } = useLabels();
  return (
    <div style={{ lineHeight: 1.3 }} data-testid="drawer-who">
      <div>{me.displayName}</div>
      <div style={{ fontSize: 12, fontWeight: 400, color: '#888' }}>
        {label('role', me.role)}
        {me.nodeName || me.unitName ? ` · ${me.nodeName ?? me.unitName}` : ''}
      </div>
    </div>
  );
}

export default function AppLayout() {
  const screens = Grid.useBreakpoint();
  const me = useMe();
  const { pathname } = useLocation();
  // Phones get a drawer; tablets an icon rail; desktops the full side navigation.
  const phone = !screens.md;
  const rail = !!screens.md && !screens.lg;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);

  useEffect(() => setDrawerOpen(false), [pathname]);

  return (
    <Layout className="app-root">
      <Layout.Header className="app-header-wrap">
        <HeaderBar compact={phone} onMenu={() => setDrawerOpen(true)} onChangePassword={() => setPasswordOpen(true)} />
      </Layout.Header>
      <Layout>
        {!phone && (
          <Layout.Sider width={232} collapsedWidth={64} collapsed={rail} theme="light" className="app-sider">
            <NavMenu collapsed={rail} />
          </Layout.Sider>
        )}
        <Layout.Content className={phone ? 'app-content app-content-phone' : 'app-content'}>
          <ErrorBoundary key={pathname}>
            <Suspense fallback={<div className="app-loading"><Spin /></div>}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
      {phone && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={264}
          title={<DrawerTitle />}
          styles={{ body: { padding: 0 } }}
          data-testid="nav-drawer"
        >
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <PasswordDialog open={me.mustChangePassword || passwordOpen} forced={me.mustChangePassword} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}

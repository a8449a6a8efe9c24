import type { ReactNode } from 'react';
import {
  AlertOutlined, AppstoreOutlined, ApartmentOutlined, AuditOutlined, BarChartOutlined, CalendarOutlined,
  ClusterOutlined, ExperimentOutlined, FileDoneOutlined, HomeOutlined, IdcardOutlined, NotificationOutlined,
  SafetyOutlined, ShoppingOutlined, SolutionOutlined, TeamOutlined, UserSwitchOutlined, HomeFilled, CarOutlined,
  ProfileOutlined, FormOutlined, DashboardOutlined, FileSearchOutlined,
} from '@ant-design/icons';
import type { Permission } from '@shared/platform/policy.ts';
import type { MessageKey } from '../i18n/index.tsx';

export interface NavItem {
  key: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Missing: everyone signed in may open it. */
  permission?: Permission;
  /** 'work' items are the operations of an outbreak, listed with the ones still to come. */
  group?: 'work';
}

/** Capabilities that exist today; items the role lacks are hidden. */
export const NAV_ITEMS: NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: <HomeOutlined /> },
  { key: 'jurisdiction', path: '/jurisdiction', label: 'nav.jurisdiction', icon: <ApartmentOutlined />, permission: 'tree.read' },
  { key: 'org', path: '/org', label: 'nav.org', icon: <ClusterOutlined />, permission: 'org.read' },
  { key: 'people', path: '/people', label: 'nav.people', icon: <TeamOutlined />, permission: 'people.read' },
  { key: 'accounts', path: '/accounts', label: 'nav.accounts', icon: <UserSwitchOutlined />, permission: 'accounts.manage' },
  { key: 'audit', path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { key: 'mobilization', path: '/mobilization', label: 'nav.dispatch', icon: <IdcardOutlined />, permission: 'mobilization.read', group: 'work' },
  { key: 'duty', path: '/duty', label: 'nav.duty', icon: <CalendarOutlined />, permission: 'duty.read', group: 'work' },
  { key: 'reports', path: '/reports', label: 'nav.dailyReport', icon: <FileDoneOutlined />, permission: 'reports.read', group: 'work' },
  { key: 'overview', path: '/overview', label: 'nav.overview', icon: <BarChartOutlined />, permission: 'reports.read', group: 'work' },
  { key: 'registry', path: '/registry', label: 'registry.nav', icon: <HomeFilled />, permission: 'registry.read', group: 'work' },
  { key: 'registry-needs', path: '/registry/special-needs', label: 'registry.specialNeedsNav', icon: <SolutionOutlined />, permission: 'registry.read', group: 'work' },
  { key: 'screening', path: '/screening', label: 'screening.nav', icon: <AppstoreOutlined />, permission: 'screening.read', group: 'work' },
  // Volunteers work their own screening tasks without the campaign pages.
  { key: 'screening-mine', path: '/screening/task/mine', label: 'screening.myTasks', icon: <AppstoreOutlined />, permission: 'screening.work', group: 'work' },
  { key: 'outsiders', path: '/outsiders', label: 'outsiders.nav', icon: <CarOutlined />, permission: 'outsiders.read', group: 'work' },
  { key: 'outsiders-rules', path: '/outsiders/rules', label: 'outsiders.rulesNav', icon: <ProfileOutlined />, permission: 'outsiders.read', group: 'work' },
  { key: 'declarations', path: '/declarations', label: 'declarations.nav', icon: <FormOutlined />, permission: 'declarations.read', group: 'work' },
  { key: 'nat', path: '/nat', label: 'natPlan.nav', icon: <ExperimentOutlined />, permission: 'nat.read', group: 'work' },
  { key: 'nat-coverage', path: '/nat/coverage', label: 'natCoverage.nav', icon: <DashboardOutlined />, permission: 'nat.read', group: 'work' },
  { key: 'nat-results', path: '/nat/results', label: 'natResults.nav', icon: <FileSearchOutlined />, permission: 'nat.read', group: 'work' },
];

/** Capabilities of later versions: shown disabled so people know where the platform is going. */
export const UPCOMING_ITEMS: Array<{ key: string; label: MessageKey; icon: ReactNode }> = [
  { key: 'isolation', label: 'nav.isolation', icon: <SafetyOutlined /> },
  { key: 'control', label: 'nav.control', icon: <AlertOutlined /> },
  { key: 'supplies', label: 'nav.supplies', icon: <ShoppingOutlined /> },
  { key: 'notices', label: 'nav.notices', icon: <NotificationOutlined /> },
  { key: 'dashboard', label: 'nav.dashboard', icon: <BarChartOutlined /> },
];

export function activeNavKey(pathname: string): string {
  const hit = NAV_ITEMS.filter((i) => i.path !== '/' && pathname.startsWith(i.path)).sort((a, b) => b.path.length - a.path.length)[0];
  return hit?.key ?? 'home';
}

import { lazy, Suspense, type ReactNode } from 'react';
import { Spin } from 'antd';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { Permission } from '@shared/platform/policy.ts';
import { AuthProvider, useAuth, useCan } from './auth/AuthContext.tsx';
import { LangProvider } from './i18n/index.tsx';

// Every page is its own chunk: the first load is the login screen and the shell, nothing more.
const LoginPage = lazy(() => import('./auth/LoginPage.tsx'));
const AppLayout = lazy(() => import('./layout/AppLayout.tsx'));
const HomePage = lazy(() => import('./pages/home/HomePage.tsx'));
const JurisdictionPage = lazy(() => import('./pages/jurisdiction/JurisdictionPage.tsx'));
const OrgPage = lazy(() => import('./pages/org/OrgPage.tsx'));
const PeoplePage = lazy(() => import('./pages/people/PeoplePage.tsx'));
const AccountsPage = lazy(() => import('./pages/accounts/AccountsPage.tsx'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx'));
const RegistryPage = lazy(() => import('./pages/registry/RegistryPage.tsx'));
const SpecialNeedsPage = lazy(() => import('./pages/registry/SpecialNeedsPage.tsx'));
const MobilizationPage = lazy(() => import('./pages/mobilization/MobilizationPage.tsx'));
const PublicVolunteerPage = lazy(() => import('./pages/mobilization/PublicVolunteerPage.tsx'));
const PublicReportInPage = lazy(() => import('./pages/mobilization/PublicReportInPage.tsx'));
const DutyPage = lazy(() => import('./pages/duty/DutyPage.tsx'));
const CheckinPage = lazy(() => import('./pages/duty/CheckinPage.tsx'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage.tsx'));
const OverviewPage = lazy(() => import('./pages/overview/OverviewPage.tsx'));
const ScreeningPage = lazy(() => import('./pages/screening/ScreeningPage.tsx'));
const ScreeningTaskPage = lazy(() => import('./pages/screening/ScreeningTaskPage.tsx'));
const OutsidersPage = lazy(() => import('./pages/outsiders/OutsidersPage.tsx'));
const MeasureRulesPage = lazy(() => import('./pages/outsiders/MeasureRulesPage.tsx'));
const DeclarationsPage = lazy(() => import('./pages/declarations/DeclarationsPage.tsx'));
const PublicDeclarationPage = lazy(() => import('./pages/declarations/PublicDeclarationPage.tsx'));
const NatRoundsPage = lazy(() => import('./pages/nat/NatRoundsPage.tsx'));
const NatDeskPage = lazy(() => import('./pages/nat/NatDeskPage.tsx'));
const NatBagsPage = lazy(() => import('./pages/nat/NatBagsPage.tsx'));
const NatDoorPage = lazy(() => import('./pages/nat/NatDoorPage.tsx'));
const NatResultsPage = lazy(() => import('./pages/nat/NatResultsPage.tsx'));
const NatCoveragePage = lazy(() => import('./pages/nat/NatCoveragePage.tsx'));
const CertificateVerifyPage = lazy(() => import('./pages/nat/CertificateVerifyPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));

function FullScreenSpin() {
  return (
    <div style={{ height: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <FullScreenSpin />;
  if (state.status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

/** A page the role cannot use sends it back to the workbench rather than to a page of errors. */
function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  return can(permission) ? children : <Navigate to="/" replace />;
}

export function App() {
  return (
    <LangProvider>
      <AuthProvider>
        <BrowserRouter>
          <Suspense fallback={<FullScreenSpin />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              {/* Public pages for people without an account: volunteer sign-up, report-in by QR. */}
              <Route path="/volunteer" element={<PublicVolunteerPage />} />
              <Route path="/report-in/:token" element={<PublicReportInPage />} />
              {/* Full-screen phone page for a guard at a post: signed in, no navigation around it. */}
              <Route path="/declare/:token" element={<PublicDeclarationPage />} />
              {/* A checkpoint checks a completion certificate with the public key alone. */}
              <Route path="/verify" element={<CertificateVerifyPage />} />
              {/* Full-screen phone pages for work at a door or a desk. */}
              <Route path="/screening/task/:taskId" element={<RequireSession><RequirePermission permission="screening.work"><ScreeningTaskPage /></RequirePermission></RequireSession>} />
              <Route path="/nat/desk/:deskId" element={<RequireSession><RequirePermission permission="nat.register"><NatDeskPage /></RequirePermission></RequireSession>} />
              <Route path="/nat/bags/:siteId" element={<RequireSession><RequirePermission permission="nat.register"><NatBagsPage /></RequirePermission></RequireSession>} />
              <Route path="/nat/door/:roundId" element={<RequireSession><RequirePermission permission="nat.register"><NatDoorPage /></RequirePermission></RequireSession>} />
              <Route path="/checkin/:token" element={<RequireSession><RequirePermission permission="duty.checkin"><CheckinPage /></RequirePermission></RequireSession>} />
              <Route
                element={
                  <RequireSession>
                    <AppLayout />
                  </RequireSession>
                }
              >
                <Route index element={<HomePage />} />
                <Route path="jurisdiction" element={<RequirePermission permission="tree.read"><JurisdictionPage /></RequirePermission>} />
                <Route path="org" element={<RequirePermission permission="org.read"><OrgPage /></RequirePermission>} />
                <Route path="people" element={<RequirePermission permission="people.read"><PeoplePage /></RequirePermission>} />
                <Route path="accounts" element={<RequirePermission permission="accounts.manage"><AccountsPage /></RequirePermission>} />
                <Route path="audit" element={<RequirePermission permission="audit.read"><AuditPage /></RequirePermission>} />
                <Route path="mobilization" element={<RequirePermission permission="mobilization.read"><MobilizationPage /></RequirePermission>} />
                <Route path="duty" element={<RequirePermission permission="duty.read"><DutyPage /></RequirePermission>} />
                <Route path="reports" element={<RequirePermission permission="reports.read"><ReportsPage /></RequirePermission>} />
                <Route path="overview" element={<RequirePermission permission="reports.read"><OverviewPage /></RequirePermission>} />
                <Route path="registry" element={<RequirePermission permission="registry.read"><RegistryPage /></RequirePermission>} />
                <Route path="registry/special-needs" element={<RequirePermission permission="registry.read"><SpecialNeedsPage /></RequirePermission>} />
                <Route path="screening" element={<RequirePermission permission="screening.read"><ScreeningPage /></RequirePermission>} />
                <Route path="outsiders" element={<RequirePermission permission="outsiders.read"><OutsidersPage /></RequirePermission>} />
                <Route path="outsiders/rules" element={<RequirePermission permission="outsiders.read"><MeasureRulesPage /></RequirePermission>} />
                <Route path="declarations" element={<RequirePermission permission="declarations.read"><DeclarationsPage /></RequirePermission>} />
                <Route path="nat" element={<RequirePermission permission="nat.read"><NatRoundsPage /></RequirePermission>} />
                <Route path="nat/coverage" element={<RequirePermission permission="nat.read"><NatCoveragePage /></RequirePermission>} />
                <Route path="nat/results" element={<RequirePermission permission="nat.read"><NatResultsPage /></RequirePermission>} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AuthProvider>
    </LangProvider>
  );
}

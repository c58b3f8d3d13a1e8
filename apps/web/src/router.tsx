/**
 * Every page of the app. Pages load lazily, one chunk per area, so the exam screen ships only
 * the code it needs. Each area adds its routes here.
 */
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { LoginPage, SignupPage } from './auth/LoginPage';
import { RequireAuth } from './auth/RequireAuth';
import { AppShell } from './layout/AppShell';
import { NotFoundPage } from './layout/NotFoundPage';

/** The signed-in pages (inside the app shell). */
export const appRoutes: RouteObject[] = [
  { index: true, element: <Navigate to="/dashboard" replace /> },
  {
    path: 'dashboard',
    lazy: async () => ({ Component: (await import('./dashboard/DashboardPage')).DashboardPage }),
  },
  { path: 'join', lazy: async () => ({ Component: (await import('./join/JoinPage')).JoinPage }) },
  {
    path: 'attempts/:attemptId/result',
    lazy: async () => ({ Component: (await import('./results/ResultPage')).ResultPage }),
  },
  {
    path: 'attempts/:attemptId/review',
    lazy: async () => ({ Component: (await import('./results/ReviewPage')).ReviewPage }),
  },
  {
    path: 'staff/exams',
    lazy: async () => ({ Component: (await import('./staff/exams/ExamsPage')).ExamsPage }),
  },
  {
    path: 'staff/exams/new',
    lazy: async () => ({ Component: (await import('./staff/exams/ExamBuilderPage')).ExamBuilderPage }),
  },
  {
    path: 'staff/exams/:examId/items/:itemId',
    lazy: async () => ({ Component: (await import('./staff/exams/ExamItemRedirect')).ExamItemRedirect }),
  },
  {
    path: 'staff/cohorts',
    lazy: async () => ({ Component: (await import('./staff/cohorts/CohortsPage')).CohortsPage }),
  },
  {
    path: 'staff/cohorts/:cohortId',
    lazy: async () => ({ Component: (await import('./staff/cohorts/CohortPage')).CohortPage }),
  },
  {
    path: 'staff/assignments/:assignmentId/results',
    lazy: async () => ({ Component: (await import('./staff/results/ResultsPage')).ResultsPage }),
  },
  {
    path: 'admin/members',
    lazy: async () => ({ Component: (await import('./staff/admin/MembersPage')).MembersPage }),
  },
  {
    path: 'programs/new',
    lazy: async () => ({ Component: (await import('./staff/admin/NewProgramPage')).NewProgramPage }),
  },
  {
    path: 'attempts/:attemptId',
    lazy: async () => ({ Component: (await import('./exam/ExamPage')).ExamPage }),
  },
  { path: 'staff/banks', lazy: async () => ({ Component: (await import('./banks/BanksPage')).BanksPage }) },
  {
    path: 'staff/banks/:bankId',
    lazy: async () => ({ Component: (await import('./banks/BankPage')).BankPage }),
  },
  {
    path: 'staff/banks/:bankId/import',
    lazy: async () => ({ Component: (await import('./imports/ImportPage')).ImportPage }),
  },
  {
    path: 'staff/banks/:bankId/export',
    lazy: async () => ({ Component: (await import('./imports/ExportPage')).ExportPage }),
  },
  {
    path: 'staff/banks/:bankId/items/new',
    lazy: async () => ({ Component: (await import('./banks/ItemEditorPage')).ItemEditorPage }),
  },
  {
    path: 'staff/banks/:bankId/items/:itemId',
    lazy: async () => ({ Component: (await import('./banks/ItemEditorPage')).ItemEditorPage }),
  },
  {
    path: 'staff/items/:itemId',
    lazy: async () => ({ Component: (await import('./banks/ItemEditorPage')).ItemLocatorPage }),
  },
  { path: '*', element: <NotFoundPage /> },
];

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/signup', element: <SignupPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: appRoutes,
  },
];

export const createRouter = () => createBrowserRouter(routes);

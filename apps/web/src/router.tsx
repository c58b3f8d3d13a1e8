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

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../api/client';
import { AuthProvider } from '../auth/context';
import { createAuthStore } from '../auth/store';
import { AppShell } from './AppShell';

function renderShell(role: 'student' | 'instructor' = 'instructor') {
  const auth = createAuthStore({} as ApiClient);
  auth.setState({
    status: 'authenticated',
    organisationId: 'o1',
    me: {
      user: { id: 'u1', email: 'ivan@demo.test', name: 'Ivan Instructor', createdAt: 0 },
      memberships: [{ organisationId: 'o1', organisationName: 'Demo Training Program', role }],
    },
  });
  return render(
    <AuthProvider store={auth}>
      <MemoryRouter initialEntries={['/dashboard']}>
        <Routes>
          <Route element={<AppShell />}>
            <Route path="dashboard" element={<h1>Dashboard</h1>} />
            <Route path="staff/banks" element={<h1>Question banks</h1>} />
          </Route>
        </Routes>
      </MemoryRouter>
    </AuthProvider>,
  );
}

describe('the app header', () => {
  it('has a Menu button that opens and closes the main navigation', async () => {
    renderShell();
    const button = screen.getByRole('button', { name: 'Menu' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    const menu = document.getElementById(button.getAttribute('aria-controls') ?? '');
    expect(menu?.contains(screen.getByRole('navigation', { name: 'Main' }))).toBe(true);
    expect(menu?.contains(screen.getByRole('button', { name: 'Log out' }))).toBe(true);

    await userEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.closest('header')?.className).toContain('menu-open');

    await userEvent.keyboard('{Escape}');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
  });

  it('closes the menu when one of its links is followed', async () => {
    renderShell();
    const button = screen.getByRole('button', { name: 'Menu' });
    await userEvent.click(button);
    await userEvent.click(screen.getByRole('link', { name: 'Banks' }));
    expect(screen.getByRole('heading', { name: 'Question banks' })).toBeTruthy();
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('names the program for the compact header line', () => {
    renderShell('student');
    expect(document.querySelector('.header-program')?.textContent).toBe('Demo Training Program');
    expect(screen.queryByRole('link', { name: 'Banks' })).toBeNull();
  });
});

import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/context';
import { currentMembership } from '../auth/store';

/**
 * The frame of every signed-in page: skip link, header with navigation by role, main landmark.
 * On a narrow screen the header is one line (brand, program, a Menu button); the button shows
 * the navigation, the program switcher and Log out.
 */
export function AppShell() {
  const me = useAuth((s) => s.me);
  const membership = useAuth(currentMembership);
  const selectOrganisation = useAuth((s) => s.selectOrganisation);
  const logout = useAuth((s) => s.logout);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const role = membership?.role;
  const staff = role === 'admin' || role === 'instructor';
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);

  // A link followed from the menu closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is what closes the menu
  useEffect(() => setMenuOpen(false), [pathname]);

  // Escape closes the open menu and puts focus back on its button.
  useEffect(() => {
    if (!menuOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [menuOpen]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className={menuOpen ? 'app-header menu-open' : 'app-header'}>
        <Link to="/" className="brand" aria-label="CoderPrep home">
          CoderPrep
        </Link>
        {membership && (
          <span className="header-program" title={membership.organisationName}>
            {membership.organisationName}
          </span>
        )}
        <button
          type="button"
          ref={menuButton}
          className="menu-button button-quiet"
          aria-expanded={menuOpen}
          aria-controls="app-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <div id="app-menu" className="app-menu">
          <nav aria-label="Main">
            <ul>
              <li>
                <NavLink to="/dashboard">Dashboard</NavLink>
              </li>
              {staff && (
                <>
                  <li>
                    <NavLink to="/staff/banks">Banks</NavLink>
                  </li>
                  <li>
                    <NavLink to="/staff/exams">Exams</NavLink>
                  </li>
                  <li>
                    <NavLink to="/staff/cohorts">Cohorts</NavLink>
                  </li>
                </>
              )}
              {role === 'admin' && (
                <li>
                  <NavLink to="/admin/members">Members</NavLink>
                </li>
              )}
            </ul>
          </nav>
          <div className="header-end">
            {me && me.memberships.length > 1 && (
              <label className="org-switcher">
                <span className="visually-hidden">Training program</span>
                <select
                  value={membership?.organisationId ?? ''}
                  onChange={(event) => selectOrganisation(event.target.value)}
                >
                  {me.memberships.map((m) => (
                    <option key={m.organisationId} value={m.organisationId}>
                      {m.organisationName} ({m.role})
                    </option>
                  ))}
                </select>
              </label>
            )}
            {me && me.memberships.length === 1 && membership && (
              <span className="org-name">{membership.organisationName}</span>
            )}
            <span className="user-name">{me?.user.name}</span>
            <button
              type="button"
              className="button-quiet"
              onClick={async () => {
                await logout();
                navigate('/login');
              }}
            >
              Log out
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

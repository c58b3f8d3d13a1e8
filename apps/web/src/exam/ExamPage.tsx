/** Route /attempts/:attemptId: the exam screen for one attempt, resumed exactly where it was. */
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useStore } from 'zustand';
import { api } from '../api/client';
import { ExamStoreProvider } from './context';
import { ExamScreen } from './ExamScreen';
import { createExamStore, type StorageLike } from './store';

/** The browser's localStorage, or none where it is refused (private modes, blocked storage). */
function browserStorage(): StorageLike | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function ExamPage() {
  const { attemptId = '' } = useParams();
  const navigate = useNavigate();
  const [store] = useState(() =>
    createExamStore({ api, clock: () => Date.now(), storage: browserStorage(), events: window }),
  );
  const phase = useStore(store, (s) => s.phase);

  useEffect(() => {
    void store.getState().load(attemptId);
    return () => store.getState().dispose();
  }, [store, attemptId]);

  useEffect(() => {
    if (phase === 'submitted')
      navigate(`/attempts/${encodeURIComponent(attemptId)}/result`, { replace: true });
  }, [phase, attemptId, navigate]);

  return (
    <ExamStoreProvider store={store}>
      <ExamScreen />
    </ExamStoreProvider>
  );
}

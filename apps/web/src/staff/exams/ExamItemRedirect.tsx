/**
 * /staff/exams/:examId/items/:itemId: an item of an exam, found in whichever of the exam's banks
 * holds it, then opened in the bank's item editor. Item analysis links here when the exam draws
 * from several banks (its rows name the item, not its bank).
 */
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ErrorAlert, errorMessage, RequireRole, useOrgId, useStaffClient } from '../admin/common';
import { examsApi } from './api';

/** The editor address of an item in a bank. */
export const itemEditorPath = (bankId: string, itemId: string) => `/staff/banks/${bankId}/items/${itemId}`;

export function ExamItemRedirect() {
  return (
    <RequireRole roles={['admin', 'instructor']} what="Question banks">
      <Resolve />
    </RequireRole>
  );
}

function Resolve() {
  const { examId = '', itemId = '' } = useParams();
  const client = useStaffClient();
  const orgId = useOrgId();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      const requests = examsApi(client);
      try {
        const exam = await requests.exam(orgId, examId);
        for (const bankId of exam.bankIds) {
          try {
            await requests.item(orgId, bankId, itemId);
            if (live) navigate(itemEditorPath(bankId, itemId), { replace: true });
            return;
          } catch (e) {
            if (!(e instanceof ApiError && e.status === 404)) throw e;
          }
        }
        if (live) setError('None of this exam’s banks holds the item any more: it may have been deleted.');
      } catch (e) {
        if (live) setError(errorMessage(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [client, orgId, examId, itemId, navigate]);

  return (
    <section className="page" aria-labelledby="item-find-title">
      <h1 id="item-find-title">Opening the item</h1>
      {!error && <p role="status">Finding the item in the exam’s banks…</p>}
      <ErrorAlert error={error} />
      {error && (
        <p>
          <Link to="/staff/banks">Go to the banks</Link>
        </p>
      )}
    </section>
  );
}

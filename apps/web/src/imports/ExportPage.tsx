/**
 * /staff/banks/:bankId/export: take a bank out in a format another tool reads. The report comes
 * first (how many items are written, which are left out and why, what is lost inside written
 * items), then the download.
 */
import type { BankFormat } from '@coderprep/contracts';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useStore } from 'zustand';
import type { ExportStatus, ImportsApi } from './api';
import { BankFrame, NotAvailable, useImportsApi } from './context';
import { FORMAT_NAMES, FORMATS } from './file';
import { count, IssueTable } from './report';
import { createExportStore, type ExportStore } from './store';

/** What each format holds on export (apps/api/IMPORT-EXPORT.md). */
const FORMAT_NOTES: Record<BankFormat, string> = {
  gift: 'For Moodle: multiple choice, multiple response and one-blank fill-ins. Scenarios are left out.',
  'moodle-xml':
    'For Moodle: multiple choice, short answer and cloze (several blanks). Scenarios are left out.',
  csv: 'One row an item, for a spreadsheet: multiple choice, multiple response and fill-in. Scenarios and items with more than 6 options are left out.',
  aiken: 'Multiple choice only, without ids, rationales, domains or tags.',
  qti: 'A zip for learning systems that read IMS QTI 2.1: every item type.',
  native: 'Everything, lossless: every item type with rationales, tags, difficulty and versions.',
};

const STATUS_NAMES: Record<ExportStatus, string> = {
  active: 'Active items',
  archived: 'Archived items',
  all: 'All items (active and archived)',
};

export function ExportPage() {
  const { bankId = '' } = useParams();
  const api = useImportsApi(bankId);
  if (!api) return <NotAvailable />;
  return (
    <BankFrame key={bankId} api={api} bankId={bankId} page="export">
      {() => <ExportScreen api={api} />}
    </BankFrame>
  );
}

function ExportScreen({ api }: { api: ImportsApi }) {
  const [store] = useState(() => createExportStore(api));
  return (
    <>
      <p>
        Choose a format to see what the file will hold before you download it: a format that cannot express an
        item leaves it out, and the report says which and why.
      </p>
      <ExportForm store={store} />
      <ExportProgress store={store} />
      <ExportReportView store={store} api={api} />
    </>
  );
}

function ExportForm({ store }: { store: ExportStore }) {
  const format = useStore(store, (s) => s.format);
  const status = useStore(store, (s) => s.status);
  const choose = useStore(store, (s) => s.choose);
  const setStatus = useStore(store, (s) => s.setStatus);
  return (
    <form
      className="card stack export-form"
      aria-labelledby="export-form-heading"
      onSubmit={(e) => e.preventDefault()}
    >
      <h2 id="export-form-heading">What to export</h2>
      <fieldset className="formats">
        <legend>Format</legend>
        {FORMATS.map((f) => (
          <div key={f} className="format-choice">
            <label className="choice">
              <input
                type="radio"
                name="format"
                value={f}
                checked={format === f}
                aria-describedby={`format-note-${f}`}
                onChange={() => void choose(f)}
              />
              {FORMAT_NAMES[f]}
            </label>
            <span id={`format-note-${f}`} className="hint">
              {FORMAT_NOTES[f]}
            </span>
          </div>
        ))}
      </fieldset>
      <label className="status-select">
        Items
        <select value={status} onChange={(event) => void setStatus(event.target.value as ExportStatus)}>
          {(Object.keys(STATUS_NAMES) as ExportStatus[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_NAMES[s]}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}

/** The live region: what is being checked, and the verdict in one sentence. */
function ExportProgress({ store }: { store: ExportStore }) {
  const format = useStore(store, (s) => s.format);
  const loading = useStore(store, (s) => s.loading);
  const report = useStore(store, (s) => s.report);
  let text = '';
  if (loading && format) text = `Checking what ${FORMAT_NAMES[format]} can hold…`;
  else if (report)
    text = `${FORMAT_NAMES[report.format]}: ${count(report.written, 'item')} will be written, ${report.leftOut.length} left out.`;
  return (
    <p role="status" className="progress">
      {text}
    </p>
  );
}

function ExportReportView({ store, api }: { store: ExportStore; api: ImportsApi }) {
  const report = useStore(store, (s) => s.report);
  const error = useStore(store, (s) => s.error);
  const status = useStore(store, (s) => s.status);
  const reload = useStore(store, (s) => s.reload);
  if (error)
    return (
      <div role="alert" className="stack">
        <p className="error">The export could not be checked: {error}</p>
        <p>
          <button type="button" onClick={() => void reload()}>
            Try again
          </button>
        </p>
      </div>
    );
  if (!report) return null;
  const name = FORMAT_NAMES[report.format];
  const reasons = new Map<string, number>();
  for (const item of report.leftOut) reasons.set(item.reason, (reasons.get(item.reason) ?? 0) + 1);
  return (
    <section className="card stack export-report" aria-labelledby="export-report-heading">
      <h2 id="export-report-heading">Export report: {name}</h2>
      <p>
        <strong>{count(report.written, 'item')}</strong> will be written to{' '}
        <span className="file-name">{report.fileName}</span>
        {report.leftOut.length > 0 ? (
          <>
            ; <strong>{count(report.leftOut.length, 'item')}</strong>{' '}
            {report.leftOut.length === 1 ? 'is' : 'are'} left out.
          </>
        ) : (
          '; nothing is left out.'
        )}
      </p>
      {reasons.size > 0 && (
        <ul className="reasons" aria-label="Why items are left out">
          {[...reasons].map(([reason, n]) => (
            <li key={reason}>
              {reason}: {count(n, 'item')}
            </li>
          ))}
        </ul>
      )}
      {report.written > 0 ? (
        <p>
          <a className="button" href={api.exportUrl(report.format, status)} download={report.fileName}>
            Download {report.fileName}
          </a>
        </p>
      ) : (
        <p>There is nothing to download: no item of this selection can be written as {name}.</p>
      )}
      {report.leftOut.length > 0 && (
        <section aria-labelledby="left-out-heading" className="stack">
          <h3 id="left-out-heading">
            Left out ({report.leftOut.length}): {name} cannot hold them
          </h3>
          <IssueTable
            issues={report.leftOut.map((item) => ({ itemId: item.itemId, message: item.reason }))}
            caption="Items left out of the file, with the reason"
            where={false}
          />
        </section>
      )}
      {report.warnings.length > 0 && (
        <section aria-labelledby="export-warnings-heading" className="stack">
          <h3 id="export-warnings-heading">Written with losses ({report.warnings.length})</h3>
          <p className="hint">Fields of written items the format has no place for.</p>
          <IssueTable issues={report.warnings} caption="What written items lose" />
        </section>
      )}
    </section>
  );
}

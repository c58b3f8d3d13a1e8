/**
 * /staff/banks/:bankId/import: bring a bank file in. Choose (or drop) a file, say how to read it,
 * see a preview of what it holds (errors block the import), then commit it: all accepted items
 * land in one transaction or none do.
 */
import type {
  BankFormat,
  BankInfo,
  ImportDuplicate,
  ImportItemSummary,
  ImportPreview,
} from '@coderprep/contracts';
import { type DragEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useStore } from 'zustand';
import type { ImportsApi } from './api';
import { BankFrame, NotAvailable, useImportsApi } from './context';
import { FORMAT_NAMES, FORMATS, formatFromName, formatSize, MAX_FILE_BYTES } from './file';
import { count, IssueTable, placeOf, TableScroll, useLimited } from './report';
import { canCommit, createImportStore, type ImportStore, type OptionName } from './store';

const TYPE_NAMES: Record<ImportItemSummary['type'], string> = {
  'multiple-choice': 'Multiple choice',
  'multiple-response': 'Multiple response',
  'fill-in': 'Fill-in',
  scenario: 'Scenario',
};

export function ImportPage() {
  const { bankId = '' } = useParams();
  const api = useImportsApi(bankId);
  if (!api) return <NotAvailable />;
  return (
    <BankFrame key={bankId} api={api} bankId={bankId} page="import">
      {(bank) => <ImportScreen api={api} bank={bank} />}
    </BankFrame>
  );
}

function ImportScreen({ api, bank }: { api: ImportsApi; bank: BankInfo }) {
  const [store] = useState(() => createImportStore(api));
  const status = useStore(store, (s) => s.status);
  const preview = useStore(store, (s) => s.preview);
  if (status === 'done') return <DoneReport store={store} bank={bank} />;
  return (
    <>
      <p>
        Bring questions from GIFT or Moodle XML, a spreadsheet (CSV), Aiken, an IMS QTI 2.1 package (zip) or a
        CoderPrep JSON file. Files of up to {formatSize(MAX_FILE_BYTES)} can be imported. Nothing is imported
        until you commit: first you see what the file holds.
      </p>
      <FileForm store={store} />
      <Progress store={store} />
      <FileFailure store={store} />
      {preview && <PreviewReport store={store} preview={preview} />}
    </>
  );
}

// ---------------------------------------------------------------- file and options

function FileForm({ store }: { store: ImportStore }) {
  const status = useStore(store, (s) => s.status);
  const file = useStore(store, (s) => s.file);
  const content = useStore(store, (s) => s.content);
  const format = useStore(store, (s) => s.format);
  const preview = useStore(store, (s) => s.preview);
  const fieldErrors = useStore(store, (s) => s.fieldErrors);
  const setFormat = useStore(store, (s) => s.setFormat);
  const runPreview = useStore(store, (s) => s.runPreview);
  const busy = status === 'reading' || status === 'previewing' || status === 'committing';
  const guessed = file && format === 'auto' ? formatFromName(file.name) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    void runPreview();
  }
  return (
    <form className="card stack import-form" onSubmit={submit} aria-labelledby="file-heading" noValidate>
      <h2 id="file-heading">File</h2>
      <FilePicker store={store} disabled={status === 'committing'} />
      <div className="field">
        <label htmlFor="import-format">Format</label>
        <select
          id="import-format"
          value={format}
          disabled={status === 'committing'}
          aria-invalid={fieldErrors.format ? true : undefined}
          aria-describedby="format-hint"
          onChange={(event) => setFormat(event.target.value as BankFormat | 'auto')}
        >
          <option value="auto">Recognise from the file</option>
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_NAMES[f]}
            </option>
          ))}
        </select>
        <span id="format-hint" className="hint">
          {fieldErrors.format ? (
            <span className="field-error">{fieldErrors.format}</span>
          ) : preview ? (
            `Read as ${FORMAT_NAMES[preview.format]}.`
          ) : guessed ? (
            `From its name, the file looks like ${FORMAT_NAMES[guessed]}.`
          ) : (
            'The format is recognised from the file name and its first lines; choose it if it is not.'
          )}
        </span>
      </div>
      <fieldset className="options" disabled={status === 'committing'}>
        <legend>For items the file does not say</legend>
        <div className="option-fields">
          <OptionField
            store={store}
            name="domain"
            label="Default domain"
            hint="For items whose file names no domain or category (default: imported)."
            placeholder="e.g. surgery-20000"
          />
          <OptionField
            store={store}
            name="codeSetYear"
            label="Code-set year"
            hint="For items without one (default: 2026, with a warning)."
            placeholder="e.g. 2026"
            inputMode="numeric"
          />
          <OptionField
            store={store}
            name="idPrefix"
            label="Id prefix"
            hint="For ids made for items that have none (default: the format's name)."
            placeholder="e.g. cardio"
          />
        </div>
      </fieldset>
      <div className="button-row">
        <button type="submit" disabled={content === null || busy}>
          Preview
        </button>
        {file && content !== null && !preview && status === 'ready' && (
          <span className="hint">Settings changed: preview the file again to see what it would import.</span>
        )}
      </div>
    </form>
  );
}

function OptionField({
  store,
  name,
  label,
  hint,
  placeholder,
  inputMode,
}: {
  store: ImportStore;
  name: OptionName;
  label: string;
  hint: string;
  placeholder: string;
  inputMode?: 'numeric';
}) {
  const value = useStore(store, (s) => s.options[name]);
  const error = useStore(store, (s) => s.fieldErrors[name]);
  const setOption = useStore(store, (s) => s.setOption);
  const id = `option-${name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        value={value}
        placeholder={placeholder}
        inputMode={inputMode}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${errorId} ${hintId}` : hintId}
        onChange={(event) => setOption(name, event.target.value)}
      />
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
      <span id={hintId} className="hint">
        {hint}
      </span>
    </div>
  );
}

/** A drop zone around a button that opens the file chooser (the input itself stays hidden). */
function FilePicker({ store, disabled }: { store: ImportStore; disabled: boolean }) {
  const file = useStore(store, (s) => s.file);
  const chooseFile = useStore(store, (s) => s.chooseFile);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  function drop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped && !disabled) void chooseFile(dropped);
  }
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the button inside is the keyboard way
    <div
      className={over ? 'drop-zone drop-over' : 'drop-zone'}
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid="drop-zone"
    >
      <p className="drop-text">Drag a bank file here, or</p>
      <button
        type="button"
        disabled={disabled}
        onClick={() => input.current?.click()}
        aria-describedby="file-limit"
      >
        Choose a file
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="Bank file"
        accept=".gift,.txt,.xml,.csv,.tsv,.zip,.json"
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          // Cleared, so choosing the same file again (after fixing it) reads it again.
          event.target.value = '';
          if (chosen) void chooseFile(chosen);
        }}
      />
      <p id="file-limit" className="hint">
        .gift, .txt, .xml, .csv, .zip or .json; up to {formatSize(MAX_FILE_BYTES)}.
      </p>
      {file && (
        <p className="chosen-file">
          Chosen: <strong>{file.name}</strong> ({formatSize(file.size)})
        </p>
      )}
    </div>
  );
}

/** The live region of the steps: reading, checking, importing. */
function Progress({ store }: { store: ImportStore }) {
  const status = useStore(store, (s) => s.status);
  const file = useStore(store, (s) => s.file);
  const preview = useStore(store, (s) => s.preview);
  const name = file?.name ?? 'the file';
  let text = '';
  if (status === 'reading') text = `Reading ${name}…`;
  else if (status === 'previewing') text = `Checking ${name}…`;
  else if (status === 'committing') text = `Importing ${name}…`;
  else if (status === 'previewed' && preview)
    text = `Preview ready: ${count(preview.recognised, 'item')} recognised, ${count(preview.errors.length, 'error')}.`;
  return (
    <p role="status" className="progress">
      {text}
    </p>
  );
}

/** Why the file could not be read or previewed (a commit's failure shows by the Commit button). */
function FileFailure({ store }: { store: ImportStore }) {
  const failure = useStore(store, (s) => s.failure);
  const shown = failure && failure.phase !== 'commit' ? failure : null;
  return (
    <div role="alert" className="failure">
      {shown && (
        <p className="error">
          {shown.phase === 'file' ? 'This file cannot be imported: ' : 'The preview failed: '}
          {shown.message}
        </p>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- preview

function PreviewReport({ store, preview }: { store: ImportStore; preview: ImportPreview }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // A new preview takes the focus to its heading, so the report is read from its start.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for each new preview
  useEffect(() => {
    heading.current?.focus();
  }, [preview]);
  const errors = preview.errors.length;
  return (
    <section className="card stack preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading" ref={heading} tabIndex={-1}>
        Preview of {preview.fileName}
      </h2>
      <p>
        Read as {FORMAT_NAMES[preview.format]}.
        {preview.bank && ` The file names the bank "${preview.bank.name}"; its items go into this bank.`}
      </p>
      <dl className="counts">
        <div>
          <dt>Recognised</dt>
          <dd>{preview.recognised}</dd>
        </div>
        <div>
          <dt>New</dt>
          <dd>{preview.newItems}</dd>
        </div>
        <div>
          <dt>Duplicates</dt>
          <dd>{preview.duplicates.length}</dd>
        </div>
        <div className={errors > 0 ? 'count-error' : undefined}>
          <dt>Errors</dt>
          <dd>{errors}</dd>
        </div>
        <div>
          <dt>Warnings</dt>
          <dd>{preview.warnings.length}</dd>
        </div>
        <div>
          <dt>Key warnings</dt>
          <dd>{preview.keyWarnings.length}</dd>
        </div>
      </dl>
      {errors > 0 ? (
        <p className="error verdict">
          {errors === 1 ? 'One error blocks' : `${errors} errors block`} the import. Fix{' '}
          {errors === 1 ? 'it' : 'them'} in the file and choose it again.
        </p>
      ) : (
        <p className="ok verdict">No errors: the file can be imported.</p>
      )}
      {errors > 0 && (
        <section aria-labelledby="errors-heading" className="stack">
          <h3 id="errors-heading">Errors ({errors})</h3>
          <IssueTable issues={preview.errors} caption="Errors, with their line or item" />
        </section>
      )}
      {preview.duplicates.length > 0 && <Duplicates store={store} duplicates={preview.duplicates} />}
      {preview.keyWarnings.length > 0 && (
        <section aria-labelledby="key-warnings-heading" className="stack">
          <h3 id="key-warnings-heading">Key warnings ({preview.keyWarnings.length})</h3>
          <p className="hint">
            Codes in answer keys that are well-formed but not in the loaded code tables: check them before an
            exam uses the item.
          </p>
          <IssueTable
            issues={preview.keyWarnings}
            caption="Key warnings, with their item and field"
            extra={{ header: 'Field', cell: (issue) => ('path' in issue ? String(issue.path) : '—') }}
          />
        </section>
      )}
      {preview.warnings.length > 0 && (
        <section aria-labelledby="warnings-heading" className="stack">
          <h3 id="warnings-heading">Warnings ({preview.warnings.length})</h3>
          <p className="hint">What was filled in or could not be kept; the items are imported anyway.</p>
          <IssueTable issues={preview.warnings} caption="Warnings, with their line or item" />
        </section>
      )}
      <Items items={preview.items} />
      <Commit store={store} preview={preview} />
    </section>
  );
}

const excerpt = (text: string, length = 100) =>
  text.length > length ? `${text.slice(0, length).trimEnd()}…` : text;

function Items({ items }: { items: ImportItemSummary[] }) {
  const { shown, more } = useLimited(items);
  return (
    <section aria-labelledby="items-heading" className="stack">
      <h3 id="items-heading">Recognised items ({items.length})</h3>
      {items.length === 0 ? (
        <p>No items were recognised in the file.</p>
      ) : (
        <>
          <TableScroll label="Recognised items">
            <table className="items-table">
              <caption className="visually-hidden">Recognised items</caption>
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Type</th>
                  <th scope="col">Domain</th>
                  <th scope="col">Stem</th>
                  <th scope="col">Where</th>
                  <th scope="col">Warnings</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((item, index) => (
                  // Ids may repeat in a file (a duplicate is reported, not dropped).
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  <tr key={index}>
                    <th scope="row" className="item-id">
                      {item.externalId}
                    </th>
                    <td>{TYPE_NAMES[item.type]}</td>
                    <td>{item.domain}</td>
                    <td>{excerpt(item.stem)}</td>
                    <td className="nowrap">{placeOf(item)}</td>
                    <td>{item.warnings}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {more}
        </>
      )}
    </section>
  );
}

const REASONS: Record<ImportDuplicate['reasons'][number], string> = {
  'same-id': 'same id',
  'same-stem': 'same stem',
};

function Duplicates({ store, duplicates }: { store: ImportStore; duplicates: ImportDuplicate[] }) {
  const policy = useStore(store, (s) => s.duplicates);
  const setPolicy = useStore(store, (s) => s.setDuplicates);
  const newItems = useStore(store, (s) => s.preview?.newItems ?? 0);
  const status = useStore(store, (s) => s.status);
  const bankId = useParams().bankId ?? '';
  const { shown, more } = useLimited(duplicates);
  return (
    <section aria-labelledby="duplicates-heading" className="stack">
      <h3 id="duplicates-heading">Duplicates ({duplicates.length})</h3>
      <p className="hint">
        Items with the same id or the same stem as an item already in the bank (active or archived) or an
        earlier item in this file.
      </p>
      <TableScroll label="Duplicates and the items they repeat">
        <table className="duplicates-table">
          <caption className="visually-hidden">Duplicates and the items they repeat</caption>
          <thead>
            <tr>
              <th scope="col">Item in the file</th>
              <th scope="col">Repeats</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((d, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: pairs have no id of their own
              <tr key={index}>
                <th scope="row" className="item-id">
                  {d.itemId}
                </th>
                <td>
                  {d.where === 'existing' && d.bankItemId ? (
                    <Link
                      to={`/staff/banks/${encodeURIComponent(bankId)}/items/${encodeURIComponent(d.bankItemId)}`}
                    >
                      {d.otherId}
                    </Link>
                  ) : (
                    <span className="item-id">{d.otherId}</span>
                  )}{' '}
                  ({d.where === 'existing' ? 'in the bank' : 'earlier in this file'})
                </td>
                <td>{d.reasons.map((r) => REASONS[r]).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {more}
      {newItems > 0 && (
        <fieldset className="policy" disabled={status === 'committing'}>
          <legend>When committing</legend>
          <label className="choice">
            <input
              type="radio"
              name="duplicates"
              value="skip"
              checked={policy === 'skip'}
              onChange={() => setPolicy('skip')}
            />
            Skip the duplicates and import the other {count(newItems, 'item')}
          </label>
          <label className="choice">
            <input
              type="radio"
              name="duplicates"
              value="fail"
              checked={policy === 'fail'}
              onChange={() => setPolicy('fail')}
            />
            Import nothing while the file has duplicates
          </label>
        </fieldset>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- commit and result

function Commit({ store, preview }: { store: ImportStore; preview: ImportPreview }) {
  const allowed = useStore(store, canCommit);
  const policy = useStore(store, (s) => s.duplicates);
  const failure = useStore(store, (s) => (s.failure?.phase === 'commit' ? s.failure : null));
  const commit = useStore(store, (s) => s.commit);
  const errors = preview.errors.length;
  const duplicates = preview.duplicates.length;
  let summary: string;
  if (errors > 0) summary = `The file has ${count(errors, 'error')}, so nothing can be imported.`;
  else if (preview.recognised === 0) summary = 'The file holds no items to import.';
  else if (preview.newItems === 0)
    summary = 'Nothing new to import: every item in the file is a duplicate of an item in the bank.';
  else if (duplicates > 0 && policy === 'fail')
    summary = `Nothing will be imported while the file has ${count(duplicates, 'duplicate')}: choose to skip them, or remove them from the file.`;
  else
    summary = `${count(preview.newItems, 'new item')} will be added in one step: all of them or none.${
      duplicates > 0 ? ` ${count(duplicates, 'duplicate')} will be skipped.` : ''
    }`;
  return (
    <section aria-labelledby="commit-heading" className="stack commit">
      <h3 id="commit-heading">Commit</h3>
      <p id="commit-summary">{summary}</p>
      <div className="button-row">
        <button
          type="button"
          disabled={!allowed}
          aria-describedby="commit-summary"
          onClick={() => void commit()}
        >
          Commit import
        </button>
      </div>
      <div role="alert">
        {failure && (
          <div className="stack">
            <p className="error">Nothing was imported: {failure.message}</p>
            {failure.issues.length > 0 && (
              <IssueTable issues={failure.issues} caption="Errors the server found in the file" />
            )}
          </div>
        )}
      </div>
    </section>
  );
}

function DoneReport({ store, bank }: { store: ImportStore; bank: BankInfo }) {
  const result = useStore(store, (s) => s.result);
  const reset = useStore(store, (s) => s.reset);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const { shown, more } = useLimited(result?.skipped ?? []);
  if (!result) return null;
  const bankPath = `/staff/banks/${encodeURIComponent(bank.id)}`;
  return (
    <section className="card stack done" aria-labelledby="done-heading">
      <h2 id="done-heading" ref={heading} tabIndex={-1}>
        Import complete
      </h2>
      <p role="status" className="ok">
        {count(result.created, 'item')} created from {result.fileName}
        {result.skipped.length > 0 ? `; ${result.skipped.length} skipped.` : '.'}
      </p>
      {result.skipped.length > 0 && (
        <section aria-labelledby="skipped-heading" className="stack">
          <h3 id="skipped-heading">Skipped ({result.skipped.length})</h3>
          <TableScroll label="Items not imported, with why">
            <table>
              <caption className="visually-hidden">Items not imported, with why</caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((s, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: ids may repeat in a file
                  <tr key={index}>
                    <th scope="row" className="item-id">
                      {s.externalId}
                    </th>
                    <td>{s.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {more}
        </section>
      )}
      {result.keyWarnings.length > 0 && (
        <section aria-labelledby="done-key-heading" className="stack">
          <h3 id="done-key-heading">Key warnings to check ({result.keyWarnings.length})</h3>
          <IssueTable
            issues={result.keyWarnings}
            caption="Key warnings of the imported items"
            extra={{ header: 'Field', cell: (issue) => ('path' in issue ? String(issue.path) : '—') }}
          />
        </section>
      )}
      <div className="button-row">
        <Link className="button" to={bankPath}>
          Back to {bank.name}
        </Link>
        <button type="button" className="button-quiet" onClick={reset}>
          Import another file
        </button>
      </div>
    </section>
  );
}

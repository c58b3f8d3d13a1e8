/**
 * Form pieces of the item editor. Every control is named by the server's field path of what it
 * edits ("options.2.text"), so a message from a 400 lands next to its control (aria-invalid, the
 * message tied with aria-describedby) and the error summary can link to it.
 */
import { createContext, memo, type ReactNode, useContext, useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { EditorState, ItemEditorStore } from './store';

const EditorContext = createContext<ItemEditorStore | null>(null);
export const EditorProvider = EditorContext.Provider;

/** The item editor's store (for reading its latest state in an event handler). */
export function useEditorStore(): ItemEditorStore {
  const store = useContext(EditorContext);
  if (!store) throw new Error('useEditor needs an EditorProvider');
  return store;
}

/** Selects from the item editor's store. */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}

/**
 * Props equal for memo: arrays (draft paths, rebuilt on every render) by their items, the rest by
 * identity. With the draft's structural sharing, a keystroke re-renders only the edited row.
 */
export function sameProps<P extends object>(a: P, b: P): boolean {
  const keys = Object.keys(a) as (keyof P)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
    return Object.is(x, y);
  });
}

/** The element id of the control (or group) for a server field path. */
export const fieldId = (path: string) => `field-${path.replace(/[^A-Za-z0-9._:-]/g, '_')}`;

/** The message at `path`, or (deep) at anything under it. */
function messageAt(messages: Record<string, string>, path: string, deep: boolean): string | undefined {
  if (messages[path]) return messages[path];
  if (!deep) return undefined;
  const prefix = `${path}.`;
  for (const [key, message] of Object.entries(messages)) if (key.startsWith(prefix)) return message;
  return undefined;
}

/** The field message and key-check warning for a path. */
export function useMessages(path: string, deep = false) {
  const error = useEditor((s) => messageAt(s.errors, path, deep));
  const warning = useEditor((s) => {
    const found = s.warnings.find((w) => w.path === path || (deep && w.path.startsWith(`${path}.`)));
    return found?.message;
  });
  return { error, warning };
}

export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

interface FieldProps {
  /** The server path of the value. */
  path: string;
  label: ReactNode;
  hint?: ReactNode | undefined;
  /** A problem seen while typing (e.g. a malformed code), shown until a save replaces it. */
  live?: string | null | undefined;
  /** Messages for paths under this one belong here too (e.g. "modifiers.1" in one modifiers box). */
  deep?: boolean | undefined;
  className?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}

/** A labelled control with its hint, message and warning. */
export function Field({ path, label, hint, live, deep = false, className, children }: FieldProps) {
  const id = fieldId(path);
  const { error, warning } = useMessages(path, deep);
  const message = error ?? live ?? undefined;
  const describedBy = [
    hint ? `${id}-hint` : null,
    message ? `${id}-error` : null,
    warning ? `${id}-warning` : null,
  ].filter(Boolean);
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {children({
        id,
        ...(message ? { 'aria-invalid': true as const } : {}),
        ...(describedBy.length > 0 ? { 'aria-describedby': describedBy.join(' ') } : {}),
      })}
      {message && (
        <span id={`${id}-error`} className="field-error">
          {message}
        </span>
      )}
      {warning && (
        <span id={`${id}-warning`} className="field-warning">
          Warning: {warning}
        </span>
      )}
    </div>
  );
}

type DraftPath = readonly (string | number)[];

interface TextFieldProps extends Omit<FieldProps, 'children'> {
  /** Where the value is in the draft. */
  at: DraftPath;
  value: string;
  multiline?: boolean | undefined;
  rows?: number | undefined;
  inputMode?: 'numeric' | 'decimal' | 'text' | undefined;
  placeholder?: string | undefined;
  /** A code or an id: no spell check, capitals on phone keyboards. */
  code?: boolean | undefined;
}

/** A text input (or text area) bound to the draft. */
export const TextField = memo(function TextField({
  at,
  value,
  multiline,
  rows = 3,
  inputMode,
  placeholder,
  code,
  ...field
}: TextFieldProps) {
  const set = useEditor((s) => s.set);
  const onChange = (event: { target: { value: string } }) => set(at, event.target.value, field.path);
  return (
    <Field {...field}>
      {(control) =>
        multiline ? (
          <textarea {...control} value={value} rows={rows} onChange={onChange} placeholder={placeholder} />
        ) : (
          <input
            {...control}
            value={value}
            onChange={onChange}
            inputMode={inputMode}
            placeholder={placeholder}
            autoComplete="off"
            spellCheck={code ? false : undefined}
            autoCapitalize={code ? 'characters' : undefined}
          />
        )
      }
    </Field>
  );
}, sameProps);

/** A fieldset for a group of controls, focusable (for the error summary) with the group's message. */
export function Group({
  path,
  legend,
  className,
  children,
}: {
  path: string;
  legend: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const id = fieldId(path);
  const { error, warning } = useMessages(path);
  const describedBy = [error ? `${id}-error` : null, warning ? `${id}-warning` : null].filter(Boolean);
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={className}
      aria-describedby={describedBy.length > 0 ? describedBy.join(' ') : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend>{legend}</legend>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {warning && (
        <p id={`${id}-warning`} className="field-warning">
          Warning: {warning}
        </p>
      )}
      {children}
    </fieldset>
  );
}

/** A message for a path that is not a control of its own (e.g. "options.2" or "key"). */
export function PathMessage({ path }: { path: string }) {
  const { error, warning } = useMessages(path);
  if (!error && !warning) return null;
  return (
    <>
      {error && (
        <p id={`${fieldId(path)}-error`} className="field-error">
          {error}
        </p>
      )}
      {warning && <p className="field-warning">Warning: {warning}</p>}
    </>
  );
}

/** The element that shows `path`: its own control, or the closest enclosing group. */
export function targetOf(path: string): HTMLElement | null {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const element = document.getElementById(fieldId(parts.slice(0, n).join('.')));
    if (element) return element;
  }
  return null;
}

/** Moves focus to the control of `path`. */
export function focusPath(path: string) {
  const target = targetOf(path);
  if (!target) return;
  target.scrollIntoView?.({ block: 'center' });
  target.focus();
}

const ordinal = (n: string) => String(Number(n) + 1);

const FIELD_NAMES: Record<string, string> = {
  id: 'id',
  domain: 'domain',
  tags: 'tags',
  difficulty: 'difficulty',
  codeSetYear: 'code-set year',
  scored: 'scoring',
  stem: 'stem',
  rationale: 'rationale',
  caseText: 'case text',
  type: 'type',
  text: 'text',
  label: 'label',
  kind: 'kind',
  codeKind: 'code set',
  principalFirst: 'principal-first rule',
  select: 'how students select',
  partialCredit: 'partial credit',
  tolerance: 'tolerance',
  code: 'code',
  modifiers: 'modifiers',
  units: 'units',
  optional: 'optional',
  options: 'options',
  blanks: 'blanks',
  subItems: 'sub-items',
};

/** A person's name for a field path: "subItems.1.key.b2.codes.0.code" → "Sub-item 2, blank b2, code 1". */
export function describePath(path: string): string {
  if (path === '') return 'Item';
  const parts = path.split('.');
  const words: string[] = [];
  let i = 0;
  const at = (n: number) => parts[n] ?? '';
  while (i < parts.length) {
    const part = at(i);
    const next = at(i + 1);
    const isIndex = /^\d+$/.test(next);
    if (part === 'subItems' && isIndex) {
      words.push(`sub-item ${ordinal(next)}`);
      i += 2;
    } else if (part === 'options' && isIndex) {
      const n = Number(next);
      words.push(`option ${n < 26 ? String.fromCharCode(65 + n) : n + 1}`);
      i += 2;
    } else if (part === 'blanks' && isIndex) {
      words.push(`blank ${ordinal(next)}`);
      i += 2;
    } else if (part === 'key' && (i + 1 >= parts.length || (isIndex && i + 2 >= parts.length))) {
      words.push('correct answer');
      i = parts.length;
    } else if (part === 'key') {
      words.push(`blank ${next}`);
      i += 2;
    } else if (part === 'accepted' && isIndex) {
      words.push(at(i + 2) ? `accepted line ${ordinal(next)}` : `accepted answer ${ordinal(next)}`);
      i += 2;
    } else if (part === 'accepted') {
      words.push('accepted answers');
      i += 1;
    } else if (part === 'codes' && isIndex) {
      words.push(`code ${ordinal(next)}`);
      i += at(i + 2) === 'code' ? 3 : 2;
    } else if (part === 'modifiers') {
      words.push('modifiers');
      i = isIndex ? i + 2 : i + 1;
    } else if (part === 'tags') {
      words.push('tags');
      i = isIndex ? i + 2 : i + 1;
    } else {
      words.push(FIELD_NAMES[part] ?? part);
      i += 1;
    }
  }
  const text = words.join(', ');
  const first = parts[0] === 'id' ? 'Item id' : text;
  return first.charAt(0).toUpperCase() + first.slice(1);
}

/** The list of what stops a save, each linking to its field; focused when a save fails. */
export function ErrorSummary() {
  const errors = useEditor((s) => s.errors);
  const saveError = useEditor((s) => s.saveError);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (saveError) ref.current?.focus();
  }, [saveError]);
  if (!saveError) return null;
  const entries = Object.entries(errors);
  return (
    <div
      className="error-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="error-summary-heading"
    >
      <h2 id="error-summary-heading">
        {entries.length === 0
          ? 'The item was not saved'
          : `There ${entries.length === 1 ? 'is 1 problem' : `are ${entries.length} problems`} with this item`}
      </h2>
      <p>{saveError}</p>
      {entries.length > 0 && (
        <ul>
          {entries.map(([path, message]) => (
            <li key={path}>
              <a
                href={`#${fieldId(path)}`}
                onClick={(event) => {
                  event.preventDefault();
                  focusPath(path);
                }}
              >
                {describePath(path)}: {message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

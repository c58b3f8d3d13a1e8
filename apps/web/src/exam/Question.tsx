/**
 * One answerable question (an item, or a scenario's sub-question): its stem and its options or
 * fill-in fields. Controlled: it shows `response` and reports every change through `onChange`
 * (`typing` for text, which is saved once typing pauses).
 */
import { useEffect, useRef } from 'react';
import type { Blank, BlankResponse, Question as QuestionModel, SubResponse } from './api';
import { optionLetter } from './responses';

interface Props {
  question: QuestionModel;
  response: SubResponse | undefined;
  onChange(response: SubResponse, typing?: boolean): void;
  /** Unique prefix for ids and radio group names. */
  idPrefix: string;
  /** Shown before the stem of a sub-question ("12a"); none for an item. */
  label?: string;
  disabled: boolean;
}

export function Question({ question, response, onChange, idPrefix, label, disabled }: Props) {
  const stemId = `${idPrefix}-stem`;
  return (
    <div className="question" data-question-id={question.id}>
      <p id={stemId} className="stem">
        {label && <span className="sub-label">{label}. </span>}
        {question.stem}
      </p>
      {question.type === 'fill-in' ? (
        <FillIn
          blanks={question.blanks}
          value={response?.type === 'fill-in' ? response.blanks : {}}
          onChange={(blanks, typing) => onChange({ type: 'fill-in', blanks }, typing)}
          idPrefix={idPrefix}
          stemId={stemId}
          disabled={disabled}
        />
      ) : (
        <Choices
          question={question}
          response={response}
          onChange={onChange}
          idPrefix={idPrefix}
          stemId={stemId}
          disabled={disabled}
        />
      )}
    </div>
  );
}

function Choices({
  question,
  response,
  onChange,
  idPrefix,
  stemId,
  disabled,
}: Omit<Props, 'label'> & { question: Exclude<QuestionModel, { type: 'fill-in' }>; stemId: string }) {
  const hintId = `${idPrefix}-hint`;
  const multiple = question.type === 'multiple-response';
  const choice = response?.type === 'multiple-choice' ? response.choice : null;
  const choices = response?.type === 'multiple-response' ? response.choices : [];
  const hint = multiple
    ? question.select === null
      ? 'Select all that apply.'
      : `Select ${question.select}.`
    : 'Choose one answer.';

  function toggle(id: string) {
    onChange({
      type: 'multiple-response',
      choices: choices.includes(id) ? choices.filter((c) => c !== id) : [...choices, id],
    });
  }

  return (
    <fieldset className="choices" aria-labelledby={`${stemId} ${hintId}`} disabled={disabled}>
      <p id={hintId} className="hint">
        {hint}
        {multiple && <span className="selected-count"> ({choices.length} selected)</span>}
      </p>
      {question.options.map((option, i) => {
        const checked = multiple ? choices.includes(option.id) : choice === option.id;
        return (
          <label key={option.id} className={checked ? 'option checked' : 'option'}>
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={idPrefix}
              value={option.id}
              checked={checked}
              onChange={() =>
                multiple ? toggle(option.id) : onChange({ type: 'multiple-choice', choice: option.id })
              }
            />
            <span className="option-letter">{optionLetter(i)}.</span>{' '}
            <span className="option-text">{option.text}</span>
          </label>
        );
      })}
      {!multiple && choice !== null && (
        <button
          type="button"
          className="button-quiet clear-answer"
          onClick={() => onChange({ type: 'multiple-choice', choice: null })}
        >
          Clear answer
        </button>
      )}
    </fieldset>
  );
}

const KIND_NAMES: Record<string, string> = {
  icd10cm: 'ICD-10-CM code',
  icd10pcs: 'ICD-10-PCS code',
  cpt: 'CPT code',
  hcpcs: 'HCPCS Level II code',
  modifier: 'modifier',
  number: 'number',
  text: 'text',
};

/** Inputs for codes: no spell checking, capitals on phones, nothing remembered by the browser. */
const codeInput = {
  autoComplete: 'off',
  autoCapitalize: 'characters',
  spellCheck: false,
} as const;

function FillIn({
  blanks,
  value,
  onChange,
  idPrefix,
  stemId,
  disabled,
}: {
  blanks: Blank[];
  value: Record<string, BlankResponse>;
  onChange(blanks: Record<string, BlankResponse>, typing: boolean): void;
  idPrefix: string;
  stemId: string;
  disabled: boolean;
}) {
  const set = (blankId: string, blank: BlankResponse, typing = true) =>
    onChange({ ...value, [blankId]: blank }, typing);
  return (
    <fieldset className="blanks" aria-labelledby={stemId} disabled={disabled}>
      {blanks.map((blank, i) => {
        const name = blank.label.trim() || `Answer ${i + 1}`;
        const id = `${idPrefix}-${blank.id}`;
        const current = Object.hasOwn(value, blank.id) ? value[blank.id] : undefined;
        if (blank.kind === 'procedure-line') {
          const line =
            current && typeof current === 'object' && !Array.isArray(current)
              ? current
              : { code: '', modifiers: '', units: '' };
          return (
            <fieldset key={blank.id} className="blank procedure-line">
              <legend>{name}</legend>
              <div className="line-field">
                <label htmlFor={`${id}-code`}>Code</label>
                <input
                  id={`${id}-code`}
                  {...codeInput}
                  className="code-input"
                  value={line.code}
                  onChange={(e) => set(blank.id, { ...line, code: e.target.value })}
                />
              </div>
              <div className="line-field">
                <label htmlFor={`${id}-modifiers`}>Modifiers</label>
                <input
                  id={`${id}-modifiers`}
                  {...codeInput}
                  className="code-input"
                  aria-describedby={`${id}-mod-hint`}
                  value={line.modifiers}
                  onChange={(e) => set(blank.id, { ...line, modifiers: e.target.value })}
                />
                <span id={`${id}-mod-hint`} className="field-hint">
                  Separate with spaces, commas or "-"
                </span>
              </div>
              <div className="line-field">
                <label htmlFor={`${id}-units`}>Units</label>
                <input
                  id={`${id}-units`}
                  inputMode="numeric"
                  autoComplete="off"
                  value={line.units}
                  onChange={(e) => set(blank.id, { ...line, units: e.target.value })}
                />
              </div>
            </fieldset>
          );
        }
        if (blank.kind === 'code-list')
          return (
            <CodeList
              key={blank.id}
              name={name}
              id={id}
              codeKind={KIND_NAMES[blank.codeKind] ?? 'code'}
              principalFirst={blank.principalFirst}
              codes={Array.isArray(current) ? current : []}
              onChange={(codes, typing) => set(blank.id, codes, typing)}
            />
          );
        const text = typeof current === 'string' ? current : '';
        const isCode = blank.kind !== 'number' && blank.kind !== 'text';
        return (
          <div key={blank.id} className="blank">
            <label htmlFor={id}>{name}</label>
            <span id={`${id}-kind`} className="field-hint">
              {KIND_NAMES[blank.kind]}
            </span>
            <input
              id={id}
              aria-describedby={`${id}-kind`}
              className={isCode ? 'code-input' : undefined}
              {...(isCode ? codeInput : { autoComplete: 'off' })}
              {...(blank.kind === 'number' ? { inputMode: 'decimal' as const } : {})}
              value={text}
              onChange={(e) => set(blank.id, e.target.value)}
            />
          </div>
        );
      })}
    </fieldset>
  );
}

function CodeList({
  name,
  id,
  codeKind,
  principalFirst,
  codes,
  onChange,
}: {
  name: string;
  id: string;
  codeKind: string;
  principalFirst: boolean;
  codes: string[];
  onChange(codes: string[], typing: boolean): void;
}) {
  // An empty list still shows one field to type into.
  const shown = codes.length === 0 ? [''] : codes;
  const listRef = useRef<HTMLOListElement>(null);
  const focusLast = useRef(false);
  useEffect(() => {
    if (!focusLast.current) return;
    focusLast.current = false;
    const inputs = listRef.current?.querySelectorAll('input');
    inputs?.[inputs.length - 1]?.focus();
  });

  return (
    <fieldset className="blank code-list" aria-describedby={`${id}-hint`}>
      <legend>{name}</legend>
      <p id={`${id}-hint`} className="field-hint">
        One {codeKind} per field.{principalFirst && ' Enter the principal (first-listed) code first.'}
      </p>
      <ol ref={listRef}>
        {shown.map((code, i) => {
          const label = `Code ${i + 1}${principalFirst && i === 0 ? ' (principal)' : ''}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity of a code field
            <li key={i}>
              <label>
                {label}
                <input
                  {...codeInput}
                  className="code-input"
                  value={code}
                  onChange={(e) => {
                    const next = [...shown];
                    next[i] = e.target.value;
                    onChange(next, true);
                  }}
                />
              </label>
              {shown.length > 1 && (
                <button
                  type="button"
                  className="button-quiet"
                  aria-label={`Remove code ${i + 1} from ${name}`}
                  onClick={() =>
                    onChange(
                      shown.filter((_, j) => j !== i),
                      false,
                    )
                  }
                >
                  Remove
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button-quiet"
        aria-label={`Add a code to ${name}`}
        onClick={() => {
          focusLast.current = true;
          onChange([...shown, ''], false);
        }}
      >
        Add a code
      </button>
    </fieldset>
  );
}

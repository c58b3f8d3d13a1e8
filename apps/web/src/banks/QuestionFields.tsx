/**
 * The answerable part of a question (an item, or a scenario's sub-item): options with the key
 * and a rationale each, or blanks with their kinds and accepted answers. `at` is where the
 * question sits in the draft, `p` the prefix of its server paths, `name` the prefix of its labels
 * ("Sub-item 2"), so every control of every sub-item has its own name.
 */
import { memo } from 'react';
import { codeProblem, modifiersProblem, procedureCodeProblem } from './check';
import {
  BLANK_KIND_NAMES,
  BLANK_KINDS,
  type BlankDraft,
  type BlankKind,
  CODE_KIND_NAMES,
  CODE_KINDS,
  type CodeKind,
  newBlank,
  newCodeEntry,
  newEntry,
  newOption,
  newProcedureLine,
  nextBlankId,
  nextOptionId,
  type OptionDraft,
  type QuestionParts,
  type QuestionType,
} from './draft';
import { Field, fieldId, Group, PathMessage, sameProps, TextField, useEditor } from './fields';

type DraftPath = readonly (string | number)[];

interface QuestionProps {
  type: QuestionType;
  parts: QuestionParts;
  at: DraftPath;
  p: string;
  name: string;
}

/** "Option A text" for the item, "Sub-item 2 option A text" for a sub-item. */
export const labelled = (name: string, text: string) =>
  name ? `${name} ${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;

/** The letter a student sees for the option in this position. */
export const optionLetter = (index: number) =>
  index < 26 ? String.fromCharCode(65 + index) : String(index + 1);

function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  const [row] = out.splice(from, 1);
  if (row !== undefined) out.splice(to, 0, row);
  return out;
}

const without = <T,>(list: readonly T[], index: number) => list.filter((_, i) => i !== index);

/** Moves focus to the control of a server path once React has drawn it. */
const focusLater = (path: string) =>
  requestAnimationFrame(() => document.getElementById(fieldId(path))?.focus());

export function QuestionFields(props: QuestionProps) {
  if (props.type === 'fill-in') return <BlankList {...props} />;
  return (
    <>
      <OptionList {...props} />
      {props.type === 'multiple-response' && <SelectRule {...props} />}
      {props.type === 'multiple-response' && <PartialCreditChoice {...props} />}
    </>
  );
}

// ---------------------------------------------------------------- options

function OptionList({ type, parts, at, p, name }: QuestionProps) {
  const edit = useEditor((s) => s.edit);
  const options = parts.options;
  const path = [...at, 'options'];
  const add = () => {
    edit(path, (list) => [...(list as OptionDraft[]), newOption(nextOptionId(list as OptionDraft[]))]);
    focusLater(`${p}options.${options.length}.text`);
  };
  return (
    <Group path={`${p}options`} legend={labelled(name, 'Options and key')} className="options-group">
      <p className="hint">
        {type === 'multiple-choice'
          ? 'Mark the one correct option. Students see the options in this order, lettered A, B, C…'
          : 'Mark every correct option; at least one must be wrong.'}
      </p>
      <div id={fieldId(`${p}key`)} tabIndex={-1} className="key-target">
        <PathMessage path={`${p}key`} />
        <ol className="card-list">
          {options.map((option, i) => (
            <li key={option.uid}>
              <OptionCard
                type={type}
                option={option}
                index={i}
                count={options.length}
                at={path}
                p={p}
                name={name}
              />
            </li>
          ))}
        </ol>
      </div>
      <button type="button" className="button-secondary" onClick={add}>
        {labelled(name, 'Add an option')}
      </button>
    </Group>
  );
}

const OptionCard = memo(function OptionCard({
  type,
  option,
  index,
  count,
  at,
  p,
  name,
}: {
  type: QuestionType;
  option: OptionDraft;
  index: number;
  count: number;
  at: DraftPath;
  p: string;
  name: string;
}) {
  const edit = useEditor((s) => s.edit);
  const letter = optionLetter(index);
  const base = `${p}options.${index}`;
  const label = (text: string) => labelled(name, `Option ${letter} ${text}`);
  const setKey = (checked: boolean) =>
    edit(
      at,
      (list) =>
        (list as OptionDraft[]).map((o, i) =>
          type === 'multiple-choice'
            ? { ...o, correct: i === index }
            : i === index
              ? { ...o, correct: checked }
              : o,
        ),
      `${p}key`,
    );
  return (
    <fieldset id={fieldId(base)} tabIndex={-1} className={`option-card${option.correct ? ' is-key' : ''}`}>
      <legend>{labelled(name, `Option ${letter}`)}</legend>
      <PathMessage path={base} />
      <label className="check">
        <input
          type={type === 'multiple-choice' ? 'radio' : 'checkbox'}
          name={`${fieldId(p)}-key`}
          checked={option.correct}
          onChange={(e) => setKey(e.target.checked)}
        />
        {label('is correct')}
      </label>
      <TextField
        path={`${base}.text`}
        at={[...at, index, 'text']}
        value={option.text}
        label={label('text')}
        multiline
        rows={2}
      />
      <TextField
        path={`${base}.rationale`}
        at={[...at, index, 'rationale']}
        value={option.rationale}
        label={label('rationale')}
        hint="Why this option is right or wrong; students read it at review."
        multiline
        rows={2}
      />
      <div className="card-footer">
        <TextField
          path={`${base}.id`}
          at={[...at, index, 'id']}
          value={option.id}
          label={label('id')}
          hint="Stays with the option when it moves; item analysis and regrades use it."
          className="field-narrow"
          code
        />
        <RowButtons
          what={label('').trim()}
          index={index}
          count={count}
          move={(to) => edit(at, (list) => moved(list as OptionDraft[], index, to))}
          remove={() => {
            edit(at, (list) => without(list as OptionDraft[], index), `${p}options`);
            focusLater(`${p}options`);
          }}
        />
      </div>
    </fieldset>
  );
}, sameProps);

/** Move up / move down / remove for one row of a list. */
function RowButtons({
  what,
  index,
  count,
  move,
  remove,
}: {
  what: string;
  index: number;
  count: number;
  move: (to: number) => void;
  remove: () => void;
}) {
  return (
    <div className="row-buttons">
      <button type="button" className="button-quiet" disabled={index === 0} onClick={() => move(index - 1)}>
        Move up <span className="visually-hidden">{what}</span>
      </button>
      <button
        type="button"
        className="button-quiet"
        disabled={index === count - 1}
        onClick={() => move(index + 1)}
      >
        Move down <span className="visually-hidden">{what}</span>
      </button>
      <button type="button" className="button-quiet button-remove" onClick={remove}>
        Remove <span className="visually-hidden">{what}</span>
      </button>
    </div>
  );
}

function SelectRule({ parts, at, p, name }: QuestionProps) {
  const set = useEditor((s) => s.set);
  const keyed = parts.options.filter((o) => o.correct).length;
  const radio = `${fieldId(p)}-select`;
  return (
    <Group path={`${p}select`} legend={labelled(name, 'What students are told')} className="choice-group">
      <label className="check">
        <input
          type="radio"
          name={radio}
          checked={parts.selectCount}
          onChange={() => set([...at, 'selectCount'], true, `${p}select`)}
        />
        “Select {Math.max(keyed, 1)}”: the number of correct options
      </label>
      <label className="check">
        <input
          type="radio"
          name={radio}
          checked={!parts.selectCount}
          onChange={() => set([...at, 'selectCount'], false, `${p}select`)}
        />
        “Select all that apply”
      </label>
    </Group>
  );
}

function PartialCreditChoice({ parts, at, p, name }: QuestionProps) {
  const set = useEditor((s) => s.set);
  const radio = `${fieldId(p)}-partial`;
  return (
    <Group
      path={`${p}partialCredit`}
      legend={labelled(name, 'Partly right answers')}
      className="choice-group"
    >
      <label className="check">
        <input
          type="radio"
          name={radio}
          checked={parts.partialCredit === 'all-or-nothing'}
          onChange={() => set([...at, 'partialCredit'], 'all-or-nothing', `${p}partialCredit`)}
        />
        All or nothing
      </label>
      <label className="check">
        <input
          type="radio"
          name={radio}
          checked={parts.partialCredit === 'proportional'}
          onChange={() => set([...at, 'partialCredit'], 'proportional', `${p}partialCredit`)}
        />
        Partial credit in proportion to what is right
      </label>
    </Group>
  );
}

// ---------------------------------------------------------------- blanks

function BlankList(props: QuestionProps) {
  const { parts, at, p, name } = props;
  const edit = useEditor((s) => s.edit);
  const path = [...at, 'blanks'];
  const add = () => {
    edit(path, (list) => [...(list as BlankDraft[]), newBlank(nextBlankId(list as BlankDraft[]))]);
    focusLater(`${p}blanks.${parts.blanks.length}.label`);
  };
  return (
    <>
      <Group
        path={`${p}blanks`}
        legend={labelled(name, 'Blanks and accepted answers')}
        className="blanks-group"
      >
        <p className="hint">
          Each blank is a field the student fills in. When grading, case, surrounding spaces and the ICD-10-CM
          dot are ignored; O is never read as 0.
        </p>
        <ol className="card-list">
          {parts.blanks.map((blank, i) => (
            <li key={blank.uid}>
              <BlankCard blank={blank} index={i} count={parts.blanks.length} at={path} p={p} name={name} />
            </li>
          ))}
        </ol>
        <button type="button" className="button-secondary" onClick={add}>
          {labelled(name, 'Add a blank')}
        </button>
      </Group>
      <PartialCreditChoice {...props} />
    </>
  );
}

interface BlankProps {
  blank: BlankDraft;
  index: number;
  /** The draft path of the blank. */
  at: DraftPath;
  /** The server path of the blank's key ("key.b1"). */
  kp: string;
  /** "Blank 1" (with the sub-item prefix). */
  label: (text: string) => string;
}

const BlankCard = memo(function BlankCard({
  blank,
  index,
  count,
  at,
  p,
  name,
}: {
  blank: BlankDraft;
  index: number;
  count: number;
  at: DraftPath;
  p: string;
  name: string;
}) {
  const edit = useEditor((s) => s.edit);
  const set = useEditor((s) => s.set);
  const base = `${p}blanks.${index}`;
  const kp = `${p}key.${blank.id.trim()}`;
  const label = (text: string) => labelled(name, `Blank ${index + 1} ${text}`).trim();
  const props: BlankProps = { blank, index, at: [...at, index], kp, label };
  return (
    <fieldset id={fieldId(base)} tabIndex={-1} className="blank-card">
      <legend>{labelled(name, `Blank ${index + 1}`)}</legend>
      <PathMessage path={base} />
      <div className="field-row">
        <TextField
          path={`${base}.id`}
          at={[...at, index, 'id']}
          value={blank.id}
          label={label('id')}
          className="field-narrow"
          code
        />
        <Field path={`${base}.kind`} label={label('kind')}>
          {(control) => (
            <select
              {...control}
              value={blank.kind}
              onChange={(e) => set([...at, index, 'kind'], e.target.value as BlankKind, `${base}.kind`)}
            >
              {BLANK_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {BLANK_KIND_NAMES[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <TextField
        path={`${base}.label`}
        at={[...at, index, 'label']}
        value={blank.label}
        label={label('label')}
        hint="What the student reads above the field, e.g. “ICD-10-CM code of the first-listed diagnosis”."
      />
      <Group path={kp} legend={label('accepted answers')} className="key-group">
        {blank.kind === 'procedure-line' ? (
          <ProcedureLines {...props} />
        ) : blank.kind === 'code-list' ? (
          <CodeList {...props} base={base} />
        ) : (
          <AcceptedAnswers {...props} />
        )}
      </Group>
      <RowButtons
        what={label('')}
        index={index}
        count={count}
        move={(to) => edit(at, (list) => moved(list as BlankDraft[], index, to))}
        remove={() => {
          edit(at, (list) => without(list as BlankDraft[], index), `${p}blanks`);
          focusLater(`${p}blanks`);
        }}
      />
    </fieldset>
  );
}, sameProps);

const isCodeKind = (kind: BlankKind): kind is CodeKind => (CODE_KINDS as readonly string[]).includes(kind);

function AcceptedAnswers({ blank, at, kp, label }: BlankProps) {
  const edit = useEditor((s) => s.edit);
  const list = [...at, 'accepted'];
  const kind = blank.kind;
  const hint =
    kind === 'number'
      ? 'Any one of these numbers is right (within the tolerance).'
      : kind === 'text'
        ? 'Any one of these is right; case and runs of spaces are ignored.'
        : `Any one of these ${CODE_KIND_NAMES[kind as CodeKind]} codes is right.`;
  return (
    <>
      <p className="hint">{hint}</p>
      <PathMessage path={`${kp}.accepted`} />
      <ol className="answer-list">
        {blank.accepted.map((entry, j) => (
          <li key={entry.uid} className="answer-row">
            <TextField
              path={`${kp}.accepted.${j}`}
              at={[...list, j, 'value']}
              value={entry.value}
              label={label(`accepted answer ${j + 1}`)}
              live={isCodeKind(kind) ? codeProblem(kind, entry.value) : null}
              inputMode={kind === 'number' ? 'decimal' : undefined}
              code={kind !== 'text'}
            />
            <button
              type="button"
              className="button-quiet button-remove"
              onClick={() => edit(list, (rows) => without(rows as unknown[], j), `${kp}.accepted`)}
            >
              Remove <span className="visually-hidden">{label(`accepted answer ${j + 1}`)}</span>
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          edit(list, (rows) => [...(rows as unknown[]), newEntry()]);
          focusLater(`${kp}.accepted.${blank.accepted.length}`);
        }}
      >
        Add an accepted answer <span className="visually-hidden">to {label('')}</span>
      </button>
      {kind === 'number' && (
        <TextField
          path={`${kp}.tolerance`}
          at={[...at, 'tolerance']}
          value={blank.tolerance}
          label={label('tolerance (±)')}
          hint="An answer this close to an accepted number is right; 0 means exact."
          inputMode="decimal"
          className="field-narrow"
        />
      )}
    </>
  );
}

function ProcedureLines({ blank, at, kp, label }: BlankProps) {
  const edit = useEditor((s) => s.edit);
  const list = [...at, 'lines'];
  return (
    <>
      <p className="hint">
        A CPT or HCPCS Level II code, its modifiers (in any order) and units. Add an alternative line for each
        other right answer.
      </p>
      <PathMessage path={`${kp}.accepted`} />
      <ol className="card-list">
        {blank.lines.map((line, j) => {
          const lp = `${kp}.accepted.${j}`;
          const lineLabel = (text: string) => label(`line ${j + 1} ${text}`);
          return (
            <li key={line.uid}>
              <fieldset id={fieldId(lp)} tabIndex={-1} className="line-card">
                <legend>{label(`accepted line ${j + 1}`)}</legend>
                <div className="field-row">
                  <TextField
                    path={`${lp}.code`}
                    at={[...list, j, 'code']}
                    value={line.code}
                    label={lineLabel('code')}
                    live={procedureCodeProblem(line.code)}
                    className="field-narrow"
                    code
                  />
                  <TextField
                    path={`${lp}.modifiers`}
                    at={[...list, j, 'modifiers']}
                    value={line.modifiers}
                    label={lineLabel('modifiers')}
                    hint="Separated by spaces, e.g. 25 59"
                    live={modifiersProblem(line.modifiers)}
                    deep
                    code
                  />
                  <TextField
                    path={`${lp}.units`}
                    at={[...list, j, 'units']}
                    value={line.units}
                    label={lineLabel('units')}
                    inputMode="numeric"
                    className="field-narrow"
                  />
                </div>
                <button
                  type="button"
                  className="button-quiet button-remove"
                  onClick={() => edit(list, (rows) => without(rows as unknown[], j), `${kp}.accepted`)}
                >
                  Remove <span className="visually-hidden">{label(`accepted line ${j + 1}`)}</span>
                </button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          edit(list, (rows) => [...(rows as unknown[]), newProcedureLine()]);
          focusLater(`${kp}.accepted.${blank.lines.length}.code`);
        }}
      >
        Add an alternative line <span className="visually-hidden">to {label('')}</span>
      </button>
    </>
  );
}

function CodeList({ blank, at, kp, label, base }: BlankProps & { base: string }) {
  const edit = useEditor((s) => s.edit);
  const set = useEditor((s) => s.set);
  const list = [...at, 'codes'];
  return (
    <>
      <div className="field-row">
        <Field path={`${base}.codeKind`} label={label('code set')}>
          {(control) => (
            <select
              {...control}
              value={blank.codeKind}
              onChange={(e) => set([...at, 'codeKind'], e.target.value as CodeKind, `${base}.codeKind`)}
            >
              {CODE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {CODE_KIND_NAMES[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <label className="check">
        <input
          type="checkbox"
          id={fieldId(`${base}.principalFirst`)}
          checked={blank.principalFirst}
          onChange={(e) => set([...at, 'principalFirst'], e.target.checked, `${base}.principalFirst`)}
        />
        {label('principal first')}: the first code is the principal / first-listed one and must be entered
        first
      </label>
      <p className="hint">
        Every required code must be entered; extra codes cost credit. An optional code neither gains nor loses
        credit.
      </p>
      <PathMessage path={`${kp}.codes`} />
      <ol className="answer-list">
        {blank.codes.map((entry, j) => (
          <li key={entry.uid} className="answer-row">
            <TextField
              path={`${kp}.codes.${j}.code`}
              at={[...list, j, 'code']}
              value={entry.code}
              label={label(`code ${j + 1}`)}
              live={codeProblem(blank.codeKind, entry.code)}
              code
            />
            <label className="check">
              <input
                type="checkbox"
                id={fieldId(`${kp}.codes.${j}.optional`)}
                checked={entry.optional}
                onChange={(e) => set([...list, j, 'optional'], e.target.checked, `${kp}.codes`)}
              />
              Optional{' '}
              <span className="visually-hidden">
                code {j + 1} of {label('')}
              </span>
            </label>
            <button
              type="button"
              className="button-quiet button-remove"
              onClick={() => edit(list, (rows) => without(rows as unknown[], j), `${kp}.codes`)}
            >
              Remove <span className="visually-hidden">{label(`code ${j + 1}`)}</span>
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          edit(list, (rows) => [...(rows as unknown[]), newCodeEntry()]);
          focusLater(`${kp}.codes.${blank.codes.length}.code`);
        }}
      >
        Add a code <span className="visually-hidden">to {label('')}</span>
      </button>
    </>
  );
}

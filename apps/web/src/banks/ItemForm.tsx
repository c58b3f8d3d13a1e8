/** The item editor's form: type, metadata, stem, the type's own fields, rationale. */
import { memo } from 'react';
import {
  DIFFICULTIES,
  type Difficulty,
  ITEM_TYPES,
  newSubItem,
  nextSubItemId,
  type QuestionType,
  type SubItemDraft,
  TYPE_NAMES,
} from './draft';
import { Field, fieldId, Group, PathMessage, sameProps, TextField, useEditor } from './fields';
import { QuestionFields } from './QuestionFields';

const DIFFICULTY_NAMES: Record<Difficulty, string> = { easy: 'Easy', medium: 'Medium', hard: 'Hard' };

export function ItemForm({ domains }: { domains: readonly string[] }) {
  const draft = useEditor((s) => s.draft);
  const set = useEditor((s) => s.set);
  return (
    <>
      <Group path="type" legend="Item type" className="choice-group type-picker">
        {ITEM_TYPES.map((type) => (
          <label key={type} className="check">
            <input
              type="radio"
              name="item-type"
              value={type}
              checked={draft.type === type}
              onChange={() => set(['type'], type, 'type')}
            />
            {TYPE_NAMES[type]}
          </label>
        ))}
      </Group>

      <Group path="" legend="About the item" className="meta-group">
        <div className="field-grid">
          <TextField
            path="id"
            at={['id']}
            value={draft.id}
            label="Item id"
            hint="Unique in the bank, e.g. cpc-surg-014"
            code
          />
          <Field
            path="domain"
            label="Domain"
            hint="The blueprint domain, a lower-case slug such as surgery-20000"
          >
            {(control) => (
              <>
                <input
                  {...control}
                  value={draft.domain}
                  list="domain-suggestions"
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(e) => set(['domain'], e.target.value, 'domain')}
                />
                <datalist id="domain-suggestions">
                  {domains.map((d) => (
                    <option key={d} value={d} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <TextField
            path="tags"
            at={['tags']}
            value={draft.tags}
            label="Tags"
            hint="Separated by commas"
            deep
          />
          <Field path="difficulty" label="Difficulty">
            {(control) => (
              <select
                {...control}
                value={draft.difficulty}
                onChange={(e) => set(['difficulty'], e.target.value as Difficulty, 'difficulty')}
              >
                {DIFFICULTIES.map((d) => (
                  <option key={d} value={d}>
                    {DIFFICULTY_NAMES[d]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            path="codeSetYear"
            at={['codeSetYear']}
            value={draft.codeSetYear}
            label="Code-set year"
            hint="The year of the code books the key was checked against"
            inputMode="numeric"
          />
        </div>
        <Group path="scored" legend="Scoring" className="choice-group">
          <label className="check">
            <input
              type="radio"
              name="item-scored"
              checked={draft.scored}
              onChange={() => set(['scored'], true, 'scored')}
            />
            Scored
          </label>
          <label className="check">
            <input
              type="radio"
              name="item-scored"
              checked={!draft.scored}
              onChange={() => set(['scored'], false, 'scored')}
            />
            Pretest: on the exam and analysed, not in the score
          </label>
        </Group>
      </Group>

      <TextField
        path="stem"
        at={['stem']}
        value={draft.stem}
        label={draft.type === 'scenario' ? 'Stem (what students are asked about the case)' : 'Stem'}
        multiline
        rows={4}
      />

      {draft.type === 'scenario' ? (
        <ScenarioFields />
      ) : (
        <QuestionFields type={draft.type} parts={draft} at={[]} p="" name="" />
      )}

      <TextField
        path="rationale"
        at={['rationale']}
        value={draft.rationale}
        label="Rationale"
        hint="Why the key is right: name the guideline or convention it rests on. Students read it at review."
        multiline
        rows={4}
      />
    </>
  );
}

const SUB_ITEM_TYPES: readonly QuestionType[] = ['multiple-choice', 'multiple-response', 'fill-in'];

function ScenarioFields() {
  const draft = useEditor((s) => s.draft);
  const edit = useEditor((s) => s.edit);
  const add = () => {
    edit(['subItems'], (list) => [
      ...(list as SubItemDraft[]),
      newSubItem(nextSubItemId(list as SubItemDraft[])),
    ]);
    requestAnimationFrame(() =>
      document.getElementById(fieldId(`subItems.${draft.subItems.length}.stem`))?.focus(),
    );
  };
  return (
    <>
      <TextField
        path="caseText"
        at={['caseText']}
        value={draft.caseText}
        label="Case text (the medical record)"
        multiline
        rows={10}
      />
      <Group path="subItems" legend="Sub-items" className="sub-items-group">
        <p className="hint">Each sub-item is a question about the case, worth one point.</p>
        <ol className="card-list">
          {draft.subItems.map((sub, i) => (
            <li key={sub.uid}>
              <SubItemCard sub={sub} index={i} count={draft.subItems.length} />
            </li>
          ))}
        </ol>
        <button type="button" className="button-secondary" onClick={add}>
          Add a sub-item
        </button>
      </Group>
    </>
  );
}

const SubItemCard = memo(function SubItemCard({
  sub,
  index,
  count,
}: {
  sub: SubItemDraft;
  index: number;
  count: number;
}) {
  const set = useEditor((s) => s.set);
  const edit = useEditor((s) => s.edit);
  const p = `subItems.${index}.`;
  const name = `Sub-item ${index + 1}`;
  const at = ['subItems', index] as const;
  const move = (to: number) =>
    edit(['subItems'], (list) => {
      const out = [...(list as SubItemDraft[])];
      const [row] = out.splice(index, 1);
      if (row) out.splice(to, 0, row);
      return out;
    });
  return (
    <fieldset id={fieldId(`subItems.${index}`)} tabIndex={-1} className="sub-item-card">
      <legend>{name}</legend>
      <PathMessage path={`subItems.${index}`} />
      <div className="field-row">
        <TextField
          path={`${p}id`}
          at={[...at, 'id']}
          value={sub.id}
          label={`${name} id`}
          className="field-narrow"
          code
        />
        <Field path={`${p}type`} label={`${name} type`}>
          {(control) => (
            <select
              {...control}
              value={sub.type}
              onChange={(e) => set([...at, 'type'], e.target.value as QuestionType, `${p}type`)}
            >
              {SUB_ITEM_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TYPE_NAMES[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <TextField
        path={`${p}stem`}
        at={[...at, 'stem']}
        value={sub.stem}
        label={`${name} stem`}
        multiline
        rows={2}
      />
      <QuestionFields type={sub.type} parts={sub} at={at} p={p} name={name} />
      <TextField
        path={`${p}rationale`}
        at={[...at, 'rationale']}
        value={sub.rationale}
        label={`${name} rationale`}
        hint="Optional: why this sub-item's key is right."
        multiline
        rows={2}
      />
      <div className="row-buttons">
        <button type="button" className="button-quiet" disabled={index === 0} onClick={() => move(index - 1)}>
          Move up <span className="visually-hidden">{name}</span>
        </button>
        <button
          type="button"
          className="button-quiet"
          disabled={index === count - 1}
          onClick={() => move(index + 1)}
        >
          Move down <span className="visually-hidden">{name}</span>
        </button>
        <button
          type="button"
          className="button-quiet button-remove"
          onClick={() => {
            edit(['subItems'], (list) => (list as SubItemDraft[]).filter((_, i) => i !== index), 'subItems');
            requestAnimationFrame(() => document.getElementById(fieldId('subItems'))?.focus());
          }}
        >
          Remove <span className="visually-hidden">{name}</span>
        </button>
      </div>
    </fieldset>
  );
}, sameProps);

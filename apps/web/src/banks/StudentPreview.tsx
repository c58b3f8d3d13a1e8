/**
 * A read-only rendering of an item exactly as a student receives it (the student view: no key,
 * no rationale, no scored flag). Presentational only: the exam screen has the interactive one;
 * the markup follows the same order (case text, stem, instruction, options lettered by position
 * or the blanks' fields).
 */
import type { StudentItemView } from '@coderprep/contracts';
import { BLANK_KIND_NAMES, CODE_KIND_NAMES } from './draft';
import { optionLetter } from './QuestionFields';
import type { StudentBody } from './student-view';

type Question = Extract<StudentItemView, { type: 'scenario' }>['subItems'][number];
type Blank = Extract<Question, { type: 'fill-in' }>['blanks'][number];

const Empty = ({ what }: { what: string }) => <span className="preview-empty">({what} not written yet)</span>;

function Text({ text, what }: { text: string; what: string }) {
  return text.trim() ? text : <Empty what={what} />;
}

function instruction(question: StudentBody): string {
  if (question.type === 'multiple-choice') return 'Choose one answer.';
  if (question.type === 'multiple-response')
    return question.select === null ? 'Select all that apply.' : `Select ${question.select}.`;
  return question.blanks.length === 1 ? 'Enter your answer.' : 'Fill in every field.';
}

function BlankView({ blank }: { blank: Blank }) {
  const title = blank.label.trim() || BLANK_KIND_NAMES[blank.kind];
  const box = (name: string, wide = false) => (
    <span className={`preview-box${wide ? ' preview-box-wide' : ''}`}>
      <span className="preview-box-label">{name}</span>
    </span>
  );
  return (
    <div className="preview-blank">
      <p className="preview-blank-title">{title}</p>
      {blank.kind === 'procedure-line' ? (
        <div className="preview-line">
          {box('Code')}
          {box('Modifiers')}
          {box('Units')}
        </div>
      ) : blank.kind === 'code-list' ? (
        <>
          <p className="preview-note">
            {CODE_KIND_NAMES[blank.codeKind]} codes, one per field
            {blank.principalFirst ? '. Enter the principal (first-listed) code first.' : ', in any order.'}
          </p>
          {box(`${CODE_KIND_NAMES[blank.codeKind]} code 1`)}
          <span className="preview-add">+ Add a code</span>
        </>
      ) : (
        box(BLANK_KIND_NAMES[blank.kind], blank.kind === 'text')
      )}
    </div>
  );
}

function QuestionBody({ question }: { question: StudentBody }) {
  return (
    <>
      <p className="preview-instruction">{instruction(question)}</p>
      {question.type === 'fill-in' ? (
        question.blanks.map((blank, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: ids may repeat while the author types; the list has no state
          <BlankView key={i} blank={blank} />
        ))
      ) : (
        <ol className="preview-options">
          {question.options.map((option, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: ids may repeat while the author types; the list has no state
            <li key={i}>
              <span
                className={question.type === 'multiple-choice' ? 'preview-radio' : 'preview-checkbox'}
                aria-hidden="true"
              />
              <span className="preview-letter">{optionLetter(i)}.</span>{' '}
              <Text text={option.text} what="option" />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

export function StudentPreview({
  view,
  title = 'Student preview',
}: {
  view: StudentItemView;
  title?: string;
}) {
  return (
    <section className="student-preview" aria-labelledby="student-preview-heading">
      <h2 id="student-preview-heading">{title}</h2>
      <p className="hint">What a student sees on the exam: no key, no rationales, no pretest mark.</p>
      <article className="preview-item" aria-label="The item as a student sees it">
        {view.codeSetYear > 0 && <p className="preview-meta">Code set {view.codeSetYear}</p>}
        {view.type === 'scenario' && (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the record scrolls on its own, so keyboard users must be able to focus it to scroll
          <section className="preview-case" tabIndex={0} aria-labelledby="preview-case-title">
            <p className="preview-case-title" id="preview-case-title">
              Medical record
            </p>
            <div className="preview-text">
              <Text text={view.caseText} what="case text" />
            </div>
          </section>
        )}
        <div className="preview-text preview-stem">
          <Text text={view.stem} what="stem" />
        </div>
        {view.type === 'scenario' ? (
          <ol className="preview-sub-items">
            {view.subItems.map((sub, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: ids may repeat while the author types; the list has no state
              <li key={i}>
                <p className="preview-sub-title">
                  Question {i + 1} of {view.subItems.length}
                </p>
                <div className="preview-text">
                  <Text text={sub.stem} what="stem" />
                </div>
                <QuestionBody question={sub} />
              </li>
            ))}
          </ol>
        ) : (
          <QuestionBody question={view} />
        )}
      </article>
    </section>
  );
}

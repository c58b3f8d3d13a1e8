/** Every item at a glance: answered, unanswered, flagged, the current one; locked sections disabled. */
import { useExam } from './context';
import { completion } from './responses';

/** The accessible name of a palette button: "Question 12, answered, flagged". */
export function paletteName(number: number, state: string, flagged: boolean) {
  return `Question ${number}, ${state}${flagged ? ', flagged' : ''}`;
}

export function Palette({ id, onPick }: { id: string; onPick?(): void }) {
  const items = useExam((s) => s.items);
  const sections = useExam((s) => s.sections);
  const responses = useExam((s) => s.responses);
  const flags = useExam((s) => s.flags);
  const index = useExam((s) => s.index);
  const goTo = useExam((s) => s.goTo);
  const busy = useExam((s) => s.phase !== 'ready' || s.moving);

  return (
    <nav id={id} className="palette" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="palette-title">
        Questions
      </h2>
      <ul className="palette-key" aria-label="Key">
        <li>
          <span className="swatch answered" aria-hidden="true" /> Answered
        </li>
        <li>
          <span className="swatch" aria-hidden="true" /> Unanswered
        </li>
        <li>
          <span className="flag-badge" aria-hidden="true">
            ⚑
          </span>{' '}
          Flagged
        </li>
      </ul>
      {sections.map((section) => {
        const inSection = items
          .map((item, i) => ({ item, i }))
          .filter(({ item }) => item.sectionId === section.id);
        return (
          <div key={section.id} className="palette-section">
            {sections.length > 1 && (
              <h3>
                {section.title}
                {section.locked && <span className="locked-note"> (closed)</span>}
              </h3>
            )}
            <ul className="palette-grid">
              {inSection.map(({ item, i }) => {
                const state = completion(item.item, responses[item.itemId]);
                const flagged = flags[item.itemId] ?? false;
                const classes = ['palette-button', state.replace(' ', '-')];
                if (flagged) classes.push('flagged');
                if (i === index) classes.push('current');
                return (
                  <li key={item.itemId}>
                    <button
                      type="button"
                      className={classes.join(' ')}
                      aria-label={paletteName(item.position + 1, state, flagged)}
                      aria-current={i === index ? 'step' : undefined}
                      disabled={section.locked || busy}
                      onClick={() => {
                        goTo(i);
                        onPick?.();
                      }}
                    >
                      {item.position + 1}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

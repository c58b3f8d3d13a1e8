/** Pieces of the import and export reports: places in a file, and long lists shown a page at a time. */
import type { ImportIssue } from '@coderprep/contracts';
import { type ReactNode, useState } from 'react';

/** Where a problem is, in words: "Line 12", "items/q3.xml, line 4", or "—". */
export function placeOf(at: { line?: number | undefined; file?: string | undefined }): string {
  if (at.file && at.line !== undefined) return `${at.file}, line ${at.line}`;
  if (at.line !== undefined) return `Line ${at.line}`;
  return at.file ?? '—';
}

/** The first `initial` rows of a long list, with a button to show them all. */
export function useLimited<T>(rows: readonly T[], initial = 100) {
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, initial);
  const more =
    rows.length > shown.length ? (
      <button type="button" className="button-quiet" onClick={() => setAll(true)}>
        Show all {rows.length}
      </button>
    ) : null;
  return { shown, more };
}

/**
 * The frame of a wide table: it scrolls sideways on a narrow screen instead of squeezing its
 * columns, so it is a named region keyboard users can focus to scroll.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/** A table of problems with their place, item and message. */
export function IssueTable({
  issues,
  caption,
  extra,
  where = true,
}: {
  issues: readonly ImportIssue[];
  caption: string;
  /** False for lists without places (an export's left-out items). */
  where?: boolean;
  /** A column of its own for key warnings (the field of the item). */
  extra?: { header: string; cell: (issue: ImportIssue) => ReactNode };
}) {
  const { shown, more } = useLimited(issues);
  if (issues.length === 0) return null;
  return (
    <>
      <TableScroll label={caption}>
        <table className="issue-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {where && <th scope="col">Where</th>}
              <th scope="col">Item</th>
              {extra && <th scope="col">{extra.header}</th>}
              <th scope="col">{where ? 'Message' : 'Reason'}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((issue, index) => (
              // Issues have no id; their order is the file's and never changes.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <tr key={index}>
                {where && <td className="nowrap">{placeOf(issue)}</td>}
                <td className="item-id">{issue.itemId ?? '—'}</td>
                {extra && <td>{extra.cell(issue)}</td>}
                <td>{issue.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {more}
    </>
  );
}

/** "1 item", "3 items". */
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

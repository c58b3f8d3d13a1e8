/** axe-core on the import and export pages in their fullest states (contrast is left to the browser e2e scan). */
import type { ImportPreview } from '@coderprep/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { expect, it } from 'vitest';
import { BANK, BANK_PATH, fakeClient, renderPages, textFile } from './test-utils';

const preview: ImportPreview = {
  fileName: 'mixed.gift',
  format: 'gift',
  recognised: 2,
  items: [
    { externalId: 'a', type: 'multiple-choice', domain: 'imported', stem: 'Stem a', warnings: 1, line: 1 },
    { externalId: 'b', type: 'fill-in', domain: 'imported', stem: 'Stem b', warnings: 0, line: 5 },
  ],
  warnings: [{ line: 1, itemId: 'a', message: 'no rationale' }],
  errors: [{ line: 9, message: 'essay questions are not supported' }],
  duplicates: [{ itemId: 'b', otherId: 'b', where: 'existing', reasons: ['same-id'], bankItemId: 'it2' }],
  keyWarnings: [{ itemId: 'b', path: 'key.blanks.0', message: 'not in the tables' }],
  newItems: 1,
  ready: false,
};

async function violations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

it('the import page with a full preview has no axe violations', async () => {
  const { client } = fakeClient({
    [`GET ${BANK_PATH}`]: BANK,
    [`POST ${BANK_PATH}/imports/preview`]: preview,
  });
  const { container } = renderPages('/staff/banks/bk1/import', client);
  const user = userEvent.setup();
  await screen.findByRole('heading', { name: 'Import items into CPC surgery' });
  await user.upload(screen.getByLabelText('Bank file'), textFile('mixed.gift', 'x'));
  await screen.findByRole('heading', { name: 'Preview of mixed.gift' });
  expect(await violations(container)).toEqual([]);
});

it('the export page with a report has no axe violations', async () => {
  const { client } = fakeClient({
    [`GET ${BANK_PATH}`]: BANK,
    [`GET ${BANK_PATH}/export/report`]: {
      format: 'csv',
      fileName: 'CPC_surgery.csv',
      written: 1,
      leftOut: [{ itemId: 's1', reason: 'CSV cannot hold a scenario' }],
      warnings: [{ itemId: 'a', message: 'lost something' }],
    },
  });
  const { container } = renderPages('/staff/banks/bk1/export', client);
  const user = userEvent.setup();
  await user.click(await screen.findByRole('radio', { name: 'CSV (spreadsheet)' }));
  await screen.findByRole('heading', { name: 'Export report: CSV (spreadsheet)' });
  expect(await violations(container)).toEqual([]);
});

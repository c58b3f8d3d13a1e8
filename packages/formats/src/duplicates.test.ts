import { describe, expect, it } from 'vitest';
import { findDuplicates } from './duplicates';
import { allTypes } from './test-helpers';

describe('findDuplicates', () => {
  const [mc, mr] = allTypes();
  if (!mc || !mr) throw new Error('fixture items expected');

  it('pairs an incoming item with an existing one of the same id', () => {
    expect(findDuplicates([{ ...mc, stem: 'Another stem' }], [mc])).toEqual([
      { itemId: mc.id, otherId: mc.id, where: 'existing', reasons: ['same-id'] },
    ]);
  });

  it('pairs stems that differ only in case, white space and punctuation', () => {
    const copy = {
      ...mc,
      id: 'copy',
      stem: `  ${mc.stem.toUpperCase().replace(/ /g, '   ').replace(/\?/g, '!')} `,
    };
    expect(findDuplicates([copy], [mc])).toEqual([
      { itemId: 'copy', otherId: mc.id, where: 'existing', reasons: ['same-stem'] },
    ]);
  });

  it('names both reasons when id and stem match, and finds duplicates within the import', () => {
    expect(findDuplicates([mc, { ...mc, id: 'again' }], [mc])).toEqual([
      { itemId: mc.id, otherId: mc.id, where: 'existing', reasons: ['same-id', 'same-stem'] },
      { itemId: 'again', otherId: mc.id, where: 'existing', reasons: ['same-stem'] },
    ]);
    expect(findDuplicates([mr, { ...mr, id: 'mr-copy' }], [])).toEqual([
      { itemId: 'mr-copy', otherId: mr.id, where: 'import', reasons: ['same-stem'] },
    ]);
  });

  it('finds nothing among different items', () => {
    expect(findDuplicates(allTypes(), [])).toEqual([]);
  });
});

import { parseInventoryPage } from './inventoryClient';
import { inventoryItem } from './__testUtils__/items';

describe('parseInventoryPage', () => {
  it('accepts the contract, with null for optional fields', () => {
    const item = {
      ...inventoryItem(),
      region: null,
      source: { file: 'a.json', address: null },
    };
    expect(
      parseInventoryPage({ items: [item], nextCursor: null, snapshotId: 3 }),
    ).toEqual({ items: [item], nextCursor: undefined, snapshotId: 3 });
  });

  it.each([
    ['a page that is an array', []],
    ['an empty cursor', { items: [], nextCursor: '' }],
    ['a snapshot id that is text', { items: [], snapshotId: '3' }],
    ['an item without ARN', { items: [{ ...inventoryItem(), arn: ' ' }] }],
    ['an unknown category', { items: [{ ...inventoryItem(), category: 'x' }] }],
    ['a numeric tag', { items: [{ ...inventoryItem(), tags: { a: 1 } }] }],
    [
      'dependsOn that is text',
      { items: [{ ...inventoryItem(), dependsOn: 'a' }] },
    ],
    ['a source without file', { items: [{ ...inventoryItem(), source: {} }] }],
    ['planned as text', { items: [{ ...inventoryItem(), planned: 'no' }] }],
  ])('refuses %s', (_label, page) => {
    expect(() => parseInventoryPage(page)).toThrow(/Malformed inventory/);
  });
});

import { describe, expect, it } from 'vitest';
import { listingPath, parseListing } from './listing';

describe('the placements listing in the URL', () => {
  it('reads the sort, the cursor and the first row, and drops what it does not know', () => {
    expect(parseListing('?sort=-full_name&cursor=abc.def&from=51')).toEqual({ sort: '-full_name', cursor: 'abc.def', from: 51 });
    expect(parseListing('?sort=national_id&from=51')).toEqual({ sort: 'id', cursor: undefined, from: 1 });
    expect(parseListing('?cursor=x&from=-3').from).toBe(1);
  });

  it('writes them back beside the filters, leaving out the defaults', () => {
    expect(listingPath({ q: 'an' }, { sort: 'id' })).toBe('/placements?q=an');
    expect(listingPath({}, { sort: 'full_name', cursor: 'c', from: 51 })).toBe('/placements?sort=full_name&cursor=c&from=51');
    expect(parseListing(listingPath({}, { sort: '-departure_date', cursor: 'c', from: 101 }).split('?')[1])).toEqual({
      sort: '-departure_date',
      cursor: 'c',
      from: 101,
    });
  });
});

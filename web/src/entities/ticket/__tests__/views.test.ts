import { buildTicketQuery, emptyFilters, filtersFromRoute, filtersToRoute } from '../views';

describe('ticket views', () => {
  it('each view is a base query', () => {
    expect(buildTicketQuery('mine', emptyFilters(), [2])).toMatchObject({ assignee: 'me' });
    expect(buildTicketQuery('unassigned', emptyFilters(), [2])).toMatchObject({ assignee: 'unassigned' });
    expect(buildTicketQuery('departments', emptyFilters(), [2, 3])).toMatchObject({ department_id: [2, 3] });
    expect(buildTicketQuery('urgent', emptyFilters(), [])).toMatchObject({ priority: ['urgent'] });
    expect(buildTicketQuery('all', emptyFilters(), [])).toEqual({});
  });

  it('a filter that is set replaces the view value', () => {
    const filters = { ...emptyFilters(), status: ['closed'], q: '  退款 ' };
    const query = buildTicketQuery('mine', filters, []);
    expect(query.status).toEqual(['closed']);
    expect(query.assignee).toBe('me');
    expect(query.q).toBe('退款');
  });

  it('filters round-trip through the URL and bad values are dropped', () => {
    const filters = { ...emptyFilters(), status: ['new', 'open'], department_id: [2], category_id: 5, tag: 'vip' };
    expect(filtersFromRoute(filtersToRoute(filters))).toEqual(filters);
    expect(filtersFromRoute({ department_id: 'x,-1,3', category_id: 'abc' })).toMatchObject({ department_id: [3], category_id: null });
  });
});

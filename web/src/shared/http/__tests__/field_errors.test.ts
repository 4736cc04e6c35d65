import { ApiError } from '../api_error';
import { fieldErrorsOf } from '../field_errors';

describe('fieldErrorsOf', () => {
  it('groups the problems of a 400 by top-level input', () => {
    const error = new ApiError({
      status: 400,
      code: 'invalid_argument',
      message: 'invalid FAQ entry',
      fields: [
        { field: 'question', issue: 'must not be blank' },
        { field: 'alternatives[3]', issue: 'must be at most 300 characters' },
        { field: 'alternatives', issue: 'at most 20 phrasings' },
        { field: 'custom_fields.order_no', issue: 'must be a number' },
      ],
    });
    expect(fieldErrorsOf(error)).toEqual({
      question: 'must not be blank',
      alternatives: 'must be at most 300 characters; at most 20 phrasings',
      custom_fields: 'must be a number',
    });
  });

  it('is empty for other failures', () => {
    expect(fieldErrorsOf(new ApiError({ status: 412, code: 'precondition_failed', message: 'stale' }))).toEqual({});
    expect(fieldErrorsOf(new Error('boom'))).toEqual({});
  });
});

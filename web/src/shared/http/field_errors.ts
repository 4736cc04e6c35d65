import { ApiError } from './api_error';

// The server's problems with a form's input (details.fields of a 400), by the top-level
// name of the input they concern ("alternatives[2]" → "alternatives",
// "custom_fields.order_no" → "custom_fields"), several for one input joined by "; ".
// Empty for any other failure.
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.code !== 'invalid_argument') return {};
  const result: Record<string, string> = {};
  for (const { field, issue } of error.fields) {
    const name = field.split(/[.[]/, 1)[0] || field;
    result[name] = result[name] ? `${result[name]}; ${issue}` : issue;
  }
  return result;
}

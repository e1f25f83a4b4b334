// A list read by cursor (db/keyset.ts): a cursor the list did not give answers 400 naming the query parameter.
import { InvalidCursorError } from '#server/db/keyset';
import { AppError } from './errors';

export async function readByCursor<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (!(e instanceof InvalidCursorError)) throw e;
    throw new AppError('validation-failed', {
      detail: 'The cursor is not one this list gave: start again from the first page',
      fields: [{ path: 'querystring.cursor', message: 'Unknown cursor', code: 'invalid_format' }],
    });
  }
}

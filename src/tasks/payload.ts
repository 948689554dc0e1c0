/** Checks of task payloads: a job whose payload is malformed can never succeed, so it fails permanently. */
import { BadPayloadError } from '../fleet/errors.ts';

type FieldType = 'string' | 'number';

/** Returns `data` typed as `T` when every required field has its type. @throws BadPayloadError */
export function checkPayload<T>(task: string, data: unknown, required: Record<string, FieldType>): T {
  if (typeof data !== 'object' || data === null) throw new BadPayloadError(task, 'not an object');
  for (const [field, type] of Object.entries(required)) {
    const value = (data as Record<string, unknown>)[field];
    if (typeof value !== type) throw new BadPayloadError(task, `${field} must be a ${type}`);
  }
  return data as T;
}

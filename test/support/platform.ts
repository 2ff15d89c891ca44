/** Tests that need what only some platforms have: they run where it is, and elsewhere skip saying why. */
import { it } from 'vitest';

/** `it` where `available`, else `it.skip` with the reason printed. */
export function itWhere(available: boolean, reason: string): typeof it.skip {
  if (!available) console.warn(`skipping on ${process.platform}: ${reason}`);
  return available ? it : it.skip;
}

export const onWindows = process.platform === 'win32';

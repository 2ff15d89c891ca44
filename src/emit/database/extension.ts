/** Extensions: CREATE EXTENSION in TO's schema; ALTER … SET SCHEMA when it moved; DROP (destructive). */
import type { DbDelta } from '../../diff/database/pair.js';
import type { Extension } from '../../model/objects.js';
import { quoteIdent } from '../../model/quote.js';
import type { Statement } from '../statement.js';
import { dbStatement } from './context.js';

export function extensionStatements(d: DbDelta): Statement[] {
  if (d.op === 'removed') {
    const e = d.left as Extension;
    return [
      dbStatement('drop', `drop extension ${quoteIdent(e.name)}`, d, {
        hazards: ['deletes_data'],
        destructive: `TO has no extension ${e.name} (what uses its types or functions goes too, or the drop fails)`,
      }),
    ];
  }
  const e = d.right as Extension;
  if (d.op === 'added')
    return [
      dbStatement(
        'extension',
        `create extension if not exists ${quoteIdent(e.name)} with schema ${quoteIdent(e.schema)}`,
        d,
      ),
    ];
  return [dbStatement('extension', `alter extension ${quoteIdent(e.name)} set schema ${quoteIdent(e.schema)}`, d)];
}

/**
 * Deltas: what pairing two models finds, one per object that is only on one side or differs, with both model
 * objects attached. `left` is the `from` side, `right` the `to` side: `check` and `fix` pair the database (from)
 * with types.ts (to), so `added` means "types.ts has it, the database does not" and is what `fix` creates.
 */
import type { Column, CompositeType, EnumType, ForeignKey, FunctionDef, Table, View } from '../model/schema.js';

export type Op = 'added' | 'removed' | 'changed';

/** Only on the `to` side, only on the `from` side, or on both and different. */
export type Change<T> =
  | { op: 'added'; left?: undefined; right: T }
  | { op: 'removed'; left: T; right?: undefined }
  | { op: 'changed'; left: T; right: T };

/** A table or view present on both sides: where its columns and keys were paired. */
export interface Parent<T> {
  left: T;
  right: T;
}

/** A change the comparison found in a column present on both sides. */
/** `writability`: Insert's `?: never` (identity ALWAYS, generated) on one side only. */
export type ColumnChange = 'type' | 'nullability' | 'optionality' | 'writability';

export type TableDelta = { kind: 'table' } & Change<Table>;
export type ViewDelta = { kind: 'view' } & Change<View>;
export type ColumnDelta = {
  kind: 'column';
  parent: Parent<Table> | Parent<View>;
  parentKind: 'table' | 'view';
  changes: ColumnChange[];
} & Change<Column>;
export type ForeignKeyDelta = { kind: 'foreignKey'; parent: Parent<Table> } & Change<ForeignKey>;
export type EnumDelta = { kind: 'enum' } & Change<EnumType>;
export type FunctionDelta = { kind: 'function' } & Change<FunctionDef>;
export type CompositeTypeDelta = { kind: 'compositeType' } & Change<CompositeType>;

export type Delta =
  TableDelta | ViewDelta | ColumnDelta | ForeignKeyDelta | EnumDelta | FunctionDelta | CompositeTypeDelta;
export type DeltaKind = Delta['kind'];
export type DeltaOf<K extends DeltaKind> = Extract<Delta, { kind: K }>;

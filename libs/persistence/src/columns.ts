import {
  Column,
  CreateDateColumn,
  ForeignKey,
  UpdateDateColumn,
  type ColumnOptions,
  type ObjectType,
  type RelationOptions,
  type ValueTransformer,
} from 'typeorm';

/**
 * numeric → JS number, for rates, shares and measures only (exact in the database, floats in the
 * engine). Money is stored in integer cents and never goes through this transformer.
 */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? value : Number(value)),
};

export const numericArrayTransformer: ValueTransformer = {
  to: (value: number[] | null | undefined) => value,
  from: (value: string[] | null) => (value === null || value === undefined ? value : value.map(Number)),
};

/** A share or a rate: `numeric(9,6)`, read back as a number. */
export function RateColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'numeric', precision: 9, scale: 6, transformer: numericTransformer, ...options });
}

/** An ISO calendar day `YYYY-MM-DD` (PostgreSQL `date`, read back as a string). */
export function DayColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'date', ...options });
}

/** A PostgreSQL enum named `enumName`, shared by every column using the same name. */
export function EnumColumn(
  enumName: string,
  values: readonly string[],
  options: ColumnOptions = {},
): PropertyDecorator {
  return Column({ type: 'enum', enum: [...values], enumName, ...options });
}

/**
 * The id of a row of `target` (`uuid`, foreign key). Deleting the referenced row is refused unless
 * `onDelete` says otherwise.
 */
export function ReferenceColumn<T>(
  target: () => ObjectType<T>,
  {
    onDelete = 'RESTRICT',
    ...options
  }: Pick<ColumnOptions, 'nullable' | 'primary'> & Pick<RelationOptions, 'onDelete'> = {},
): PropertyDecorator {
  return (object, propertyName) => {
    Column({ type: 'uuid', ...options })(object, propertyName);
    ForeignKey(target, { onDelete })(object, propertyName);
  };
}

export function CreatedAtColumn(): PropertyDecorator {
  return CreateDateColumn({ type: 'timestamptz' });
}

export function UpdatedAtColumn(): PropertyDecorator {
  return UpdateDateColumn({ type: 'timestamptz' });
}

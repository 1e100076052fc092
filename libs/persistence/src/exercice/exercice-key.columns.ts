import { Column, PrimaryGeneratedColumn } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, ReferenceColumn } from '../columns';

/**
 * The columns of a row about one exercice (bailleur × département × year), with its own id and its
 * creation time: the exercice itself, the bilans computed for it and their generations, the
 * actualisation drawn from them. Not a table: those entities extend it.
 */
export abstract class ExerciceKeyColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ReferenceColumn(() => BailleurEntity)
  bailleurId: string;

  @Column({ type: 'varchar', length: 3 })
  departement: string;

  @Column({ type: 'smallint' })
  annee: number;

  @CreatedAtColumn()
  createdAt: Date;
}

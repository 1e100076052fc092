import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { RequeteInvalideError } from '../../errors/domain-errors';
import { creerCommande } from './creer-commande';

class Relogements {
  @IsInt()
  @Min(0)
  npnru: number;
}

class Exemple {
  @IsIn(['T1', 'T2', 'T3'])
  typologie: string;

  @IsInt()
  @Min(1)
  @Max(10)
  nombre: number;

  @ValidateNested()
  @Type(() => Relogements)
  relogements: Relogements;

  @IsOptional()
  @IsString()
  @Length(2, 5)
  code?: string;

  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'doit être un code INSEE à 5 chiffres' })
  commune?: string;

  @IsOptional()
  @IsUUID()
  bailleurId?: string;
}

async function erreurs(plain: unknown) {
  try {
    await creerCommande(Exemple, plain);
  } catch (error) {
    expect(error).toBeInstanceOf(RequeteInvalideError);
    return (error as RequeteInvalideError).erreurs;
  }
  throw new Error('aucune erreur');
}

describe('French validation messages', () => {
  it('gives each field its reason in French, with the decorator arguments', async () => {
    const result = await erreurs({
      typologie: 'T9',
      nombre: 0,
      relogements: { npnru: -1 },
      code: 'abcdefg',
      commune: '123',
      bailleurId: 'x',
      inconnu: true,
    });
    expect(result).toEqual(
      expect.arrayContaining([
        { champ: 'typologie', raison: "doit être l'une des valeurs : T1, T2, T3" },
        { champ: 'nombre', raison: 'doit être supérieur ou égal à 1' },
        { champ: 'relogements.npnru', raison: 'doit être supérieur ou égal à 0' },
        { champ: 'code', raison: 'doit contenir entre 2 et 5 caractères' },
        { champ: 'commune', raison: 'doit être un code INSEE à 5 chiffres' },
        { champ: 'bailleurId', raison: 'doit être un identifiant UUID' },
        { champ: 'inconnu', raison: "n'est pas un champ autorisé" },
      ]),
    );
    expect(result).toHaveLength(7);
  });

  it('reports the type error alone when the type is wrong, and joins the other reasons', async () => {
    expect(await erreurs({ typologie: 'T1', nombre: 'abc', relogements: { npnru: 0 } })).toEqual([
      { champ: 'nombre', raison: 'doit être un nombre entier' },
    ]);
    expect(await erreurs({ typologie: 'T1', relogements: { npnru: 0 } })).toEqual([
      { champ: 'nombre', raison: 'doit être un nombre entier' },
    ]);
    expect(await erreurs({ typologie: 'T1', nombre: 3, relogements: { npnru: 0 }, code: 'a', commune: 'x' })).toEqual([
      { champ: 'code', raison: 'doit contenir entre 2 et 5 caractères' },
      { champ: 'commune', raison: 'doit être un code INSEE à 5 chiffres' },
    ]);
  });

  it('accepts valid input and refuses a non-object body', async () => {
    await expect(
      creerCommande(Exemple, { typologie: 'T2', nombre: 3, relogements: { npnru: 2 } }),
    ).resolves.toBeInstanceOf(Exemple);
    await expect(creerCommande(Exemple, [1])).rejects.toMatchObject({
      erreurs: [{ champ: '(corps)', raison: 'doit être un objet JSON' }],
    });
  });
});

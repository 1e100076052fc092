import { BadRequestException, NotFoundException } from '@nestjs/common';
import {
  AccesInterditError,
  ConflitError,
  ImportRefuseError,
  IntrouvableError,
  RequeteInvalideError,
  TropDeRequetesError,
} from '@aiguillage/core';
import { DejaOrienteError, NonTraitableError } from '@aiguillage/core/flow';
import { EngineInputError } from '@aiguillage/engine';
import { ConflictError, InvalidInputError, NotFoundError } from '@aiguillage/persistence';
import { toErrorBody } from './http-errors';

/** The one domain → HTTP mapping: every layer's errors, the same status and body whichever route raised them. */
describe('toErrorBody', () => {
  it('answers bad input 400 with the field and its reason, whichever layer refused it', () => {
    const attendu = {
      statusCode: 400,
      message: 'Requête invalide',
      erreurs: [{ champ: 'rotation', raison: 'doit être un nombre' }],
    };
    expect(toErrorBody(new EngineInputError('rotation', 'doit être un nombre'))).toEqual(attendu);
    expect(toErrorBody(new InvalidInputError('rotation', 'doit être un nombre'))).toEqual(attendu);
    expect(toErrorBody(new RequeteInvalideError([{ champ: 'rotation', raison: 'doit être un nombre' }]))).toEqual(
      attendu,
    );
  });

  it('answers the use cases’ errors by kind and the repositories’ ones the same way', () => {
    expect(toErrorBody(new IntrouvableError('Convention', 'C-12'))).toEqual({
      statusCode: 404,
      message: 'Convention introuvable : C-12',
    });
    expect(toErrorBody(new NotFoundError('logement 12 introuvable'))).toEqual({
      statusCode: 404,
      message: 'Logement 12 introuvable',
    });
    expect(toErrorBody(new ConflitError('Déjà là'))).toEqual({ statusCode: 409, message: 'Déjà là' });
    expect(toErrorBody(new ConflictError('le SIREN 123 est déjà pris'))).toEqual({
      statusCode: 409,
      message: 'Le SIREN 123 est déjà pris',
    });
    expect(toErrorBody(new AccesInterditError())).toEqual({ statusCode: 403, message: 'Accès refusé' });
    expect(toErrorBody(new TropDeRequetesError('Trop de tentatives', 60)).statusCode).toBe(429);
  });

  it('answers a request the data refuses 422 with its field, a flat already oriented 409 with who decided', () => {
    expect(toErrorBody(new NonTraitableError('date', "aucun exercice 2031 n'est défini"))).toEqual({
      statusCode: 422,
      message: "Aucun exercice 2031 n'est défini",
      erreurs: [{ champ: 'date', raison: "aucun exercice 2031 n'est défini" }],
    });
    const decision = { decisionId: 'd1', decidedBy: 'Camille Martin', decidedAt: '2026-03-14T10:00:00.000Z' };
    expect(toErrorBody(new DejaOrienteError('Logement déjà orienté par Camille Martin', decision))).toEqual({
      statusCode: 409,
      message: 'Logement déjà orienté par Camille Martin',
      decision,
    });
  });

  it('names the refused lines of an import file, or the file itself', () => {
    expect(toErrorBody(new ImportRefuseError('Fichier vide', []))).toEqual({
      statusCode: 400,
      message: 'Fichier vide',
      erreurs: [{ champ: '(fichier)', raison: 'fichier vide' }],
    });
  });

  it('gives Nest’s own errors a French text and the database’s refusals a status, never a 500 for client input', () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /api/nulle-part'))).toEqual({
      statusCode: 404,
      message: 'Ressource introuvable',
    });
    expect(toErrorBody(new BadRequestException('Unexpected token } in JSON at position 3')).erreurs).toEqual([
      { champ: '(corps)', raison: "n'est pas du JSON valide" },
    ]);
    expect(toErrorBody({ code: '23505' })).toEqual({ statusCode: 409, message: 'Cette donnée existe déjà (doublon)' });
    expect(toErrorBody({ driverError: { code: '22001', column: 'nom' } })).toMatchObject({
      statusCode: 400,
      erreurs: [{ champ: 'nom', raison: 'texte trop long' }],
    });
    expect(toErrorBody({ code: 'ECONNREFUSED' }).statusCode).toBe(503);
    expect(toErrorBody(new Error('boom'))).toEqual({ statusCode: 500, message: 'Erreur interne' });
  });
});

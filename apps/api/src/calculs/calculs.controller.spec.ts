import type { INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AllExceptionsFilter } from '../common/exception.filter';
import { frenchValidationPipe } from '../common/validation.pipe';
import { CalculsModule } from './calculs.module';
import { ASSIETTE_DU_GUIDE, assietteDeTest } from '@aiguillage/engine/testing/exercice';

describe('POST /api/calculs', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [CalculsModule],
      providers: [
        { provide: APP_PIPE, useFactory: frenchValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    }).compile();
    app = moduleRef.createNestApplication();
    app.setGlobalPrefix('api');
    await app.init();
  });

  afterAll(() => app.close());

  const post = (path: string, body: object) => request(app.getHttpServer()).post(`/api/calculs/${path}`).send(body);

  it('assiette complète', async () => {
    const res = await post('assiette', ASSIETTE_DU_GUIDE);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ patrimoineFlux: 9775, fluxBrut: 811, fluxARepartir: 691 });
  });

  it('assiette directe (seed 002) : 1 000 − 350 = 650', async () => {
    const res = await post('assiette', { fluxBrut: 1000, exclusions: 350 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ patrimoineFlux: null, fluxBrut: 1000, fluxARepartir: 650 });
  });

  it.each([
    [{ scenario: 1, droitsDeSuite: 1400, droitsUniquesAnnuels: 100, patrimoine: 10000 }, { taux: 0.15 }],
    [
      {
        scenario: 2,
        droitsDeSuite: 1400,
        droitsUniquesAnnuels: 100,
        patrimoine: 10000,
        rotationContingent: 0.2,
        rotationMoyenne: 0.1,
      },
      { taux: 0.3 },
    ],
    [
      { scenario: 3, droitsDeSuite: 300, rotation: 0.1, dureeRestanteAnnees: 20, fluxAnnuelProposable: 1000 },
      { droitsUniques: 600, parAn: 30, taux: 0.03 },
    ],
    [{ scenario: 4, droitsEnPropositions: 150, besoinPropositions: 100, fluxAnnuel: 1000 }, { taux: 0.1 }],
  ])('conversion, exemple du guide %j', async (body, expected) => {
    const res = await post('conversion', body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expected);
  });

  it('400 avec le champ et la raison en français (validation)', async () => {
    const res = await post(
      'assiette',
      assietteDeTest({ logements: 100, tauxRotation: 1.5, relogements: { npnru: 0, orcod: 0, lhi: -1 } }),
    );
    expect(res.status).toBe(400);
    // The bound itself (« à 1 ») needs the global pipe to keep error targets (see the engine report).
    expect(res.body.erreurs).toEqual([
      { champ: 'tauxRotation', raison: expect.stringMatching(/^doit être inférieur ou égal à/) },
      { champ: 'relogements.lhi', raison: expect.stringMatching(/^doit être supérieur ou égal à/) },
    ]);
  });

  it('400 quand un champ du scénario manque', async () => {
    const res = await post('conversion', {
      scenario: 2,
      droitsDeSuite: 1400,
      droitsUniquesAnnuels: 100,
      patrimoine: 10000,
      rotationContingent: 0.2,
    });
    expect(res.status).toBe(400);
    expect(res.body.erreurs).toEqual([{ champ: 'rotationMoyenne', raison: expect.stringMatching(/^est obligatoire/) }]);
  });

  it('400 quand le moteur refuse une incohérence (exclusions au-delà du flux)', async () => {
    const res = await post('assiette', { fluxBrut: 100, exclusions: 350 });
    expect(res.status).toBe(400);
    expect(res.body.erreurs).toEqual([
      { champ: 'exclusions', raison: 'les exclusions (350) dépassent le flux brut (100)' },
    ]);
  });
});

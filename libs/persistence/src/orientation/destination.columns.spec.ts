import type { Destination } from '@aiguillage/engine/orientation';
import {
  avecDestination,
  DESTINATION_KINDS,
  destinationColumns,
  destinationFromColumns,
  destinationSelect,
} from './destination.columns';

describe('destination <-> columns', () => {
  const destinations: Destination[] = [
    { kind: 'CONVENTION', conventionId: '6f1c2a8e-0d4b-4d8e-9a55-1d2b3c4d5e6f' },
    { kind: 'CONVENTION', conventionId: '6f1c2a8e-0d4b-4d8e-9a55-1d2b3c4d5e6f', sousQuota: 'DALO' },
    { kind: 'EXCLU', usage: 'NPNRU' },
    { kind: 'BAILLEUR' },
  ];

  it.each(destinations)('reads back what it writes: %j', (d) => {
    expect(destinationFromColumns(destinationColumns(d))).toEqual(d);
  });

  it('leaves the columns a kind does not use null (what DESTINATION_CHECK requires)', () => {
    expect(destinationColumns({ kind: 'EXCLU', usage: 'LHI' })).toEqual({
      kind: 'EXCLU',
      conventionId: null,
      sousQuota: null,
      usage: 'LHI',
    });
    expect(destinationColumns({ kind: 'BAILLEUR' })).toEqual({
      kind: 'BAILLEUR',
      conventionId: null,
      sousQuota: null,
      usage: null,
    });
    expect(destinationColumns({ kind: 'CONVENTION', conventionId: 'c' })).toEqual({
      kind: 'CONVENTION',
      conventionId: 'c',
      sousQuota: null,
      usage: null,
    });
  });

  it('names every kind once and reads the columns under the mapping names', () => {
    expect([...DESTINATION_KINDS].sort()).toEqual(['BAILLEUR', 'CONVENTION', 'EXCLU']);
    expect(destinationSelect('r')).toBe(
      'r.destination_kind AS kind, r.convention_id AS "conventionId", r.sous_quota AS "sousQuota", r.usage',
    );
  });

  it("replaces a row's four destination columns by its Destination and keeps the other fields", () => {
    const row = {
      id: 'o1',
      reason: 'AUTRE',
      kind: 'EXCLU' as const,
      conventionId: null,
      sousQuota: null,
      usage: 'MUTATION' as const,
    };
    expect(avecDestination(row)).toEqual({
      id: 'o1',
      reason: 'AUTRE',
      destination: { kind: 'EXCLU', usage: 'MUTATION' },
    });
  });
});

import type { LiveState } from '../platform/live/engine-state.store';
import { fraicheurRecommandation, versionCourante } from './fraicheur';

/** The comparison of a recommendation's inputsVersion with the live state (the journal count is the store's, tested on PostgreSQL). */
describe('fraicheurRecommandation', () => {
  const live = { exerciceId: 'ex-1', version: '42' } as LiveState;
  const compteur = (parSorte: Record<string, number>) => {
    const appels: string[] = [];
    return {
      appels,
      store: {
        transitionsDepuis: (_: LiveState, depuis: string) => {
          appels.push(depuis);
          return Promise.resolve(parSorte);
        },
      },
    };
  };

  it('is up to date on the current version, without reading the journal', async () => {
    const { store, appels } = compteur({});
    expect(versionCourante(live)).toBe('ex-1@42');
    expect(await fraicheurRecommandation(store, live, 'ex-1@42')).toEqual({
      aJour: true,
      decisionsDepuis: 0,
      changementsDepuis: 0,
    });
    expect(appels).toEqual([]);
  });

  it('counts the decisions and every change journaled since an older version', async () => {
    const { store, appels } = compteur({ orientation: 2, candidatsRecus: 1 });
    expect(await fraicheurRecommandation(store, live, 'ex-1@30')).toEqual({
      aJour: false,
      decisionsDepuis: 2,
      changementsDepuis: 3,
    });
    expect(appels).toEqual(['30']);
  });

  it('says stale without a count for another exercice’s version, up to date for a newer one', async () => {
    const { store } = compteur({});
    expect(await fraicheurRecommandation(store, live, 'ex-0@50')).toEqual({
      aJour: false,
      decisionsDepuis: null,
      changementsDepuis: null,
    });
    expect((await fraicheurRecommandation(store, live, 'ex-1@43')).aJour).toBe(true);
  });
});

import { io, type Socket } from 'socket.io-client';
import { createTestApi, type TestApi } from './api-test-app';

let api: TestApi;
let url: string;

beforeAll(async () => {
  api = await createTestApi();
  url = api.url;
}, 120_000);
afterAll(() => api?.close());

function connect(auth: { token?: string }): Promise<{ socket: Socket; event: string; payload: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { path: '/socket.io', auth, transports: ['websocket'], reconnection: false });
    socket.once('connecte', (payload) => resolve({ socket, event: 'connecte', payload }));
    socket.once('erreur', (payload) => resolve({ socket, event: 'erreur', payload }));
    socket.once('connect_error', reject);
    setTimeout(() => reject(new Error('aucune réponse du serveur websocket')), 10_000);
  });
}

describe('websocket gateway', () => {
  it('refuses a socket without a valid token and closes it', async () => {
    for (const auth of [{}, { token: 'abc.def.ghi' }]) {
      const { socket, event, payload } = await connect(auth);
      expect(event).toBe('erreur');
      expect(payload).toEqual({ message: 'Authentification requise' });
      await new Promise((resolve) => (socket.connected ? socket.once('disconnect', resolve) : resolve(undefined)));
      expect(socket.connected).toBe(false);
    }
  });

  it('joins a chargé to its bailleur rooms and a réservataire to its own room only', async () => {
    const charge = (await api.http.get('/api/me').set('Authorization', `Bearer ${await api.token('CHARGE')}`)).body;
    const staff = await connect({ token: await api.token('CHARGE') });
    expect(staff.payload).toEqual({
      userId: charge.userId,
      rooms: [`user:${charge.userId}`, ...charge.bailleurIds.map((id: string) => `bailleur:${id}`)],
    });
    staff.socket.close();

    const reservataire = (
      await api.http.get('/api/me').set('Authorization', `Bearer ${await api.token('RESERVATAIRE')}`)
    ).body;
    const own = await connect({ token: await api.token('RESERVATAIRE') });
    expect(own.payload).toEqual({
      userId: reservataire.userId,
      rooms: [
        `user:${reservataire.userId}`,
        ...reservataire.bailleurIds.map((id: string) => `reservataire:${reservataire.reservataireId}:bailleur:${id}`),
      ],
    });
    own.socket.close();
  });
});

import { createHash } from 'node:crypto';
import { generateDepartement, offrePrevue } from '@aiguillage/demo';
import { largestBailleur, syntheticState } from '@aiguillage/simulation/latency';
import { DEFAULT_POLICY, recommend } from '@aiguillage/engine';
const demo = generateDepartement({});
for (const size of [30, 100, 1000]) {
  const { state, flats } = syntheticState(demo, size, offrePrevue(demo, largestBailleur(demo)));
  const h = createHash('sha256');
  for (let i = 0; i < 400; i++) { const f = flats[(i * 13) % flats.length]; h.update(JSON.stringify(recommend(f.logement, state, DEFAULT_POLICY, f.date))); }
  console.log(size, h.digest('hex').slice(0, 16));
}

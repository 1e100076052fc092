import { generateDepartement, offrePrevue } from '@aiguillage/demo';
import { largestBailleur, syntheticState } from '@aiguillage/simulation/latency';
import { DEFAULT_POLICY, recommend } from '@aiguillage/engine';
const demo = generateDepartement({});
const { state, flats } = syntheticState(demo, 10000, offrePrevue(demo, largestBailleur(demo)));
const codes = new Map<string, number>(); let el = 0, n = 0;
for (let i = 0; i < 50; i++) { const f = flats[i * 7 % flats.length]; const r = recommend(f.logement, state, DEFAULT_POLICY, f.date);
  for (const o of r.options) { n++; if (o.eligible) el++; else { const k = o.violates.map((v) => v.code).join('+'); codes.set(k, (codes.get(k) ?? 0) + 1); } } }
console.log('options/call', n / 50, 'eligible/call', el / 50, [...codes].map(([k, v]) => `${k}:${v / 50}`));

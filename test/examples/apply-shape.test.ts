import * as fs from 'fs';
import * as path from 'path';
import { addressesOf, longestDependencyChain, synthAll, SynthesizedExamples } from './synth-all';

// X-12: the Terraform addresses of every example stack are pinned in a committed file. A change
// that renames a construct id changes an address, and Terraform would destroy the old resource
// and create a new one. Renaming on purpose means regenerating the pin file in the same commit:
//   UPDATE_PINS=1 npx jest test/examples/apply-shape.test.ts
// The longest dependency chain of each stack is pinned too, so a change that serializes the
// apply (slower deploys) shows up in review.
const PIN_FILE = path.join(__dirname, 'pinned-apply-shape.json');

interface Pins {
  [stack: string]: { addresses: string[]; longestChain: number };
}

describe('apply shape of the examples', () => {
  let synth: SynthesizedExamples;
  let actual: Pins;
  beforeAll(() => {
    synth = synthAll();
    actual = {};
    for (const [name, json] of Object.entries(synth.stacks)) {
      actual[name] = {
        addresses: addressesOf(json),
        longestChain: longestDependencyChain(json).length,
      };
    }
    if (process.env.UPDATE_PINS === '1') {
      fs.writeFileSync(PIN_FILE, `${JSON.stringify(actual, null, 2)}\n`);
    }
  });

  test('X-12 resource addresses of every example stack match the pin file', () => {
    const pinned: Pins = JSON.parse(fs.readFileSync(PIN_FILE, 'utf8'));
    const problems: string[] = [];
    for (const stack of new Set([...Object.keys(pinned), ...Object.keys(actual)])) {
      const before = new Set(pinned[stack]?.addresses ?? []);
      const after = new Set(actual[stack]?.addresses ?? []);
      const destroyed = [...before].filter((a) => !after.has(a));
      const created = [...after].filter((a) => !before.has(a));
      if (destroyed.length > 0) {
        problems.push(
          `stack ${stack}: Terraform would DESTROY ${destroyed.length} resource(s) that are no longer at their address` +
            `${created.length ? ` (and create ${created.length} at new addresses: possibly a renamed construct id)` : ''}:\n` +
            destroyed.map((a) => `    - ${a}`).join('\n') +
            (created.length
              ? `\n  new addresses:\n${created.map((a) => `    + ${a}`).join('\n')}`
              : ''),
        );
      } else if (created.length > 0) {
        problems.push(
          `stack ${stack}: ${created.length} new resource address(es) not in the pin file:\n${created.map((a) => `    + ${a}`).join('\n')}`,
        );
      }
    }
    if (problems.length > 0) {
      throw new Error(
        `${problems.join('\n')}\nIf this is intended, regenerate the pins: UPDATE_PINS=1 npx jest test/examples/apply-shape.test.ts`,
      );
    }
  });

  test('the longest dependency chain of every example stack is pinned', () => {
    const pinned: Pins = JSON.parse(fs.readFileSync(PIN_FILE, 'utf8'));
    const changed = Object.keys(actual)
      .filter((s) => pinned[s] && pinned[s].longestChain !== actual[s].longestChain)
      .map((s) => {
        const chain = longestDependencyChain(synth.stacks[s]);
        return `stack ${s}: longest dependency chain ${pinned[s].longestChain} -> ${actual[s].longestChain}:\n    ${chain.join('\n -> ')}`;
      });
    expect(changed).toEqual([]);
  });

  test('dependency chains are computed from references and depends_on', () => {
    const json = {
      resource: {
        a_t: { one: {} },
        b_t: { two: { x: '${a_t.one.id}' } },
        c_t: { three: { depends_on: ['b_t.two'] }, four: { y: '${data.d_t.five.id}' } },
      },
      data: { d_t: { five: {} } },
    };
    expect(longestDependencyChain(json)).toEqual(['a_t.one', 'b_t.two', 'c_t.three']);
  });
});

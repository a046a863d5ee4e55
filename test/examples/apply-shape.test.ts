import * as fs from 'fs';
import * as path from 'path';
import {
  addressesOf,
  compareShapes,
  formatChanges,
  longestDependencyChain,
  PlanShape,
} from '../../lib/cli/pin-shape';
import { synthAll, SynthesizedExamples } from './synth-all';

// the Terraform addresses of every example stack are pinned in a committed file. A change
// that renames a construct id changes an address, and Terraform would destroy the old resource
// and create a new one. Renaming on purpose means regenerating the pin file in the same commit:
//   UPDATE_PINS=1 npx jest test/examples/apply-shape.test.ts
// The longest dependency chain of each stack is pinned too, so a change that serializes the
// apply (slower deploys) shows up in review. The comparison is the one `cdktf-secure-mlops pin`
// runs on users' stacks (lib/cli/pin-shape.ts), on addresses only.
const PIN_FILE = path.join(__dirname, 'pinned-apply-shape.json');

interface Pins {
  [stack: string]: { addresses: string[]; longestChain: number };
}

/** Address-only plan shapes of pinned stacks. */
function shapes(pins: Pins): PlanShape {
  return {
    stacks: Object.fromEntries(
      Object.entries(pins).map(([s, p]) => [
        s,
        Object.fromEntries(p.addresses.map((a) => [a, {}])),
      ]),
    ),
  };
}

describe('apply shape of the examples', () => {
  let synth: SynthesizedExamples;
  let actual: Pins;
  beforeAll(() => {
    synth = synthAll();
    actual = {};
    for (const [name, json] of Object.entries(synth.stacks)) {
      actual[name] = {
        addresses: addressesOf(json, { dataSources: true }),
        longestChain: longestDependencyChain(json).length,
      };
    }
    if (process.env.UPDATE_PINS === '1') {
      fs.writeFileSync(PIN_FILE, `${JSON.stringify(actual, null, 2)}\n`);
    }
  });

  test('X-12 resource addresses of every example stack match the pin file', () => {
    const pinned: Pins = JSON.parse(fs.readFileSync(PIN_FILE, 'utf8'));
    const changes = compareShapes(shapes(pinned), shapes(actual));
    if (changes.length > 0) {
      throw new Error(
        `${formatChanges(changes)}\nIf this is intended, regenerate the pins: UPDATE_PINS=1 npx jest test/examples/apply-shape.test.ts`,
      );
    }
  });

  test('X-12 a renamed construct id is reported as a destroy and a create', () => {
    const pinned: Pins = JSON.parse(fs.readFileSync(PIN_FILE, 'utf8'));
    const [stack] = Object.keys(pinned);
    const renamed = pinned[stack].addresses.find((a) => !a.startsWith('data.'))!;
    const edited = {
      ...pinned,
      [stack]: {
        ...pinned[stack],
        addresses: pinned[stack].addresses.map((a) => (a === renamed ? `${a}_renamed` : a)),
      },
    };
    const report = formatChanges(compareShapes(shapes(pinned), shapes(edited)));
    expect(report).toContain(
      `stack ${stack}: Terraform would destroy 1, replace 0, move 0 and create 1`,
    );
    expect(report).toContain(`-   ${renamed}: destroy`);
    expect(report).toContain(`+   ${renamed}_renamed: create`);
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

import { App, TerraformStack } from 'cdktf';
import { Persona, PersonaModel } from '../../lib';

const scope = () => new TerraformStack(new App(), 'ml');

describe('X-01 persona model', () => {
  test('X-01 six human personas and four workload identities', () => {
    expect(PersonaModel.HUMAN).toEqual([
      'PLATFORM_ADMIN',
      'ML_ENGINEER',
      'DATA_SCIENTIST',
      'DATA_ENGINEER',
      'MODEL_VIEWER',
      'AUDITOR',
    ]);
    expect(PersonaModel.WORKLOAD).toEqual(['PIPELINE', 'TRAINING', 'DEPLOYMENT', 'MONITORING']);
    expect(PersonaModel.isWorkload(Persona.TRAINING)).toBe(true);
    expect(PersonaModel.isWorkload(Persona.AUDITOR)).toBe(false);
  });

  test('X-01 bindings come back in persona order', () => {
    const b = PersonaModel.validate(scope(), 'personas', {
      [Persona.MODEL_VIEWER]: ['v@x.com'],
      [Persona.DATA_SCIENTIST]: ['a@x.com', 'b@x.com'],
    });
    expect(b.map((x) => `${x.persona}:${x.principal}`)).toEqual([
      'DATA_SCIENTIST:a@x.com',
      'DATA_SCIENTIST:b@x.com',
      'MODEL_VIEWER:v@x.com',
    ]);
  });
});

describe('X-02 segregation of duties', () => {
  test('X-02 training and deployment conflict', () => {
    expect(PersonaModel.conflict(Persona.TRAINING, Persona.DEPLOYMENT)).toMatch(
      /trains must not deploy/,
    );
  });

  test('X-02 no human persona may hold a workload identity', () => {
    for (const h of PersonaModel.HUMAN) {
      for (const w of PersonaModel.WORKLOAD) {
        expect(PersonaModel.conflict(h, w)).toBeDefined();
      }
    }
  });

  test('X-02 compatible personas do not conflict', () => {
    expect(PersonaModel.conflict(Persona.DATA_SCIENTIST, Persona.DATA_ENGINEER)).toBeUndefined();
    expect(PersonaModel.conflict(Persona.MODEL_VIEWER, Persona.AUDITOR)).toBeUndefined();
  });

  test('X-02 a principal bound to conflicting personas fails synth with one error', () => {
    expect(() =>
      PersonaModel.validate(scope(), 'personas', {
        [Persona.DATA_SCIENTIST]: ['alice@x.com'],
        [Persona.ML_ENGINEER]: ['alice@x.com'],
        [Persona.TRAINING]: ['sa@x.com'],
        [Persona.DEPLOYMENT]: ['sa@x.com'],
      }),
    ).toThrow(
      /Invalid input for ml:\n {2}- personas: got 'alice@x.com as DATA_SCIENTIST and ML_ENGINEER'.*maker and checker[\s\S]*sa@x.com as TRAINING and DEPLOYMENT/,
    );
  });

  test('X-02 an explicit exception with a reason allows the combination', () => {
    const b = PersonaModel.validate(
      scope(),
      'personas',
      { [Persona.DATA_SCIENTIST]: ['alice@x.com'], [Persona.ML_ENGINEER]: ['alice@x.com'] },
      [
        {
          principal: 'alice@x.com',
          personas: [Persona.DATA_SCIENTIST, Persona.ML_ENGINEER],
          reason: 'two-person team until Q3',
        },
      ],
    );
    expect(b).toHaveLength(2);
  });

  test('X-02 an exception needs a reason of at least 10 characters', () => {
    expect(() =>
      PersonaModel.validate(
        scope(),
        'personas',
        { [Persona.DATA_SCIENTIST]: ['alice@x.com'], [Persona.ML_ENGINEER]: ['alice@x.com'] },
        [
          {
            principal: 'alice@x.com',
            personas: [Persona.DATA_SCIENTIST, Persona.ML_ENGINEER],
            reason: 'ok',
          },
        ],
      ),
    ).toThrow(/sodExceptions\[0\].reason: got 'ok'; allowed: a reason of at least 10 characters/);
  });

  test('X-02 an exception for another principal does not apply', () => {
    expect(() =>
      PersonaModel.validate(
        scope(),
        'personas',
        { [Persona.TRAINING]: ['sa'], [Persona.DEPLOYMENT]: ['sa'] },
        [
          {
            principal: 'other',
            personas: [Persona.TRAINING, Persona.DEPLOYMENT],
            reason: 'not for this one',
          },
        ],
      ),
    ).toThrow(/sa as TRAINING and DEPLOYMENT/);
  });

  test('X-10 unknown persona names and empty principals are rejected', () => {
    expect(() =>
      PersonaModel.validate(scope(), 'personas', { HACKER: ['x'], AUDITOR: [''] }),
    ).toThrow(
      /personas: got 'HACKER'; allowed: persona names: PLATFORM_ADMIN[\s\S]*personas.AUDITOR\[0\]: got ''/,
    );
  });
});

describe('X-02 segregation of duties from untyped callers and other spellings', () => {
  const lower = { canonicalize: (p: string) => p.toLowerCase() };

  test('X-02 one identity spelled two ways in conflicting personas is caught through the canonicalizer', () => {
    const personas = {
      [Persona.DATA_SCIENTIST]: ['user:Ana@Acme.example'],
      [Persona.ML_ENGINEER]: ['user:ana@acme.example'],
    };
    expect(() => PersonaModel.validate(scope(), 'personas', personas)).not.toThrow();
    expect(() => PersonaModel.validate(scope(), 'personas', personas, [], lower)).toThrow(
      /personas: got 'user:Ana@Acme.example = user:ana@acme.example as DATA_SCIENTIST and ML_ENGINEER'/,
    );
    // an exception written in a third spelling still applies
    const ex = [
      {
        principal: 'USER:ANA@ACME.EXAMPLE',
        personas: [Persona.DATA_SCIENTIST, Persona.ML_ENGINEER],
        reason: 'two-person team until Q3, reviewed by the CISO',
      },
    ];
    expect(() => PersonaModel.validate(scope(), 'personas', personas, ex, lower)).not.toThrow();
  });

  test('X-10 mistyped personas and exceptions give one ValidationError, never a TypeError', () => {
    const v = (personas: any, ex?: any) => () =>
      PersonaModel.validate(scope(), 'personas', personas, ex);
    expect(v('DATA_SCIENTIST')).toThrow(/personas: got 'DATA_SCIENTIST'; allowed: an object/);
    expect(v({ DATA_SCIENTIST: 'group:ds' })).toThrow(
      /personas.DATA_SCIENTIST: got 'group:ds'; allowed: a list of strings \(got one string: write \["group:ds"\]\)/,
    );
    expect(v({ DATA_SCIENTIST: [42] })).toThrow(
      /personas.DATA_SCIENTIST\[0\]: got '42'; allowed: a non-empty string/,
    );
    expect(v({}, 'nope')).toThrow(/sodExceptions: got 'nope'/);
    expect(v({}, [{ principal: 'x', personas: ['HACKER'], reason: 'long enough reason' }])).toThrow(
      /sodExceptions\[0\].personas\[0\]: got 'HACKER'; allowed: one of PLATFORM_ADMIN/,
    );
    expect(v({}, [null])).toThrow(/sodExceptions\[0\]: got 'null'; allowed: an object/);
  });
});

import { readHclExpression, soleInterpolation } from '../../lib/core/compliance/hcl-expression';

// The HCL expression reader behind the scanner's `jsonencode(...)` / `toset(...)` resolution:
// literals come back as values, everything else as its `${source}`, malformed text as undefined.

describe('readHclExpression', () => {
  test.each([
    ['"a"', 'a'],
    ['42', 42],
    ['-1.5', -1.5],
    ['true', true],
    ['null', null],
    ['["a", "b",]', ['a', 'b']],
    ['{ a = 1, "b" : "x" }', { a: 1, b: 'x' }],
    ['{\n  a = [1, 2]\n  b = { c = "d" }\n}', { a: [1, 2], b: { c: 'd' } }],
  ])('literal %j', (text, value) => {
    expect(readHclExpression(text)).toEqual(value);
  });

  test.each([
    ['var.x', '${var.x}'],
    ['aws_s3_bucket.b.arn', '${aws_s3_bucket.b.arn}'],
    ['lower("A")', '${lower("A")}'],
  ])('non-literal %j keeps its source', (text, value) => {
    expect(readHclExpression(text)).toBe(value);
  });

  test.each([
    ['[for s in var.l : upper(s)]', '${[for s in var.l : upper(s)]}'],
    ['[ for s in var.l : s ]', '${[ for s in var.l : s ]}'],
    ['{for k, v in var.m : k => v}', '${{for k, v in var.m : k => v}}'],
    ['{ for k, v in var.m : k => v }', '${{ for k, v in var.m : k => v }}'],
    ['{\n  for k, v in var.m : k => { x = v }\n}', '${{\n  for k, v in var.m : k => { x = v }\n}}'],
  ])(
    'a for expression %j is kept whole, with or without space after the bracket',
    (text, value) => {
      expect(readHclExpression(text)).toBe(value);
    },
  );

  test('a for expression nested in a literal object', () => {
    expect(readHclExpression('{ a = "x", b = { for k in var.l : k => 1 } }')).toEqual({
      a: 'x',
      b: '${{ for k in var.l : k => 1 }}',
    });
  });

  test.each(['{ a = 1', '[1, 2', '{ (var.k) = 1 }', '"open'])(
    'malformed %j is undefined',
    (text) => {
      expect(readHclExpression(text)).toBeUndefined();
    },
  );
});

describe('soleInterpolation', () => {
  test('one interpolation spanning the string', () => {
    expect(soleInterpolation('${ var.x }')).toBe('var.x');
    expect(soleInterpolation('${{ for k in var.l : k => 1 }}')).toBe('{ for k in var.l : k => 1 }');
  });
  test('text around or two interpolations', () => {
    expect(soleInterpolation('a-${var.x}')).toBeUndefined();
    expect(soleInterpolation('${var.x}-${var.y}')).toBeUndefined();
  });
});

describe('readHclExpression: newlines between attributes', () => {
  test('a multi-line policy object, as hcl2json keeps a jsonencode(...) argument', () => {
    const text = [
      '{',
      '  Version = "2012-10-17" # the current policy language',
      '  Statement = [',
      '    {',
      '      Effect = "Allow"',
      '      Action = ["s3:GetObject",',
      '        "s3:PutObject"]',
      '      Resource = "${aws_s3_bucket.b.arn}/*"',
      '    },',
      '  ]',
      '}',
    ].join('\n');
    expect(readHclExpression(text)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: '${aws_s3_bucket.b.arn}/*',
        },
      ],
    });
  });

  test('a reference ends at its newline and the next attribute is read', () => {
    expect(readHclExpression('{\n  a = var.x\n  b = 1\n}')).toEqual({ a: '${var.x}', b: 1 });
  });
});

describe('readHclExpression: newlines outside objects', () => {
  test.each([
    ['["a"\n  == var.b ? "c" : "d"]', ['${"a"\n  == var.b ? "c" : "d"}']],
    ['["a" == var.b\n  ? "c" : "d", "e"]', ['${"a" == var.b\n  ? "c" : "d"}', 'e']],
    ['[\n  "a",\n  "b"\n]', ['a', 'b']],
    ['"a"\n  == var.x', '${"a"\n  == var.x}'],
  ])('a tuple or the top level reads across newlines: %j', (text, value) => {
    expect(readHclExpression(text)).toEqual(value);
  });

  test('for after a newline or a tab opens a for expression', () => {
    expect(readHclExpression('[for\n  s in var.l : s]')).toBe('${[for\n  s in var.l : s]}');
    expect(readHclExpression('{for\tk in var.l : k => 1}')).toBe('${{for\tk in var.l : k => 1}}');
  });
});

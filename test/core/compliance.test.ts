import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import {
  Compliance,
  ComplianceStatus,
  ResourceView,
  Rule,
  RuleEvaluation,
  RuleLevel,
  RulePack,
  StackView,
} from '../../lib';
import { RuleCategory, RuleProfile } from '../../lib';
import { defineRule } from '../../lib/core/compliance/define-rule';
import { check, isTrue } from '../../lib/core/rules/attributes';
import { evaluateStack } from '../../lib/core/compliance/evaluate';
import { unhookedTerraform } from '../../lib/core/compliance/testing-synth';
import { runAspects } from '../../lib/core/compliance/cdktf-adapter';
import { requiredTagsRule } from '../../lib/core/rules';
import { tempApp } from '../helpers';

// A single-resource rule written as a pure function.
const namedBucket = defineRule({
  id: 'T-01',
  level: RuleLevel.ERROR,
  description: 'Buckets are named with the team prefix',
  fixHint: 'Prefix the bucket name with ml-',
  resourceTypes: ['aws_s3_bucket'],
  check: (r) =>
    String(r.attributes.bucket).startsWith('ml-') || `bucket is '${r.attributes.bucket}'`,
});

// A cross-resource rule written as a subclass (the public extension point).
class VersionedBucket extends Rule {
  constructor() {
    super({
      id: 'T-02',
      level: RuleLevel.WARNING,
      description: 'Buckets have a versioning resource',
      fixHint: 'Add aws_s3_bucket_versioning',
      resourceTypes: ['aws_s3_bucket'],
    });
  }
  public evaluate(resource: ResourceView, stack: StackView): RuleEvaluation {
    return stack.referencing('aws_s3_bucket_versioning', 'bucket', resource).length > 0
      ? { status: ComplianceStatus.COMPLIANT }
      : {
          status: ComplianceStatus.NON_COMPLIANT,
          detail: 'no aws_s3_bucket_versioning references it',
        };
  }
}

const pack = () => new RulePack('TestPack', [namedBucket, new VersionedBucket()]);

function build(app = Testing.app()) {
  const stack = new TerraformStack(app, 'cmp');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const good = new S3Bucket(stack, 'good', { bucket: 'ml-good' });
  new S3BucketVersioningA(stack, 'good-versioning', {
    bucket: good.id,
    versioningConfiguration: { status: 'Enabled' },
  });
  const bad = new S3Bucket(stack, 'bad', { bucket: 'other' });
  return { stack, good, bad };
}

describe('X-11 compliance engine', () => {
  test('X-11 single-resource and cross-resource rules produce findings per resource', () => {
    const { stack } = build();
    Testing.synth(stack);
    const report = Compliance.of(stack).addPack(pack()).evaluate(stack, { includeCompliant: true });
    const results = report.findings.map((f) => `${f.ruleId} ${f.address} ${f.status}`);
    expect(results).toEqual([
      'T-01 aws_s3_bucket.bad NON_COMPLIANT',
      'T-02 aws_s3_bucket.bad NON_COMPLIANT',
      'T-01 aws_s3_bucket.good COMPLIANT',
      'T-02 aws_s3_bucket.good COMPLIANT',
    ]);
    expect(report.summary).toEqual({
      compliant: 2,
      nonCompliant: 2,
      suppressed: 0,
      unknown: 0,
      errors: 1,
      warnings: 1,
    });
    expect(report.findings[0].reason).toBe("bucket is 'other'");
  });

  test('X-11 synth fails on ERROR findings with rule id and resource address; report is written', () => {
    const { app, outdir } = tempApp();
    build(app);
    Compliance.of(app).addPack(pack());
    expect(() => app.synth()).toThrow(
      /\[T-01\] aws_s3_bucket.bad: Buckets are named with the team prefix \(bucket is 'other'\). Fix: Prefix/,
    );
    const report = JSON.parse(
      fs.readFileSync(path.join(outdir, 'stacks', 'cmp', 'compliance-report.json'), 'utf8'),
    );
    expect(report.stackName).toBe('cmp');
    expect(report.packs).toEqual(['TestPack']);
    expect(
      report.findings.find((f: any) => f.ruleId === 'T-01' && f.address === 'aws_s3_bucket.bad'),
    ).toMatchObject({
      status: 'NON_COMPLIANT',
      level: 'ERROR',
      constructPath: 'cmp/bad',
    });
  });

  test('X-11 WARNING findings annotate but do not fail synth', () => {
    const { app, outdir } = tempApp();
    const { bad } = build(app);
    Compliance.suppress(bad, 'T-01', 'legacy bucket kept until migration');
    Compliance.of(app).addPack(pack());
    app.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const warnings = manifest.stacks.cmp.annotations.filter((a: any) => a.level === '@cdktf/warn');
    expect(warnings.map((a: any) => a.message)).toEqual([
      expect.stringContaining('[T-02] aws_s3_bucket.bad'),
    ]);
  });

  test('X-11 suppressions carry their reason into the synthesized metadata and the report', () => {
    const { app, outdir } = tempApp();
    const { bad } = build(app);
    Compliance.suppress(bad, 'T-01', 'legacy bucket kept until migration');
    Compliance.of(app).addPack(pack());
    app.synth();
    const tf = JSON.parse(
      fs.readFileSync(path.join(outdir, 'stacks', 'cmp', 'cdk.tf.json'), 'utf8'),
    );
    expect(tf.resource.aws_s3_bucket.bad['//'].secure_mlops.suppressions).toEqual([
      { id: 'T-01', reason: 'legacy bucket kept until migration' },
    ]);
    const report = JSON.parse(
      fs.readFileSync(path.join(outdir, 'stacks', 'cmp', 'compliance-report.json'), 'utf8'),
    );
    expect(
      report.findings.find((f: any) => f.ruleId === 'T-01' && f.address === 'aws_s3_bucket.bad'),
    ).toMatchObject({
      status: 'SUPPRESSED',
      reason: 'legacy bucket kept until migration',
    });
  });

  test('X-11 a stack-wide suppression covers every resource; a control id covers its facets', () => {
    const { stack } = build();
    Compliance.suppress(stack, 'T', 'not a real id prefix match');
    Compliance.suppress(stack, 'T-02', 'versioning is handled by AWS Backup here');
    Testing.synth(stack);
    const report = Compliance.of(stack).addPack(pack()).evaluate(stack);
    expect(report.findings.filter((f) => f.status === 'SUPPRESSED').map((f) => f.ruleId)).toEqual([
      'T-02',
    ]);

    const facet = defineRule({ ...namedBucketDef(), id: 'T-02.facet' });
    // the packs added above run under Testing.synth and fail on 'bad': read the JSON without them
    expect(() => Testing.synth(stack)).toThrow(/\[T-01\] aws_s3_bucket\.bad/);
    runAspects(stack);
    const r2 = evaluateStack('s', unhookedTerraform(stack), [new RulePack('p', [facet])]);
    expect(r2.findings.find((f) => f.address === 'aws_s3_bucket.bad')?.status).toBe('SUPPRESSED');
  });

  test('X-11 suppressions need a reason of at least 10 characters', () => {
    const { bad } = build();
    expect(() => Compliance.suppress(bad, 'T-01', 'because')).toThrow(
      /Invalid input for cmp\/bad:\n {2}- suppressions.T-01.reason: got 'because'; allowed: a reason of at least 10 characters/,
    );
  });

  test('X-11 short reasons in hand-written JSON are not honoured', () => {
    const json = {
      resource: {
        aws_s3_bucket: {
          x: {
            bucket: 'no',
            '//': { secure_mlops: { suppressions: [{ id: 'T-01', reason: 'short' }] } },
          },
        },
      },
    };
    const report = evaluateStack('s', json, [pack()]);
    expect(report.findings.find((f) => f.ruleId === 'T-01')?.status).toBe('NON_COMPLIANT');
  });

  test('X-11 a rule that throws is reported as non-compliant, not swallowed', () => {
    const broken = defineRule({
      id: 'T-03',
      level: RuleLevel.ERROR,
      description: 'd',
      fixHint: 'f',
      check: () => {
        throw new Error('boom');
      },
    });
    const report = evaluateStack('s', { resource: { aws_s3_bucket: { x: {} } } }, [
      new RulePack('p', [broken]),
    ]);
    expect(report.findings[0]).toMatchObject({
      status: 'NON_COMPLIANT',
      reason: 'rule raised an error: boom',
    });
  });

  test('X-11 duplicate rule ids in a pack are rejected', () => {
    expect(() => new RulePack('dup', [namedBucket, namedBucket])).toThrow(
      /duplicate rule id 'T-01'/,
    );
  });

  test('X-09 required tags rule checks taggable types and present tag maps', () => {
    const rule = requiredTagsRule('aws_', 'tags', ['aws_s3_bucket']);
    const json = {
      resource: {
        aws_s3_bucket: { untagged: {}, partial: { tags: { platform: 'p', environment: 'e' } } },
        aws_iam_policy: { p: {} },
      },
    };
    const report = evaluateStack('s', json, [new RulePack('p', [rule])]);
    expect(report.findings.map((f) => `${f.address} ${f.status} ${f.reason ?? ''}`.trim())).toEqual(
      [
        'aws_s3_bucket.partial NON_COMPLIANT missing tags: owner, data-classification, cost-center',
        'aws_s3_bucket.untagged NON_COMPLIANT no tags',
      ],
    );
  });
});

describe('X-11 rule categories, profiles and three-valued results', () => {
  const expressionAware = defineRule({
    id: 'T-10',
    level: RuleLevel.ERROR,
    description: 'Buckets have versioning on',
    fixHint: 'Set versioning',
    resourceTypes: ['aws_s3_bucket'],
    check: (r) => check(r, 'versioning.enabled', isTrue, (v) => `versioning is ${v}`),
  });
  const convention = defineRule({
    id: 'T-11',
    level: RuleLevel.ERROR,
    description: 'Buckets are protected from destroy',
    fixHint: 'prevent_destroy',
    profile: RuleProfile.PLATFORM,
    resourceTypes: ['aws_s3_bucket'],
    check: (r) => r.attributes.lifecycle?.prevent_destroy === true,
  });
  const json = {
    variable: { versioned: { type: 'bool' } },
    resource: {
      aws_s3_bucket: {
        on: { versioning: { enabled: true } },
        off: { versioning: { enabled: false } },
        input: { versioning: { enabled: '${var.versioned}' } },
      },
    },
  };

  test('X-11 an expression gives UNKNOWN, counted apart; strict turns UNKNOWN ERRORs into errors', () => {
    const pack = new RulePack('p', [expressionAware]);
    const lax = evaluateStack('s', json, [pack]);
    expect(lax.findings.map((f) => `${f.address} ${f.status}`)).toEqual([
      'aws_s3_bucket.input UNKNOWN',
      'aws_s3_bucket.off NON_COMPLIANT',
    ]);
    expect(lax.summary).toMatchObject({ compliant: 1, errors: 1, unknown: 1 });
    const strict = evaluateStack('s', json, [pack], { strict: true });
    expect(strict.summary).toMatchObject({ errors: 2, unknown: 1 });
  });

  test('X-11 a variable with a literal default is read as that default', () => {
    const withDefault = { ...json, variable: { versioned: { type: 'bool', default: true } } };
    const report = evaluateStack('s', withDefault, [new RulePack('p', [expressionAware])]);
    expect(report.summary).toMatchObject({ compliant: 2, errors: 1, unknown: 0 });
  });

  test('X-11 compliant results are counted but listed only when asked for', () => {
    const pack = new RulePack('p', [expressionAware]);
    expect(evaluateStack('s', json, [pack]).findings.some((f) => f.status === 'COMPLIANT')).toBe(
      false,
    );
    expect(
      evaluateStack('s', json, [pack], { includeCompliant: true }).findings.filter(
        (f) => f.status === 'COMPLIANT',
      ),
    ).toHaveLength(1);
  });

  test('X-11 the security profile leaves out platform conventions; the stack metadata chooses', () => {
    const pack = new RulePack('p', [expressionAware, convention]);
    const ids = (r: any) => [...new Set(r.findings.map((f: any) => f.ruleId))].sort();
    expect(ids(evaluateStack('s', json, [pack]))).toEqual(['T-10', 'T-11']);
    const security = evaluateStack('s', json, [pack], { profile: RuleProfile.SECURITY });
    expect(ids(security)).toEqual(['T-10']);
    expect(security.profile).toBe('security');
    const declared = { ...json, '//': { secure_mlops: { profile: 'security' } } };
    expect(ids(evaluateStack('s', declared, [pack]))).toEqual(['T-10']);
  });

  test('X-11 apply and reference rules must cite their source', () => {
    expect(() =>
      defineRule({ ...namedBucketDef(), id: 'T-12', category: RuleCategory.APPLY }),
    ).toThrow(/T-12: a apply rule must cite its source/);
    const cited = defineRule({
      ...namedBucketDef(),
      id: 'T-13',
      category: RuleCategory.REFERENCE,
      source: 'AWS Service Authorization Reference',
    });
    expect(cited.category).toBe('reference');
  });

  test('X-11 synth writes the profile into the stack metadata and fails on strict unknowns', () => {
    const { app, outdir } = tempApp();
    const stack = new TerraformStack(app, 'strict');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const bucket = new S3Bucket(stack, 'b', { bucket: 'ml-b' });
    bucket.addOverride('versioning.enabled', '${var.unknown}');
    Compliance.of(app).addPack(new RulePack('p', [expressionAware]));
    app.synth();
    const tf = JSON.parse(
      fs.readFileSync(path.join(outdir, 'stacks', 'strict', 'cdk.tf.json'), 'utf8'),
    );
    expect(tf['//'].secure_mlops).toEqual({ profile: 'platform' });
    const report = JSON.parse(
      fs.readFileSync(path.join(outdir, 'stacks', 'strict', 'compliance-report.json'), 'utf8'),
    );
    expect(report.summary).toMatchObject({ unknown: 1, errors: 0 });

    const strictApp = tempApp().app;
    const s2 = new TerraformStack(strictApp, 'strict');
    new AwsProvider(s2, 'aws', { region: 'eu-west-1' });
    new S3Bucket(s2, 'b', { bucket: 'ml-b' }).addOverride('versioning.enabled', '${var.unknown}');
    Compliance.of(strictApp)
      .addPack(new RulePack('p', [expressionAware]))
      .configure({ strict: true });
    expect(() => strictApp.synth()).toThrow(/UNKNOWN \[T-10\] aws_s3_bucket.b/);
  });
});

function namedBucketDef() {
  return {
    id: 'T-01',
    level: RuleLevel.ERROR,
    description: 'Buckets are named with the team prefix',
    fixHint: 'Prefix the bucket name with ml-',
    resourceTypes: ['aws_s3_bucket'],
    check: (r: ResourceView) => String(r.attributes.bucket).startsWith('ml-'),
  };
}

describe('X-11 compliance frameworks', () => {
  const tls = defineRule({
    id: 'T-20',
    level: RuleLevel.ERROR,
    description: 'Buckets deny plain HTTP',
    fixHint: 'Add the TLS deny',
    resourceTypes: ['aws_s3_bucket'],
    check: (r) => r.attributes.tls === true,
    frameworks: [{ framework: 'nist-800-53-r5', controls: ['SC-8'] }],
  });
  const named = defineRule({ ...namedBucketDef(), id: 'T-21' });
  const pack = new RulePack(
    'p',
    [tls, named],
    [{ ruleId: 'T-20', framework: 'cis-aws-3.0.0', controls: ['2.1.1'] }],
  );
  const json = {
    resource: { aws_s3_bucket: { a: { bucket: 'ml-a', tls: true }, b: { bucket: 'x' } } },
  };

  test('X-11 findings carry their controls; reports group results by framework and control', () => {
    const r = evaluateStack('s', json, [pack]);
    expect(r.findings.find((f) => f.ruleId === 'T-20')?.frameworks).toEqual([
      'nist-800-53-r5:SC-8',
      'cis-aws-3.0.0:2.1.1',
    ]);
    expect(r.findings.find((f) => f.ruleId === 'T-21')?.frameworks).toBeUndefined();
    expect(r.frameworks).toEqual([
      {
        framework: 'cis-aws-3.0.0',
        controls: [
          {
            control: '2.1.1',
            rules: ['T-20'],
            compliant: 1,
            nonCompliant: 1,
            unknown: 0,
            suppressed: 0,
          },
        ],
      },
      {
        framework: 'nist-800-53-r5',
        controls: [
          {
            control: 'SC-8',
            rules: ['T-20'],
            compliant: 1,
            nonCompliant: 1,
            unknown: 0,
            suppressed: 0,
          },
        ],
      },
    ]);
  });

  test('X-11 a framework filter runs only the rules mapped to it', () => {
    const r = evaluateStack('s', json, [pack], { framework: 'CIS-AWS-3.0.0' });
    expect([...new Set(r.findings.map((f) => f.ruleId))]).toEqual(['T-20']);
    expect(r.findings[0].frameworks).toEqual(['cis-aws-3.0.0:2.1.1']);
    expect(r.frameworks.map((f) => f.framework)).toEqual(['cis-aws-3.0.0']);
  });

  test('X-11 a mapping for a rule the pack lacks is rejected', () => {
    expect(
      () => new RulePack('p', [tls], [{ ruleId: 'T-99', framework: 'x', controls: ['1'] }]),
    ).toThrow(/framework mapping for unknown rule 'T-99'/);
  });
});

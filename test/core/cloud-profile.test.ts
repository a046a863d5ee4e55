// Core knows each cloud through the profile the cloud registers (lib/<cloud>/profile.ts).
import { cloudProfile, cloudProfiles, profileOfResourceType } from '../../lib/core/cloud-profile';
import { labelAttributeOf, PLATFORM_TAG_KEYS } from '../../lib/core/tags';
import { normalizeLocation, locationsOf } from '../../lib/core/residency';
import { REQUIRED_TAG_KEYS } from '../../lib/core/rules';
import '../../lib';

describe('cloud profiles', () => {
  test('the package root registers the three clouds, in order', () => {
    expect(cloudProfiles().map((p) => p.name)).toEqual(['aws', 'gcp', 'azure']);
  });

  test('a resource type belongs to the profile of its prefix', () => {
    expect(profileOfResourceType('aws_s3_bucket')?.name).toBe('aws');
    expect(profileOfResourceType('google_storage_bucket')?.name).toBe('gcp');
    expect(profileOfResourceType('azurerm_resource_group')?.name).toBe('azure');
    expect(profileOfResourceType('random_id')).toBeUndefined();
    expect(labelAttributeOf('random_id')).toBeUndefined();
  });

  test('X-07 zones, aliases and key ids are read by the profile of their cloud', () => {
    expect(normalizeLocation('eu-west-1a')).toBe('eu-west-1');
    expect(normalizeLocation('europe-west4-b')).toBe('europe-west4');
    expect(normalizeLocation('europe')).toBe('eu');
    expect(normalizeLocation('West Europe')).toBe('westeurope');
    expect(
      locationsOf({
        kms_key_id: 'arn:aws:kms:us-east-1:111111111111:key/abc',
        encryption: { default_kms_key_name: 'projects/p/locations/us/keyRings/r/cryptoKeys/k' },
        availability_zone: 'eu-west-1b',
        gce_zone: 'europe-west4-a',
        location: 'westeurope',
      }).map((l) => l.location),
    ).toEqual(['us-east-1', 'us', 'eu-west-1b', 'europe-west4-a', 'westeurope']);
  });

  test('the GCP profile sanitizes labels; AWS and Azure keep tags as they are', () => {
    const tags = { 'Cost Center': 'Team A' };
    expect(cloudProfile('gcp')?.toLabels?.(tags)).toEqual({ cost_center: 'team_a' });
    expect(cloudProfile('aws')?.toLabels).toBeUndefined();
    expect(cloudProfile('azure')?.toLabels).toBeUndefined();
  });

  test('X-09 one table of platform tag keys, read by Tagging and the X-09 rule', () => {
    expect(PLATFORM_TAG_KEYS.map((t) => t.key)).toEqual(REQUIRED_TAG_KEYS);
    expect(REQUIRED_TAG_KEYS).toEqual([
      'platform',
      'environment',
      'owner',
      'data-classification',
      'cost-center',
    ]);
  });
});

// a fresh module registry per test: require() is the way to load modules into it
/* eslint-disable @typescript-eslint/no-require-imports */
describe('without a cloud loaded', () => {
  test('core alone registers no profile; a deprecated validator names the entry point to load', () => {
    jest.isolateModules(() => {
      const { Validate } = require('../../lib/core/validate');
      const profiles = require('../../lib/core/cloud-profile');
      expect(profiles.cloudProfiles()).toEqual([]);
      expect(Validate.cidr('10.0.0.0/16')).toBeUndefined();
      expect(() => Validate['s3BucketName']('data')).toThrow(
        /Validate\.s3BucketName needs the aws profile, .*'cdktf-secure-mlops\/aws'/,
      );
    });
  });

  test('one cloud entry point registers that cloud only', () => {
    jest.isolateModules(() => {
      const { Validate } = require('../../lib/entrypoints/gcp');
      const profiles = require('../../lib/core/cloud-profile');
      expect(profiles.cloudProfiles().map((p: any) => p.name)).toEqual(['gcp']);
      expect(Validate['gcsBucketName']('google-data')).toMatch(/google/);
    });
  });
});

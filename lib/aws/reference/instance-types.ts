// SageMaker instance types, bundled so that synth needs no network.
//
// Source: the SageMaker API enums as the AWS SDK for Go v2 generates them from the service model,
// aws/aws-sdk-go-v2 service/sagemaker/types/enums.go (commit
// 029ffebfef8fbd53fb7fd96ed237006990204c56): `AppInstanceType.Values()` (the instance types of
// Studio apps, CreateApp ResourceSpec.InstanceType, the values of the `sagemaker:InstanceTypes`
// condition key) and `InstanceType.Values()` (notebook instances, CreateNotebookInstance
// InstanceType; terraform-provider-aws validates `instance_type` of
// aws_sagemaker_notebook_instance against the same SDK enum, internal/service/sagemaker/
// notebook_instance.go). New instance families need an update of these lists.

/** `ml.<family>.<size>` for each of the sizes, in their order. */
function family(name: string, sizes: readonly string[]): string[] {
  return sizes.map((size) => `ml.${name}.${size}`);
}

/** The sizes `xlarge` to `24xlarge`. */
const XLARGE_TO_24XLARGE = [
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '12xlarge',
  '16xlarge',
  '24xlarge',
];
/** The sizes `large` to `24xlarge` (m5, m5d, r5). */
const LARGE_TO_24XLARGE = ['large', ...XLARGE_TO_24XLARGE];
/** The sizes of the 6th generation Intel families (m6i, c6i, r6i and their `d` variants). */
const INTEL_6TH_GEN_SIZES = [...LARGE_TO_24XLARGE, '32xlarge'];
/** The sizes of the 7th generation Intel families (m7i, c7i, r7i). */
const INTEL_7TH_GEN_SIZES = [...LARGE_TO_24XLARGE, '48xlarge'];
/** The sizes of the g6 and g6e families. */
const G6_SIZES = [...XLARGE_TO_24XLARGE, '48xlarge'];
/** The sizes of the g7 and g7e families. */
const G7_SIZES = ['2xlarge', '4xlarge', '8xlarge', '12xlarge', '24xlarge', '48xlarge'];

/** The p3 to g5 run, the same in both enums. */
const P3_TO_G5 = [
  ...family('p3', ['2xlarge', '8xlarge', '16xlarge']),
  'ml.p3dn.24xlarge',
  ...family('g4dn', ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge']),
  ...family('r5', LARGE_TO_24XLARGE),
  // the enum lists 16xlarge before 12xlarge here
  ...family('g5', [
    'xlarge',
    '2xlarge',
    '4xlarge',
    '8xlarge',
    '16xlarge',
    '12xlarge',
    '24xlarge',
    '48xlarge',
  ]),
];

/** The p4d and p4de instance types, the same in both enums. */
const P4 = ['ml.p4d.24xlarge', 'ml.p4de.24xlarge'];
/** The Trainium instance types, the same in both enums. */
const TRN1 = ['ml.trn1.2xlarge', 'ml.trn1.32xlarge', 'ml.trn1n.32xlarge'];

/** The 6th and 7th generation Intel run (m6i to r6id), the same in both enums. */
const INTEL_6TH_7TH_GEN = [
  ...family('m6i', INTEL_6TH_GEN_SIZES),
  ...family('m7i', INTEL_7TH_GEN_SIZES),
  ...family('c6i', INTEL_6TH_GEN_SIZES),
  ...family('c7i', INTEL_7TH_GEN_SIZES),
  ...family('r6i', INTEL_6TH_GEN_SIZES),
  ...family('r7i', INTEL_7TH_GEN_SIZES),
  ...family('m6id', INTEL_6TH_GEN_SIZES),
  ...family('c6id', INTEL_6TH_GEN_SIZES),
  ...family('r6id', INTEL_6TH_GEN_SIZES),
];

/** Instance types of Studio apps (`AppInstanceType`), `system` included. */
export const STUDIO_APP_INSTANCE_TYPES: ReadonlySet<string> = new Set([
  'system',
  ...family('t3', ['micro', 'small', 'medium', 'large', 'xlarge', '2xlarge']),
  ...family('m5', LARGE_TO_24XLARGE),
  ...family('m5d', LARGE_TO_24XLARGE),
  ...family('c5', [
    'large',
    'xlarge',
    '2xlarge',
    '4xlarge',
    '9xlarge',
    '12xlarge',
    '18xlarge',
    '24xlarge',
  ]),
  ...P3_TO_G5,
  ...family('g6', G6_SIZES),
  ...family('g6e', G6_SIZES),
  'ml.geospatial.interactive',
  ...P4,
  ...TRN1,
  'ml.p5.48xlarge',
  'ml.p5en.48xlarge',
  'ml.p6-b200.48xlarge',
  ...INTEL_6TH_7TH_GEN,
  'ml.p5.4xlarge',
  ...family('g7', G7_SIZES),
  ...family('g7e', G7_SIZES),
]);

/** Instance types of notebook instances (`InstanceType`). */
export const NOTEBOOK_INSTANCE_TYPES: ReadonlySet<string> = new Set([
  ...family('t2', ['medium', 'large', 'xlarge', '2xlarge']),
  ...family('t3', ['medium', 'large', 'xlarge', '2xlarge']),
  ...family('m4', ['xlarge', '2xlarge', '4xlarge', '10xlarge', '16xlarge']),
  ...family('m5', ['xlarge', '2xlarge', '4xlarge', '12xlarge', '24xlarge']),
  ...family('m5d', LARGE_TO_24XLARGE),
  ...family('c4', ['xlarge', '2xlarge', '4xlarge', '8xlarge']),
  ...family('c5', ['xlarge', '2xlarge', '4xlarge', '9xlarge', '18xlarge']),
  ...family('c5d', ['xlarge', '2xlarge', '4xlarge', '9xlarge', '18xlarge']),
  ...family('p2', ['xlarge', '8xlarge', '16xlarge']),
  ...P3_TO_G5,
  ...family('inf1', ['xlarge', '2xlarge', '6xlarge', '24xlarge']),
  ...TRN1,
  ...family('inf2', ['xlarge', '8xlarge', '24xlarge', '48xlarge']),
  ...P4,
  'ml.p5.48xlarge',
  'ml.p6-b200.48xlarge',
  ...INTEL_6TH_7TH_GEN,
  ...family('g6', G6_SIZES),
  ...family('g7e', G7_SIZES),
  'ml.p5.4xlarge',
  'ml.p5en.48xlarge',
  ...family('g6e', G6_SIZES),
]);

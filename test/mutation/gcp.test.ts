// Mutation suite, GCP: one escape-hatch edit at a time on the synthesized GCP example; the pack
// at synth and the scanner CLI must both report an ERROR of the rule, naming the edited resource.
import { gcpVertexExample } from '../../examples/gcp-vertex';
import { describeMutations, Mutation } from './harness';

const S = 'gcp-vertex';

const vertex: Mutation[] = [
  // baseline exposure rules (any stack)
  {
    name: 'bucket IAM member granted to allUsers',
    rule: 'X-03.public-member',
    stack: S,
    path: 'ml-platform/data-inference-logs/storage-objectAdmin-fee3bade',
    overrides: [['member', 'allUsers']],
  },
  {
    name: 'KMS key IAM member granted to allAuthenticatedUsers',
    rule: 'X-03.public-member',
    stack: S,
    path: 'ml-platform/keys/bigquery-bigquery',
    overrides: [['member', 'allAuthenticatedUsers']],
  },
  {
    name: 'project IAM member granted to allUsers',
    rule: 'X-03.public-member',
    stack: S,
    path: 'ml-platform/project-bq-job-user-1edfd925',
    overrides: [['member', 'allUsers']],
  },
  {
    name: 'BigQuery dataset readable by allAuthenticatedUsers',
    rule: 'X-03.public-member',
    stack: S,
    path: 'ml-platform/dataset-features/dataset',
    overrides: [['access', [{ role: 'READER', special_group: 'allAuthenticatedUsers' }]]],
  },
  {
    name: 'force_destroy on the training data bucket',
    rule: 'X-08.force-destroy',
    stack: S,
    path: 'ml-platform/data-training-data/bucket',
    overrides: [['force_destroy', true]],
  },
  {
    name: 'delete_contents_on_destroy on the features dataset',
    rule: 'X-08.force-destroy',
    stack: S,
    path: 'ml-platform/dataset-features/dataset',
    overrides: [['delete_contents_on_destroy', true]],
  },
  // existing key controls
  {
    name: 'IAP SSH firewall rule opened to 0.0.0.0/0',
    rule: 'GCP-08.firewall',
    stack: S,
    path: 'ml-platform/network/allow-iap-ssh-ingress',
    overrides: [['source_ranges', ['0.0.0.0/0']]],
  },
  {
    name: 'public access prevention off on the training data bucket',
    rule: 'GCP-12.access',
    stack: S,
    path: 'ml-platform/data-training-data/bucket',
    overrides: [['public_access_prevention', 'inherited']],
  },
  {
    name: 'CMEK removed from the training data bucket',
    rule: 'GCP-06.cmek',
    stack: S,
    path: 'ml-platform/data-training-data/bucket',
    overrides: [['encryption', undefined]],
  },
  {
    name: 'key rotation period of a year',
    rule: 'GCP-06.rotation',
    stack: S,
    path: 'ml-platform/keys/compute',
    overrides: [['rotation_period', '31536000s']],
  },
  {
    name: 'Workbench instance with a public IP',
    rule: 'GCP-09',
    stack: S,
    path: 'ml-platform/workbench-alice-workbench/instance',
    overrides: [['gce_setup.disable_public_ip', false]],
  },
  {
    name: 'roles/owner granted on the project',
    rule: 'GCP-02',
    stack: S,
    path: 'ml-platform/project-bq-job-user-1edfd925',
    overrides: [['role', 'roles/owner']],
  },
  {
    name: 'prevent_destroy removed from the training data bucket',
    rule: 'X-08',
    stack: S,
    path: 'ml-platform/data-training-data/bucket',
    overrides: [['lifecycle.prevent_destroy', false]],
  },
  {
    name: 'exclusion of data-access audit logs from _Default disabled',
    rule: 'GCP-10.default-bucket',
    stack: S,
    path: 'ml-platform/audit/default-sink-exclusion',
    overrides: [['disabled', true]],
  },
  {
    name: 'platform admins given roles/monitoring.editor back',
    rule: 'GCP-14.alert-guard',
    stack: S,
    path: 'ml-platform/project-monitoring-editor-943b69ea',
    overrides: [['role', 'roles/monitoring.editor']],
  },
];

describeMutations('mutations of examples/gcp-vertex', gcpVertexExample, vertex);

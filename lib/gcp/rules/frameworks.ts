import { frameworkTable } from '../../core/compliance/framework-table';
import { FrameworkMapping } from '../../core/compliance/rule';

/*
 * Benchmark controls of the GCP rule pack (the pack's framework table, X-11).
 *
 * Sources, checked for these exact versions:
 * - CIS Google Cloud Platform Foundation Benchmark v3.0.0: control ids and titles from
 *   prowler-cloud/prowler prowler/compliance/gcp/cis_3.0_gcp.json
 *   (commit 3e000faa3109230b748e4418a13c11c9e59f5cfb), cross-checked with
 *   turbot/steampipe-mod-gcp-compliance cis_v300 (commit 3ac653021a284b68c69b14c75afa2ebc1feff665).
 * - NIST SP 800-53 Rev. 5 (5.1.1): usnistgov/oscal-content
 *   nist.gov/SP800-53/rev5/yaml/NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog.yaml
 *   (commit 88bb8deeaa815f8914d68ea7e31a622ebbc1719d); every id below is a control of that catalog.
 *
 * A rule is mapped to a control when the rule examines the resources the control is about
 * and, when compliant, establishes the control's requirement (or the named part of it) for
 * them. A rule may be stricter than a control (GCP-08.firewall: every port, CIS 3.6: SSH), and
 * a rule over several resource types counts all of them (GCP-06.cmek also judges buckets), so a
 * control reported as failing is explained by the finding's detail. The comment next to each
 * control is its title in the source above.
 *
 * Left unmapped on purpose:
 * - apply and reference rules (GCP-05.api-enabled, GCP-05.compute-agent, GCP-06.bq-expiration,
 *   GCP-07.ingress, GCP-07.resources, GCP-07.enforce-last, GCP-11.shape, GCP-12.soft-delete,
 *   GCP-14.channel-labels, GCP-14.log-alert, GCP-15.format, GCP-17.pool, X-15.*);
 * - GCP-02 for CIS 1.5 (service accounts have no admin privileges): the rule forbids five broad
 *   roles to every member, 1.5 every *Admin role to service accounts, so neither implies the other;
 * - GCP-01 for CIS 4.2: the rule does not look at access scopes;
 * - GCP-10.log-bucket for CIS 2.3: 2.3 is about Cloud Storage buckets that receive exported logs
 *   (Bucket Lock), the rule about Cloud Logging buckets;
 * - GCP-08.network (custom-mode networks): it says nothing about the project's `default`
 *   network of CIS 3.1, which the Compute API creates outside Terraform, and no 800-53 control
 *   is about subnet creation modes;
 * - GCP-11 for CIS 4.4 (OS Login): the rule judges every declared guardrail policy, not the
 *   project's OS Login setting;
 * - GCP-03.groups, GCP-05, GCP-06.region, GCP-07.membership, X-08, X-08.force-destroy, X-09:
 *   membership hygiene, apply ordering, key placement, Terraform ownership and data-retention
 *   conventions that no benchmark item or 800-53 control states.
 */

const CIS = 'cis-gcp-3.0.0';
const NIST = 'nist-800-53-r5';

/** The GCP pack's table of benchmark controls per rule id. */
export const GCP_FRAMEWORKS: FrameworkMapping[] = frameworkTable(
  // ---- CIS Google Cloud Platform Foundation Benchmark v3.0.0 ----
  {
    framework: CIS,
    rules: {
      'GCP-17': [
        '1.4', // Ensure That There Are Only GCP-Managed Service Account Keys for Each Service Account
      ],
      'X-03.public-member': [
        '1.9', // Ensure That Cloud KMS Cryptokeys Are Not Anonymously or Publicly Accessible
        '5.1', // Ensure That Cloud Storage Bucket Is Not Anonymously or Publicly Accessible
        '7.1', // Ensure That BigQuery Datasets Are Not Anonymously or Publicly Accessible
      ],
      'GCP-06.rotation': [
        '1.10', // Ensure KMS Encryption Keys Are Rotated Within a Period of 90 Days
      ],
      'GCP-10.audit-config': [
        '2.1', // Ensure That Cloud Audit Logging Is Configured Properly — the three log types, no exemptions
      ],
      'GCP-10.all-services': [
        '2.1', // Ensure That Cloud Audit Logging Is Configured Properly — allServices
      ],
      'GCP-08.firewall': [
        '3.6', // Ensure That SSH Access Is Restricted From the Internet
        '3.7', // Ensure That RDP Access Is Restricted From the Internet
      ],
      'GCP-08.subnet': [
        '3.8', // Ensure that VPC Flow Logs is Enabled for Every Subnet in a VPC Network
      ],
      'GCP-01': [
        '4.1', // Ensure That Instances Are Not Configured To Use the Default Service Account
      ],
      'GCP-09': [
        '4.8', // Ensure Compute Instances Are Launched With Shielded VM Enabled — Workbench VMs
        '4.9', // Ensure That Compute Instances Do Not Have Public IP Addresses — Workbench VMs
      ],
      'GCP-12.access': [
        '5.1', // Ensure That Cloud Storage Bucket Is Not Anonymously or Publicly Accessible — public access prevention
        '5.2', // Ensure That Cloud Storage Buckets Have Uniform Bucket-Level Access Enabled
      ],
      'GCP-06.cmek': [
        '7.3', // Ensure That a Default Customer-Managed Encryption Key (CMEK) Is Specified for All BigQuery Data Sets
      ],
    },
  },
  // ---- NIST SP 800-53 Rev. 5 ----
  {
    framework: NIST,
    rules: {
      'GCP-01': [
        'AC-6', // Least Privilege — never the default compute SA (Editor)
      ],
      'GCP-01.default-sa-guard': [
        'AC-6', // Least Privilege — the default compute SA is created without Editor
      ],
      'GCP-01.custom-code-agent': [
        'AC-6', // Least Privilege — no code runs as the Custom Code Service Agent
      ],
      'GCP-02': [
        'AC-6', // Least Privilege — no owner, editor or service admin roles
      ],
      'GCP-03': [
        'AC-6', // Least Privilege — data roles on buckets and datasets, not the project
      ],
      'GCP-04': [
        'AC-6', // Least Privilege — Vizier roles hold study/trial permissions only
      ],
      'GCP-06.rotation': [
        'SC-12', // Cryptographic Key Establishment and Management — rotation at most every 90 days
      ],
      'GCP-06.cmek': [
        'SC-28(1)', // Cryptographic Protection — data resources under a customer-managed key
      ],
      'GCP-07': [
        'AC-4', // Information Flow Enforcement — restricted services stay inside the perimeter
        'SC-7', // Boundary Protection — VPC Service Controls perimeter
      ],
      'GCP-07.enabled-services': [
        'AC-4', // Information Flow Enforcement — every enabled supported service stays inside
      ],
      'GCP-07.perimeter': [
        'SC-7', // Boundary Protection — a perimeter protects a project running Vertex AI
      ],
      'GCP-08.firewall': [
        'SC-7', // Boundary Protection — no ingress from the internet
      ],
      'GCP-08.targets': [
        'SC-7', // Boundary Protection — allow rules open named target service accounts only
      ],
      'GCP-08.subnet': [
        'AU-12', // Audit Record Generation — VPC flow logs
        'SI-4', // System Monitoring
      ],
      'GCP-09': [
        'AC-6', // Least Privilege — root access disabled
        'SC-7', // Boundary Protection — no public IP
        'SI-7', // Software, Firmware, and Information Integrity — secure boot, vTPM, integrity monitoring
      ],
      'GCP-10.audit-config': [
        'AU-2', // Event Logging — admin read, data read and data write events
        'AU-12', // Audit Record Generation
      ],
      'GCP-10.all-services': [
        'AU-2', // Event Logging — every service of the project
        'AU-12', // Audit Record Generation
      ],
      'GCP-10.log-bucket': [
        'AU-9', // Protection of Audit Information — CMEK, locked bucket
        'AU-11', // Audit Record Retention — retention days, locked
      ],
      'GCP-10.sink-guard': [
        'AU-9(4)', // Access by Subset of Privileged Users — nobody of the stack can redirect the audit sink
      ],
      'GCP-10.default-bucket': [
        'AU-9', // Protection of Audit Information — no copy of data access logs outside the CMEK, locked bucket
      ],
      'GCP-11': [
        'CM-6', // Configuration Settings — guardrail organization policies enforced
      ],
      'GCP-12.access': [
        'AC-3', // Access Enforcement — uniform bucket-level access, public access prevention
      ],
      'GCP-12.lifecycle': [
        'CP-9', // System Backup — object versioning
        'SI-12', // Information Management and Retention — lifecycle deletion
      ],
      'GCP-12.logging': [
        'AU-12', // Audit Record Generation — bucket usage logs
      ],
      'GCP-13': [
        'RA-5', // Vulnerability Monitoring and Scanning — Artifact Registry scanning not disabled
      ],
      'GCP-14': [
        'SI-4(5)', // System-generated Alerts — alert policies notify a channel
      ],
      'GCP-14.alert-guard': [
        'AC-5', // Separation of Duties — the people the alerts watch cannot change or silence them
      ],
      'GCP-15': [
        'SC-7', // Boundary Protection — private Vertex AI endpoints
      ],
      'GCP-17': [
        'IA-5', // Authenticator Management — no long-lived service account keys
      ],
      'X-03.public-member': [
        'AC-3', // Access Enforcement — nothing granted to allUsers or allAuthenticatedUsers
      ],
    },
  },
);

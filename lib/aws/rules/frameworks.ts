import { frameworkTable } from '../../core/compliance/framework-table';
import { FrameworkMapping } from '../../core/compliance/rule';

/*
 * Benchmark controls of the AWS rule pack (the pack's framework table, X-11).
 *
 * Sources, checked for these exact versions:
 * - CIS Amazon Web Services Foundations Benchmark v3.0.0: control ids and titles from
 *   prowler-cloud/prowler prowler/compliance/aws/cis_3.0_aws.json
 *   (commit 3e000faa3109230b748e4418a13c11c9e59f5cfb), cross-checked with
 *   turbot/steampipe-mod-aws-compliance cis_v300/section_1..5 (commit a1d0b446ef9b96ea64980859fc063d70da20778e).
 * - NIST SP 800-53 Rev. 5 (5.1.1): usnistgov/oscal-content
 *   nist.gov/SP800-53/rev5/yaml/NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog.yaml
 *   (commit 88bb8deeaa815f8914d68ea7e31a622ebbc1719d); every id below is a control of that catalog.
 *
 * A rule is mapped to a control when the rule examines the resources the control is about
 * and, when compliant, establishes the control's requirement (or the named part of it) for
 * them. A rule may be stricter than a control (X-05.sg-ingress: every port, CIS 5.2: the
 * administration ports), so a control reported as failing is explained by the finding's detail.
 * The comment next to each control is its title in the source above.
 *
 * Left unmapped on purpose:
 * - apply and reference rules (X-10.*, X-15.*): they encode what the AWS APIs accept, no control;
 * - AWS-07.logging for CIS 3.4 (access logging on the CloudTrail bucket): the rule checks every
 *   bucket and cannot tell the trail's bucket from others, so its failures are not 3.4's;
 * - X-05.sg-ingress for CIS 5.4 and X-03.public-acl for CIS 2.1.4, although their `source` cites
 *   them: 5.4 wants the default security group to have no rule at all (the rule only forbids
 *   ingress from the internet), 2.1.4 wants the Block Public Access settings (checked by
 *   AWS-07.public-access, not by an ACL rule);
 * - AWS-02.private-dns, AWS-04, AWS-08, AWS-09, AWS-12, AWS-26, X-08, X-08.force-destroy, X-09:
 *   name resolution, profile wiring, usability and data-retention conventions of this library
 *   that no benchmark item or 800-53 control states.
 */

const CIS = 'cis-aws-3.0.0';
const NIST = 'nist-800-53-r5';

/** The AWS pack's table of benchmark controls per rule id. */
export const AWS_FRAMEWORKS: FrameworkMapping[] = frameworkTable(
  // ---- CIS Amazon Web Services Foundations Benchmark v3.0.0 ----
  {
    framework: CIS,
    rules: {
      'X-03': [
        '1.16', // Ensure IAM policies that allow full "*:*" administrative privileges are not attached
      ],
      'AWS-07.tls': [
        '2.1.1', // Ensure S3 Bucket Policy is set to deny HTTP requests
      ],
      'AWS-07.public-access': [
        '2.1.4', // Ensure that S3 Buckets are configured with 'Block public access (bucket settings)'
      ],
      'AWS-22': [
        '3.1', // Ensure CloudTrail is enabled in all regions — the multi-region part
        '3.2', // Ensure CloudTrail log file validation is enabled
        '3.5', // Ensure CloudTrail logs are encrypted at rest using KMS CMKs
      ],
      'X-06.trail-logging': [
        '3.1', // Ensure CloudTrail is enabled in all regions — the IsLogging part
      ],
      'AWS-05.key': [
        '3.6', // Ensure rotation for customer created symmetric CMKs is enabled
      ],
      'AWS-27': [
        '3.7', // Ensure VPC flow logging is enabled in all VPCs
      ],
      'X-05.sg-ingress': [
        '5.2', // Ensure no security groups allow ingress from 0.0.0.0/0 to remote server administration ports
        '5.3', // Ensure no security groups allow ingress from ::/0 to remote server administration ports
      ],
    },
  },
  // ---- NIST SP 800-53 Rev. 5 ----
  {
    framework: NIST,
    rules: {
      'AWS-01': [
        'SC-7', // Boundary Protection — VpcOnly domain in private subnets with security groups
      ],
      'AWS-02.endpoints': [
        'SC-7', // Boundary Protection — AWS APIs reached through interface endpoints
      ],
      'AWS-02.s3-gateway-policy': [
        'AC-4', // Information Flow Enforcement — the S3 endpoint admits only named buckets
      ],
      'AWS-05': [
        'SC-28(1)', // Cryptographic Protection — domain EFS/EBS under a customer managed key
      ],
      'AWS-05.key': [
        'SC-12', // Cryptographic Key Establishment and Management — rotation, deletion window
      ],
      'AWS-05.service-principals': [
        'AC-3', // Access Enforcement — AWS services use the key only for this account's resources
      ],
      'AWS-24.register-pending': [
        'AC-5', // Separation of Duties — who registers a model version does not approve it
      ],
      'AWS-06': [
        'SC-28(1)', // Cryptographic Protection — shared notebooks encrypted with a KMS key
      ],
      'AWS-07.encryption': [
        'SC-28(1)', // Cryptographic Protection — SSE-KMS with a customer managed key
      ],
      'AWS-07.versioning': [
        'CP-9', // System Backup — earlier object versions stay recoverable
      ],
      'AWS-07.public-access': [
        'AC-3', // Access Enforcement — public ACLs and policies blocked
      ],
      'AWS-07.ownership': [
        'AC-3', // Access Enforcement — ACLs disabled, access decided by policies only
      ],
      'AWS-07.tls': [
        'SC-8', // Transmission Confidentiality and Integrity
        'SC-8(1)', // Cryptographic Protection — requests without TLS denied
      ],
      'AWS-07.logging': [
        'AU-12', // Audit Record Generation — S3 server access logs
      ],
      'AWS-07.lifecycle': [
        'SI-12', // Information Management and Retention — lifecycle expiration rules
      ],
      'AWS-09.source-identity': [
        'AU-3', // Content of Audit Records — CloudTrail records name the user profile
      ],
      'AWS-10': [
        'AC-3', // Access Enforcement — presigned URLs only for the caller's own profile
      ],
      'AWS-16': [
        'SC-28(1)', // Cryptographic Protection — endpoint volumes and captured data
      ],
      'AWS-19': [
        'AC-6', // Least Privilege — custom images run as a non-root user
      ],
      'AWS-20': [
        'AC-12', // Session Termination — idle JupyterLab apps are shut down
      ],
      'AWS-21': [
        'AU-9', // Protection of Audit Information — log groups under a customer managed key
        'AU-11', // Audit Record Retention — a retention period is set
      ],
      'AWS-22': [
        'AU-9', // Protection of Audit Information — trail logs KMS-encrypted
        'AU-9(3)', // Cryptographic Protection — log file validation (signed digests)
        'AU-12', // Audit Record Generation — events of every region
      ],
      'AWS-23': [
        'SC-28(1)', // Cryptographic Protection — SNS topics KMS-encrypted
      ],
      'AWS-24': [
        'AC-3', // Access Enforcement — named principals only
        'AC-6', // Least Privilege — no model approval granted across accounts
      ],
      'AWS-27': [
        'AU-12', // Audit Record Generation — VPC flow logs
        'SI-4', // System Monitoring
      ],
      'AWS-31': [
        'AC-6', // Least Privilege — root access disabled
        'SC-7', // Boundary Protection — no direct internet access, in a VPC subnet
        'SC-28(1)', // Cryptographic Protection — a KMS key for the storage volume
      ],
      'X-03': [
        'AC-6', // Least Privilege — no wildcard actions or broad managed policies
      ],
      'X-03.public-principal': [
        'AC-3', // Access Enforcement — no policy grants a public principal
      ],
      'X-03.public-acl': [
        'AC-3', // Access Enforcement — no ACL grants AllUsers or AuthenticatedUsers
      ],
      'X-05.sg-ingress': [
        'SC-7', // Boundary Protection — no ingress from the internet
      ],
      'X-05.sg-egress': [
        'SC-7', // Boundary Protection — no egress to the internet
      ],
      'X-06.trail-logging': [
        'AU-12', // Audit Record Generation — the trail is logging
      ],
    },
  },
);

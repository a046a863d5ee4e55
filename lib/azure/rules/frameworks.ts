import { frameworkTable } from '../../core/compliance/framework-table';
import { FrameworkMapping } from '../../core/compliance/rule';

/*
 * Benchmark controls of the Azure rule pack (the pack's framework table, X-11).
 *
 * Sources, checked for these exact versions:
 * - CIS Microsoft Azure Foundations Benchmark v3.0.0: control ids and titles from
 *   prowler-cloud/prowler prowler/compliance/azure/cis_3.0_azure.json
 *   (commit 3e000faa3109230b748e4418a13c11c9e59f5cfb), cross-checked with
 *   turbot/steampipe-mod-azure-compliance cis_v300 (commit 464a8efe3c4bb5eb208e00e7369bd0b4577ac834).
 *   In v3.0.0 Key Vault is section 3.3, storage 4, databases 5, logging 6, networking 7.
 * - NIST SP 800-53 Rev. 5 (5.1.1): usnistgov/oscal-content
 *   nist.gov/SP800-53/rev5/yaml/NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog.yaml
 *   (commit 88bb8deeaa815f8914d68ea7e31a622ebbc1719d); every id below is a control of that catalog.
 *
 * A rule is mapped to a control when the rule examines the resources the control is about
 * and, when compliant, establishes the control's requirement (or the named part of it) for
 * them. A rule may check more than a control (AZ-04 checks nine storage settings, X-05.nsg-inbound
 * every port), so a control reported as failing is explained by the finding's detail. The
 * comment next to each control is its title in the source above.
 *
 * Left unmapped on purpose:
 * - apply and reference rules (AZ-02.cosmos-key-access, AZ-02.rotation-limits,
 *   AZ-03.data-plane-create, AZ-04.data-plane, AZ-04.container-data-plane,
 *   AZ-04.system-datastores, AZ-06.dns-zone-unique, AZ-08.instance-network,
 *   AZ-08.serverless-public-ip, AZ-09.duplicate-assignment, AZ-09.propagation,
 *   AZ-09.role-definition-name, AZ-11.diagnostic-limits, X-15.*);
 * - X-05.ip-rules for CIS 4.7, although its `source` cites it: 4.7 is the storage account's
 *   default network action (checked by AZ-04), the rule judges the IP rule entries;
 * - AZ-11.activity-log for CIS 6.1.2: 6.1.2 also wants the Alert category, the rule requires
 *   Administrative, Security and Policy;
 * - AZ-02.rotation for CIS 3.3.1/3.3.2 (key expiration date): the rule checks the rotation
 *   policy's expiry of new versions, not the key's own expiration date;
 * - AZ-02.storage for CIS 6.1.3 (CMK on the activity-log storage account): the rule cannot tell
 *   that account from others;
 * - AZ-11.alert-actions for CIS 6.2.x (activity log alerts exist for given operations): the
 *   rule checks that an alert rule notifies someone, not which operations alert;
 * - AZ-11.app-insights: instrumentation-key authentication of ingestion is service
 *   authentication, and Application Insights existing (CIS 6.3.1) is not what it checks;
 * - AZ-07.image-build, AZ-13 (for 800-53), X-08, X-08.force-destroy, X-09: build wiring and
 *   this library's data-retention and tagging conventions.
 */

const CIS = 'cis-azure-3.0.0';
const NIST = 'nist-800-53-r5';

/** The Azure pack's table of benchmark controls per rule id. */
export const AZURE_FRAMEWORKS: FrameworkMapping[] = frameworkTable(
  // ---- CIS Microsoft Azure Foundations Benchmark v3.0.0 ----
  {
    framework: CIS,
    rules: {
      'X-03.custom-role-wildcards': [
        '2.23', // Ensure That No Custom Subscription Administrator Roles Exist
      ],
      'AZ-03': [
        '3.3.5', // Ensure the Key Vault is Recoverable — purge protection, soft delete
        '3.3.6', // Enable Role Based Access Control for Azure Key Vault
      ],
      'AZ-02.rotation': [
        '3.3.8', // Ensure Automatic Key Rotation is Enabled Within Azure Key Vault for the Supported Services
      ],
      'AZ-04': [
        '4.1', // Ensure that 'Secure transfer required' is set to 'Enabled'
        '4.2', // Ensure that 'Enable Infrastructure Encryption' for Each Storage Account in Azure Storage is Set to 'enabled'
        '4.7', // Ensure Default Network Access Rule for Storage Accounts is Set to Deny
        '4.10', // Ensure Soft Delete is Enabled for Azure Containers and Blob Storage
        '4.15', // Ensure the 'Minimum TLS version' for storage accounts is set to 'Version 1.2'
        '4.17', // Ensure that 'Allow Blob Anonymous Access' is set to 'Disabled'
      ],
      'AZ-02.storage': [
        '4.11', // Ensure Storage for Critical Data are Encrypted with Customer Managed Keys (CMK)
      ],
      'X-05.ip-rules': [
        '5.1.2', // Ensure no Azure SQL Databases allow ingress from 0.0.0.0/0 (ANY IP)
        '5.2.5', // Ensure 'Allow public access from any Azure service within Azure to this server' for PostgreSQL flexible server is disabled
      ],
      'AZ-11.activity-log': [
        '6.1.1', // Ensure that a 'Diagnostic Setting' exists for Subscription Activity Logs
      ],
      'AZ-11.diagnostics': [
        '6.1.4', // Ensure that logging for Azure Key Vault is 'Enabled'
        '6.4', // Ensure that Azure Monitor Resource Logging is Enabled for All Services that Support it — workspace, Key Vault, registry
      ],
      'X-05.nsg-inbound': [
        '7.1', // Ensure that RDP access from the Internet is evaluated and restricted
        '7.2', // Ensure that SSH access from the Internet is evaluated and restricted
        '7.3', // Ensure that UDP access from the Internet is evaluated and restricted
        '7.4', // Ensure that HTTP(S) access from the Internet is evaluated and restricted
      ],
      'AZ-13': [
        '10.1', // Ensure that Resource Locks are set for Mission-Critical Azure Resources
      ],
    },
  },
  // ---- NIST SP 800-53 Rev. 5 ----
  {
    framework: NIST,
    rules: {
      'AZ-01': [
        'SC-7', // Boundary Protection — workspace public network access off
      ],
      'AZ-02.workspace': [
        'SC-28(1)', // Cryptographic Protection — workspace under a customer-managed key
      ],
      'AZ-02.storage': [
        'SC-28(1)', // Cryptographic Protection — storage under a customer-managed key
      ],
      'AZ-02.registry': [
        'SC-28(1)', // Cryptographic Protection — registry under a customer-managed key
      ],
      'AZ-02.rotation': [
        'SC-12', // Cryptographic Key Establishment and Management — automatic rotation, expiry
      ],
      'AZ-03': [
        'AC-3', // Access Enforcement — RBAC authorization
        'SC-7', // Boundary Protection — network ACL default deny, public access off
        'SC-12', // Cryptographic Key Establishment and Management — purge protection, soft delete
      ],
      'AZ-04': [
        'AC-3', // Access Enforcement — no anonymous blob access
        'CP-9', // System Backup — blob versioning, blob and container soft delete
        'IA-2', // Identification and Authentication (Organizational Users) — shared keys off
        'SC-7', // Boundary Protection — network rules default Deny
        'SC-8', // Transmission Confidentiality and Integrity
        'SC-8(1)', // Cryptographic Protection — HTTPS only, TLS 1.2
        'SC-28(1)', // Cryptographic Protection — infrastructure encryption
      ],
      'AZ-05': [
        'AC-3', // Access Enforcement — anonymous pull off
        'IA-2', // Identification and Authentication (Organizational Users) — admin account off
        'SC-7', // Boundary Protection — public network access off
      ],
      'AZ-06': [
        'SC-7', // Boundary Protection — the workspace is reached through a private endpoint
      ],
      'AZ-07': [
        'SC-7', // Boundary Protection — managed VNet isolation
      ],
      'AZ-08.cluster': [
        'IA-2', // Identification and Authentication (Organizational Users) — local auth off
        'SC-7', // Boundary Protection — no public IP, no public SSH
      ],
      'AZ-08.instance': [
        'IA-2', // Identification and Authentication (Organizational Users) — local auth off
        'SC-7', // Boundary Protection — no public IP, no SSH
      ],
      'AZ-09': [
        'AC-6', // Least Privilege — no Owner/Contributor/access admin at subscription scope
      ],
      'AZ-09.custom-roles': [
        'AC-6', // Least Privilege — no wildcard or authorization-write actions
      ],
      'AZ-09.delegation': [
        'AC-5', // Separation of Duties — a delegated role administrator cannot grant itself
        'AC-6', // Least Privilege — delegation limited to named roles and principals
      ],
      'AZ-11.private-link': [
        'SC-7', // Boundary Protection — no public ingestion or query
      ],
      'AZ-11.diagnostics': [
        'AU-2', // Event Logging — all resource logs
        'AU-12', // Audit Record Generation
      ],
      'AZ-11.activity-log': [
        'AU-2', // Event Logging — Administrative, Security, Policy
        'AU-12', // Audit Record Generation
      ],
      'AZ-12': [
        'CM-6', // Configuration Settings — the Azure ML guardrail policies are assigned
      ],
      'X-03.custom-role-wildcards': [
        'AC-6', // Least Privilege — no custom subscription administrator role
      ],
      'X-05.nsg-inbound': [
        'SC-7', // Boundary Protection — no inbound from the internet
      ],
      'X-05.ip-rules': [
        'SC-7', // Boundary Protection — no firewall entry admits the internet or all of Azure
      ],
    },
  },
);

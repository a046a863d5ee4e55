// X-10 property tests of the exported Azure parts taken alone (HardenedKeyVault,
// AzureSecureStorageAccount, AzureSecureContainerRegistry, AzurePrivateNetwork, PrivateLinkSet,
// AzureMlCompute, AzurePersonaRbac, AzureMlPolicyAssignments, AzureResourceLocks,
// AzureDiagnostics, AzureSecurityAlerts, the azapi binding): a mutated prop gives a clean synth (no ERROR finding of
// the rules that apply to the part alone) or a ValidationError naming props.
// Seeded (harness.ts); PROPERTY_RUNS=N PROPERTY_SEED=S for longer runs.
import { assertNoSilentBadInput, baselineOutcome } from './harness';
import { SUBJECTS } from './azure-subjects';

/** Default runs per part (a part synthesizes in about 0.05-0.2 s). */
const RUNS = 50;

const PARTS = [
  'keyVault',
  'storage',
  'registry',
  'network',
  'privateLink',
  'compute',
  'rbac',
  'policies',
  'locks',
  'diagnostics',
  'alerts',
  'azapi',
] as const;

describe('X-10 Azure parts under random bad input (property)', () => {
  for (const name of PARTS) {
    test(`X-10 ${name}: the baseline synthesizes cleanly; a mutated prop gives a clean synth or a ValidationError naming props`, () => {
      const subject = SUBJECTS[name] as any;
      expect(baselineOutcome(subject)).toEqual({ kind: 'ok' });
      assertNoSilentBadInput(subject, RUNS);
    });
  }
});

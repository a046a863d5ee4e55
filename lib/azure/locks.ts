import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { Construct } from 'constructs';

/** Props of {@link AzureResourceLocks}. */
export interface AzureResourceLocksProps {
  /** Resources to lock, by a short stable key (used in the lock name and construct id). */
  readonly resources: { [key: string]: string };
  /**
   * Lock level: 'CanNotDelete' or 'ReadOnly'.
   * @default 'CanNotDelete'
   */
  readonly level?: string;
  /**
   * Note on each lock.
   * @default - explains the lock and how to remove it
   */
  readonly notes?: string;
}

/** `CanNotDelete` management locks on stateful resources (AZ-13, part of X-08). */
export class AzureResourceLocks extends Construct {
  /** Locks by key. */
  public readonly locks: { [key: string]: ManagementLock } = {};

  constructor(scope: Construct, id: string, props: AzureResourceLocksProps) {
    super(scope, id);
    for (const key of Object.keys(props.resources).sort()) {
      this.locks[key] = new ManagementLock(this, key, {
        name: `lock-${key}`,
        scope: props.resources[key],
        lockLevel: props.level ?? 'CanNotDelete',
        notes:
          props.notes ??
          'secure-mlops: protects platform data from deletion (X-08). Remove this lock deliberately before a planned teardown.',
      });
    }
  }
}

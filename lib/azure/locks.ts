import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { Construct } from 'constructs';
import { requireProps, Validator } from '../core/errors';
import { str } from './validation';

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
    props = requireProps(this, props, true);
    const v = new Validator(this);
    if (v.object('resources', props.resources, { optional: false })) {
      for (const [key, resourceId] of Object.entries(props.resources)) {
        // The key names the lock ('lock-' + key: 1-90 letters, digits, '.', '_', '-', '()') and its construct.
        v.require(
          /^[A-Za-z0-9_()-]([A-Za-z0-9._()-]{0,83}[A-Za-z0-9_()-])?$/.test(key),
          `resources.${key}`,
          key,
          "a key of 1-85 letters, digits, '.', '_', '-' and parentheses, not ending with '.' (the lock is named lock-<key>)",
        );
        str(v, `resources.${key}`, resourceId);
      }
    }
    v.enumValue('level', props.level, ['CanNotDelete', 'ReadOnly']);
    if (str(v, 'notes', props.notes, true) && typeof props.notes === 'string') {
      v.require(props.notes.length <= 512, 'notes', props.notes, 'at most 512 characters');
    }
    v.throwIfInvalid();
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

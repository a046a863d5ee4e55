import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { Construct } from 'constructs';
import { requireProps, Validator } from '../core/errors';
import { lockDefaults } from './defaults';
import { AzureLockOptions, checkPartOptions } from './part-options';
import { str } from './validation';

/** Props of {@link AzureResourceLocks}. */
export interface AzureResourceLocksProps {
  /** Resources to lock, by a short stable key (used in the lock name and construct id). */
  readonly resources: { [key: string]: string };
  /**
   * Kind and note of every lock (the uniform lock shape; each lock is named 'lock-' + its key, so `name` is not accepted).
   * @default - CanNotDelete, with a note that explains the lock and how to remove it
   */
  readonly lock?: AzureLockOptions;
  /**
   * Lock level: 'CanNotDelete' or 'ReadOnly'.
   * @default 'CanNotDelete'
   * @deprecated use `lock.kind`
   */
  readonly level?: string;
  /**
   * Note on each lock.
   * @default - explains the lock and how to remove it
   * @deprecated use `lock.notes`
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
    checkPartOptions(v, { lock: props.lock });
    const lock = props.lock ?? {};
    const legacy = (['level', 'notes'] as const).filter((k) => props[k] !== undefined);
    if (props.lock !== undefined && legacy.length > 0) {
      v.add(
        'lock',
        `lock and ${legacy.join(', ')}`,
        `lock alone (${legacy.join(', ')} ${legacy.length > 1 ? 'are' : 'is'} deprecated: move ${legacy.length > 1 ? 'them' : 'it'} into lock as kind and notes)`,
      );
    }
    if (lock.name !== undefined) {
      v.add('lock.name', lock.name, "unset (each lock is named 'lock-' + its key)");
    }
    v.throwIfInvalid();
    const d = lockDefaults();
    for (const key of Object.keys(props.resources).sort()) {
      this.locks[key] = new ManagementLock(this, key, {
        name: `lock-${key}`,
        scope: props.resources[key],
        lockLevel: lock.kind ?? props.level ?? d.kind,
        notes: lock.notes ?? props.notes ?? d.notes,
      });
    }
  }
}

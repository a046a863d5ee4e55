import { ResourceView } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { isExpression } from '../../core/rules/attributes';

/**
 * The provider configuration a resource uses: the `provider` meta-argument (`azurerm.alias`)
 * or the default configuration (no alias). Undefined when the stack has none (e.g. a module),
 * `'expression'` when the reference cannot be resolved.
 */
export function providerOf(
  stack: StackView,
  r: ResourceView,
  type: string,
): { [key: string]: any } | undefined | 'expression' {
  const ref = r.attributes?.provider;
  const list = stack.providers(type);
  if (ref === undefined) return list.find((p) => p?.alias === undefined);
  if (isExpression(ref)) return 'expression';
  const alias = String(ref).split('.')[1];
  return list.find((p) => p?.alias === alias);
}

export { preventDestroyRule } from './x-08';
export { requiredTagsRule, REQUIRED_TAG_KEYS } from './x-09';
export type { ProviderDefaultTags } from './x-09';

export { preventDestroyRule } from './x-08-prevent-destroy';
export { requiredTagsRule, REQUIRED_TAG_KEYS } from './x-09-required-tags';
export type { ProviderDefaultTags } from './x-09-required-tags';

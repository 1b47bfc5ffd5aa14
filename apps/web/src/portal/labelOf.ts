import { keyOf, Translate } from '../i18n';
import { ENUM_LABEL_PREFIX, LabelledEnum } from './labels';

/**
 * An enum value of the contract in words (`labelOf(t, 'Aggregation', 'ZSCORE')` → 标准分); a
 * value this app does not know yet reads "未知", never the raw value.
 */
export function labelOf(t: Translate, name: LabelledEnum, value: string): string {
  return t(keyOf(ENUM_LABEL_PREFIX[name], value, 'unknownValue'));
}

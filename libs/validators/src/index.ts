export {
  CREDIT_CODE_ALPHABET,
  CREDIT_CODE_AUTHORITIES,
  completeCreditCode,
  creditCodeCheckCharacter,
  creditCodeProblem,
  isValidCreditCode,
  normaliseCreditCode,
  organisationCodeCheckCharacter,
} from './credit-code';
export type { CreditCodeProblem } from './credit-code';
export {
  PATENT_MAX_YEAR,
  PATENT_MIN_YEAR,
  PATENT_TYPE_DIGITS,
  isValidPatentNumber,
  normalisePatentNumber,
  patentCheckCharacter,
  patentNumberProblem,
} from './patent-number';
export type { PatentNumberProblem } from './patent-number';
export {
  GUANGXI_CITIES,
  PROVINCE_LEVEL_PREFIXES,
  isValidRegionCode,
  provinceOf,
} from './region-code';
export type { RegionEntry } from './region-code';

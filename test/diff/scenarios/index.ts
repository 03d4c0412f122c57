import { propertyScenarios, renameScenarios, requiredScenarios } from './properties.js';
import type { Scenario } from './scenario.js';
import { itemCountScenarios, itemsScenarios, lengthScenarios, multipleOfScenarios, rangeScenarios, uniqueItemsScenarios } from './limits.js';
import { formatScenarios, patternScenarios } from './strings.js';
import { defaultScenarios, deprecatedScenarios, readWriteScenarios } from './sites.js';
import { additionalPropertiesScenarios, allOfScenarios, alternativesScenarios, discriminatorScenarios } from './structure.js';
import { constScenarios, enumScenarios, nullableScenarios, typeScenarios } from './values.js';

/** Every rule family's scenarios, by family. */
export const scenariosByFamily: Record<string, Scenario[]> = {
  properties: propertyScenarios,
  required: requiredScenarios,
  rename: renameScenarios,
  type: typeScenarios,
  nullable: nullableScenarios,
  enum: enumScenarios,
  const: constScenarios,
  format: formatScenarios,
  pattern: patternScenarios,
  range: rangeScenarios,
  length: lengthScenarios,
  'item-count': itemCountScenarios,
  'multiple-of': multipleOfScenarios,
  'unique-items': uniqueItemsScenarios,
  items: itemsScenarios,
  'additional-properties': additionalPropertiesScenarios,
  alternatives: alternativesScenarios,
  'all-of': allOfScenarios,
  discriminator: discriminatorScenarios,
  default: defaultScenarios,
  'read-write': readWriteScenarios,
  deprecated: deprecatedScenarios,
};

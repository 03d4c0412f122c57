import type { SchemaRule } from '../rule.js';
import { additionalPropertiesRule } from './additional-properties.js';
import { allOfRule } from './all-of.js';
import { alternativesRule } from './alternatives.js';
import { constRule } from './const.js';
import { defaultRule } from './default.js';
import { deprecatedRule } from './deprecated.js';
import { discriminatorRule } from './discriminator.js';
import { enumRule } from './enum.js';
import { formatRule } from './format.js';
import { itemCountRule } from './item-count.js';
import { itemsRule } from './items.js';
import { lengthRule } from './length.js';
import { multipleOfRule } from './multiple-of.js';
import { nullable } from './nullable.js';
import { patternRule } from './pattern.js';
import { propertyAdded } from './property-added.js';
import { propertyRemoved } from './property-removed.js';
import { propertyRenamed } from './property-renamed.js';
import { propertyRequired } from './property-required.js';
import { rangeRule } from './range.js';
import { readWriteRule } from './read-write.js';
import { typeChanged } from './type-changed.js';
import { uniqueItemsRule } from './unique-items.js';

/** Every schema rule family, in the order their checks run on a pair of nodes. */
export const schemaRules: readonly SchemaRule[] = [
  propertyRemoved,
  propertyAdded,
  propertyRenamed,
  propertyRequired,
  typeChanged,
  nullable,
  enumRule,
  constRule,
  formatRule,
  patternRule,
  rangeRule,
  lengthRule,
  itemCountRule,
  multipleOfRule,
  uniqueItemsRule,
  itemsRule,
  additionalPropertiesRule,
  alternativesRule,
  allOfRule,
  discriminatorRule,
  defaultRule,
  readWriteRule,
  deprecatedRule,
];

export const nodeRules: readonly SchemaRule[] = schemaRules.filter((rule) => rule.scope === 'node');
export const siteRules: readonly SchemaRule[] = schemaRules.filter((rule) => rule.scope === 'site');

import type { SchemaRule } from '../rule.js';
import { nullable } from './nullable.js';
import { propertyAdded } from './property-added.js';
import { propertyRemoved } from './property-removed.js';
import { propertyRequired } from './property-required.js';
import { typeChanged } from './type-changed.js';

/** Every schema rule family, in the order their checks run on a pair of nodes. */
export const schemaRules: readonly SchemaRule[] = [propertyRemoved, propertyAdded, propertyRequired, typeChanged, nullable];

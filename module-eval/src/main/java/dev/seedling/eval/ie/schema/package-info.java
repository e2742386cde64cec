/**
 * Extraction schemas: entity, relation and event classes ({@link dev.seedling.eval.ie.schema.ClassDef}) with
 * descriptions, examples, parents and event roles, and the {@link dev.seedling.eval.ie.schema.SchemaRegistry} that maps
 * labels in any language (人物, 사람, Person) to one canonical class. Loaded from JSON by
 * {@link dev.seedling.eval.ie.schema.SchemaLoader}. Nothing here renders code or talks to a model.
 */
package dev.seedling.eval.ie.schema;

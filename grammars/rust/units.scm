; Units of a Rust file: functions, impl blocks (a class named after the implementing type; their
; functions become methods), structs, enums, unions and traits (as classes). Attributes
; (`#[derive(...)]`) and `///` comments directly above an item travel with it (units.py). Modules
; are glue: their items are top-level units. Trait method signatures without a body are glue.

(function_item name: (identifier) @name) @definition.function

(impl_item
  type: [(type_identifier) @name
         (generic_type type: (type_identifier) @name)
         (scoped_type_identifier name: (type_identifier) @name)
         (generic_type type: (scoped_type_identifier name: (type_identifier) @name))
         (reference_type type: (type_identifier) @name)
         (primitive_type) @name]) @definition.class

(struct_item name: (type_identifier) @name) @definition.class
(enum_item name: (type_identifier) @name) @definition.class
(union_item name: (type_identifier) @name) @definition.class
(trait_item name: (type_identifier) @name) @definition.class

; Units of a Java file: classes, interfaces, enums and records (as classes), and the methods and
; constructors with a body declared directly in them. Abstract and interface methods without a body
; stay in their type's glue; methods of anonymous classes and lambdas belong to the enclosing method.

(class_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.class
(enum_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(annotation_type_declaration name: (identifier) @name) @definition.class

(class_declaration
  body: (class_body
    [(method_declaration name: (identifier) @name body: (block))
     (constructor_declaration name: (identifier) @name)] @definition.method))
(record_declaration
  body: (class_body
    [(method_declaration name: (identifier) @name body: (block))
     (constructor_declaration name: (identifier) @name)
     (compact_constructor_declaration name: (identifier) @name)] @definition.method))
(interface_declaration
  body: (interface_body
    (method_declaration name: (identifier) @name body: (block)) @definition.method))
(enum_declaration
  body: (enum_body
    (enum_body_declarations
      [(method_declaration name: (identifier) @name body: (block))
       (constructor_declaration name: (identifier) @name)] @definition.method)))

; A method on its own (a translated method, before it is put back into its class) parses at the top
(program (method_declaration name: (identifier) @name body: (block)) @definition.function)

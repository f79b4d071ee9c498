; Units of a C# file: classes, structs, interfaces, records and enums (as classes), and the methods,
; constructors and destructors with a body declared in them (block or `=> expression;`). Attributes
; are inside the declaration node; namespaces are glue. Local functions belong to their method.

(class_declaration name: (identifier) @name) @definition.class
(struct_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(enum_declaration name: (identifier) @name) @definition.class

(declaration_list
  [(method_declaration name: (identifier) @name body: (_))
   (constructor_declaration name: (identifier) @name body: (_))
   (destructor_declaration name: (identifier) @name body: (_))] @definition.method)

; A method on its own (a translated method, or a top-level-statements file) is a local function
(compilation_unit
  (global_statement (local_function_statement name: (identifier) @name body: (_))) @definition.function)

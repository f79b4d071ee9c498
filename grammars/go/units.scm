; Units of a Go file: functions, methods and struct types. Methods are top-level in Go; the receiver
; type is captured as @scope, so `func (q *Queue) Push` is the method `Queue.Push`. Interfaces and
; other type declarations are glue.

(function_declaration name: (identifier) @name) @definition.function

(method_declaration
  receiver: (parameter_list
    (parameter_declaration
      type: [(type_identifier) @scope
             (pointer_type (type_identifier) @scope)
             (generic_type type: (type_identifier) @scope)
             (pointer_type (generic_type type: (type_identifier) @scope))]))
  name: (field_identifier) @name) @definition.method

(type_declaration
  (type_spec name: (type_identifier) @name type: (struct_type))) @definition.class

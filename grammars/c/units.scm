; Units of a C file: function definitions, whole (return type, storage class and body; the upstream
; tags.scm captures only the declarator). The name sits inside nested declarators: pointer returns
; (`char **f(void)`) and parenthesized declarators. Prototypes, structs, typedefs, macros and
; globals are glue.

(function_definition
  declarator: [
    (function_declarator declarator: (identifier) @name)
    (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))
    (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name)))
    (pointer_declarator declarator: (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))))
    (parenthesized_declarator (function_declarator declarator: (identifier) @name))
    (function_declarator declarator: (parenthesized_declarator (identifier) @name))
  ]) @definition.function

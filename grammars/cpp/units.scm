; Units of a C++ file: function definitions (whole, through pointer/reference declarators and
; `Class::method` qualified names, whose class becomes @scope), classes and structs with a body,
; and both wrapped in `template <...>`. units.py keeps the outermost of two captures sharing a
; name, so a template_declaration replaces the definition it wraps. Functions defined inside a class
; body become its methods. Namespaces are glue: their classes and functions are top-level units.

(function_definition
  declarator: [
    (function_declarator declarator: [(identifier) (field_identifier) (operator_name) (destructor_name) (template_function)] @name)
    (function_declarator declarator: (qualified_identifier scope: (_) @scope name: [(identifier) (field_identifier) (operator_name) (destructor_name) (template_function)] @name))
    (function_declarator declarator: (qualified_identifier name: (qualified_identifier scope: (_) @scope name: [(identifier) (operator_name) (destructor_name) (template_function)] @name)))
    (pointer_declarator declarator: (function_declarator declarator: [(identifier) (field_identifier) (operator_name) (template_function)] @name))
    (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier scope: (_) @scope name: [(identifier) (operator_name) (template_function)] @name)))
    (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: [(identifier) (field_identifier) (operator_name)] @name)))
    (reference_declarator (function_declarator declarator: [(identifier) (field_identifier) (operator_name) (template_function)] @name))
    (reference_declarator (function_declarator declarator: (qualified_identifier scope: (_) @scope name: [(identifier) (operator_name) (template_function)] @name)))
  ]) @definition.function

(template_declaration
  (function_definition
    declarator: [
      (function_declarator declarator: [(identifier) (field_identifier) (operator_name) (template_function)] @name)
      (function_declarator declarator: (qualified_identifier scope: (_) @scope name: [(identifier) (operator_name) (template_function)] @name))
      (pointer_declarator declarator: (function_declarator declarator: [(identifier) (field_identifier) (operator_name)] @name))
      (reference_declarator (function_declarator declarator: [(identifier) (field_identifier) (operator_name)] @name))
    ])) @definition.function

; class names: `Foo`, a specialization `Foo<bool>`, or qualified `ns::Foo`
(class_specifier name: [(type_identifier) (template_type) (qualified_identifier)] @name body: (field_declaration_list)) @definition.class
(struct_specifier name: [(type_identifier) (template_type) (qualified_identifier)] @name body: (field_declaration_list)) @definition.class
(union_specifier name: [(type_identifier) (template_type)] @name body: (field_declaration_list)) @definition.class
(template_declaration
  [(class_specifier name: [(type_identifier) (template_type) (qualified_identifier)] @name body: (field_declaration_list))
   (struct_specifier name: [(type_identifier) (template_type) (qualified_identifier)] @name body: (field_declaration_list))]) @definition.class

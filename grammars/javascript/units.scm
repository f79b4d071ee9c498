; Units of a JavaScript file: function declarations, classes and their methods, and functions bound
; by name (`const f = (...) => ...`, `let g = function () {}`, `exports.h = function () {}`).
; `export` wrappers are captured too; units.py keeps the outermost of two captures sharing a name.
; Functions nested inside functions stay part of their enclosing function (units.py drops them).

(function_declaration name: (identifier) @name) @definition.function
(generator_function_declaration name: (identifier) @name) @definition.function
(class_declaration name: (identifier) @name) @definition.class

; only methods of classes: object-literal methods belong to their object (glue)
(class_body (method_definition name: (_) @name) @definition.method)
(class_body
  (field_definition
    property: (property_identifier) @name
    value: [(arrow_function) (function_expression)]) @definition.method)

(lexical_declaration
  (variable_declarator
    name: (identifier) @name
    value: [(arrow_function) (function_expression) (generator_function)])) @definition.function
(variable_declaration
  (variable_declarator
    name: (identifier) @name
    value: [(arrow_function) (function_expression) (generator_function)])) @definition.function
(lexical_declaration
  (variable_declarator name: (identifier) @name value: (class))) @definition.class

; exports.f = function () {}, Foo.prototype.bar = (x) => x
(expression_statement
  (assignment_expression
    left: (member_expression property: (property_identifier) @name)
    right: [(arrow_function) (function_expression)])) @definition.function

(export_statement
  declaration: [(function_declaration name: (identifier) @name)
                (generator_function_declaration name: (identifier) @name)
                (lexical_declaration
                  (variable_declarator
                    name: (identifier) @name
                    value: [(arrow_function) (function_expression) (generator_function)]))]) @definition.function
(export_statement declaration: (class_declaration name: (identifier) @name)) @definition.class

; Units of a Python file. Decorated definitions are captured whole (the upstream tags.scm
; captures only the bare def, losing the decorators).

(decorated_definition
  definition: (function_definition
    name: (identifier) @name
    body: (block . (expression_statement (string) @doc)?))) @definition.function

(function_definition
  name: (identifier) @name
  body: (block . (expression_statement (string) @doc)?)) @definition.function

(decorated_definition
  definition: (class_definition
    name: (identifier) @name
    body: (block . (expression_statement (string) @doc)?))) @definition.class

(class_definition
  name: (identifier) @name
  body: (block . (expression_statement (string) @doc)?)) @definition.class

; Code for type checkers only (`if TYPE_CHECKING:` / `if typing.TYPE_CHECKING:` is false when the program runs):
; its definitions are not units; the block stays whole, as top-level code (translate.translation.glue).
; With an else branch, the block runs: its definitions stay units.
(if_statement
  condition: [(identifier) @_c (attribute attribute: (identifier) @_c)]
  !alternative
  (#eq? @_c "TYPE_CHECKING")) @ignore

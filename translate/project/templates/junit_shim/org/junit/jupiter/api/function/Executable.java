package org.junit.jupiter.api.function;

/** JUnit 5's {@code Executable}: the code an assertion runs (assertThrows, assertDoesNotThrow, assertAll). */
@FunctionalInterface
public interface Executable {
    void execute() throws Throwable;
}

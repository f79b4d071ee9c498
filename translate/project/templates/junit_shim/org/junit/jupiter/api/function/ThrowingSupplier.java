package org.junit.jupiter.api.function;

/** JUnit 5's {@code ThrowingSupplier}: a value-returning block for assertDoesNotThrow. */
@FunctionalInterface
public interface ThrowingSupplier<T> {
    T get() throws Throwable;
}

package dev.seedling.conformance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that runs once for every backend found, receiving a {@link BackendUnderTest}; unavailable backends are
 * skipped by {@link BackendUnderTest#use()}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "[{0}]")
@MethodSource("dev.seedling.conformance.BackendUnderTest#all")
public @interface OnEveryBackend {
}

/**
 * Fixtures shared by the project's own tests, never shipped: {@link
 * dev.ivsplayback.testing.MutableClock} (a clock tests move by hand), {@link
 * dev.ivsplayback.testing.TestKeys} (P-384 and refused keys, PEM in every form), {@link
 * dev.ivsplayback.testing.LocalSdk} (the real AWS SDK client for a local endpoint), {@link
 * dev.ivsplayback.testing.LogCapture} (what the code under test logged through SLF4J, with its
 * test-only provider {@link dev.ivsplayback.testing.CapturingSlf4jProvider}) and {@link
 * dev.ivsplayback.testing.PublicApiCheck} (no public type exposes an internal one). The ivs-local
 * JUnit extension stays in ivs-local ({@code IvsLocalExtension}): it is the users' way too.
 */
package dev.ivsplayback.testing;

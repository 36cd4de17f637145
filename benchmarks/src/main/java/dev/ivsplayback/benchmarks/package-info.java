/**
 * JMH benchmarks, all run together by {@code benchmarks/run.sh}: minting IVS playback tokens with
 * our signer on each engine against Nimbus, jjwt and java-jwt and each engine's raw signature
 * ({@link dev.ivsplayback.benchmarks.TokenMintBenchmark}); verifying against Nimbus and each
 * engine's raw signature check ({@link dev.ivsplayback.benchmarks.TokenVerifyBenchmark}); the
 * token-reuse path, hit and miss ({@link dev.ivsplayback.benchmarks.TokenReuseBenchmark}); and
 * {@link dev.ivsplayback.benchmarks.ResultsTable}, which turns the JMH JSON into the README's
 * tables.
 */
package dev.ivsplayback.benchmarks;

/**
 * JMH benchmarks: minting IVS playback tokens with our signer on each engine against Nimbus, jjwt and java-jwt
 * ({@link dev.ivsplayback.benchmarks.TokenMintBenchmark}). Run with {@code java -jar benchmarks/target/benchmarks.jar}.
 */
package dev.ivsplayback.benchmarks;

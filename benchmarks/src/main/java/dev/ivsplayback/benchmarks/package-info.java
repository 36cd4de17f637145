/**
 * JMH benchmarks. (Work in progress: see issues 2 and 7.)
 */
package dev.ivsplayback.benchmarks;

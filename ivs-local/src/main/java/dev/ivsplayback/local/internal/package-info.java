/**
 * Implementation of ivs-local, not API: the bundled IVS service model and the validator it drives,
 * the SigV4 verifier, the HTTP front, the emulated state, throttling and fault injection.
 */
package dev.ivsplayback.local.internal;

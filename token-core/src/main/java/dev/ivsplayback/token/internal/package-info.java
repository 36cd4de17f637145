/**
 * Implementation details of token-core (signing engines, JSON writing, base64url). Not a public
 * API.
 */
package dev.ivsplayback.token.internal;

/**
 * Implementation details of ivs-client: the retry strategy, the rate limiters, the SDK interceptor
 * and the lazy pager. Not a public API; may change in any release.
 */
package dev.ivsplayback.client.internal;

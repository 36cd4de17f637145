/**
 * Implementation details of ivs-client: the retry strategy, the rate limiters, the SDK interceptor,
 * the lazy pager and the translation of the generated ad clients' exceptions. Not a public API; may
 * change in any release.
 */
package dev.ivsplayback.client.internal;

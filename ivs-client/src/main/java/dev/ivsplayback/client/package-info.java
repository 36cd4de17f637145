/**
 * One well-configured client for every IVS control-plane operation. (Work in progress: see issue 4.)
 */
package dev.ivsplayback.client;

/**
 * ivs-local: an IVS-compatible HTTP endpoint on 127.0.0.1 that the unmodified AWS SDK (IvsClient,
 * IvsAsyncClient), the AWS CLI and other SDKs talk to with an endpoint override, for tests without
 * an AWS account.
 *
 * <ul>
 *   <li>{@link dev.ivsplayback.local.IvsLocal}: start, endpoint, region, account, close; builder
 *       with port, region, account id, credentials (then SigV4 is verified for real), throttling,
 *       clock and header read timeout, checked in {@code build()}.
 *   <li>{@link dev.ivsplayback.local.IvsLocalControl}: simulated broadcasts, injected faults
 *       (failNext, dropResponseNext), recorded PutMetadata payloads, call counts; also served over
 *       HTTP under {@code /_local/} (loopback only; GET only reads, changes need a JSON POST).
 *   <li>{@link dev.ivsplayback.local.IvsLocalExtension}: the JUnit 5 extension.
 *   <li>{@link dev.ivsplayback.local.LiveStream}, {@link dev.ivsplayback.local.StreamHealth}:
 *       values of the control API.
 *   <li>{@link dev.ivsplayback.local.IvsLocalException}: misuse of the above.
 * </ul>
 *
 * <p>Implementation details (wire protocol, SigV4, model-driven validation, state) live in {@code
 * .internal} and are not API.
 */
package dev.ivsplayback.local;

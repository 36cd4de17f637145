package dev.ivsplayback.client.internal;

import dev.ivsplayback.client.RateLimitMode;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.ivs.model.DeleteChannelRequest;
import software.amazon.awssdk.services.ivs.model.PutMetadataRequest;
import software.amazon.awssdk.services.ivs.model.UpdateChannelRequest;

/**
 * Installed on both SDK clients. Before a call: applies the client-side rate limits (when enabled).
 * Before each attempt: tells the retry token which operation it belongs to. After an UpdateChannel
 * or DeleteChannel, whether it succeeded or not (a failed attempt may still have been applied):
 * invalidates the channel directory's entry. Thread-safe.
 */
public final class IvsClientInterceptor implements ExecutionInterceptor {

  /** Set on a request whose rate limits the caller already applied (ivs-client's own helpers). */
  public static final ExecutionAttribute<Boolean> RATE_LIMITED =
      new ExecutionAttribute<>("IvsPlayback.RateLimited");

  /** Overrides the configured {@link RateLimitMode} for one request. */
  public static final ExecutionAttribute<RateLimitMode> RATE_LIMIT_MODE =
      new ExecutionAttribute<>("IvsPlayback.RateLimitMode");

  private final RateLimiters limiters;
  private final boolean clientSideRateLimits;
  private final RateLimitMode defaultMode;
  private volatile Consumer<String> channelChanged = arn -> {};

  /**
   * Creates the interceptor.
   *
   * @param limiters the client's limiters
   * @param clientSideRateLimits whether raw SDK calls are held to IVS's TPS quotas
   * @param defaultMode wait or fail fast when a quota would be exceeded
   */
  public IvsClientInterceptor(
      RateLimiters limiters, boolean clientSideRateLimits, RateLimitMode defaultMode) {
    this.limiters = limiters;
    this.clientSideRateLimits = clientSideRateLimits;
    this.defaultMode = defaultMode;
  }

  /** Registers who is told the ARN of a channel changed through this client. */
  public void onChannelChanged(Consumer<String> listener) {
    this.channelChanged = listener;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (!clientSideRateLimits || Boolean.TRUE.equals(attributes.getAttribute(RATE_LIMITED))) {
      return;
    }
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    RateLimitMode mode = attributes.getOptionalAttribute(RATE_LIMIT_MODE).orElse(defaultMode);
    if (context.request() instanceof PutMetadataRequest put && put.channelArn() != null) {
      limiters.acquireMetadata(put.channelArn(), mode);
    }
    limiters.acquireOperation(operation, mode);
  }

  /**
   * The last hook before the SDK asks the retry strategy for its first token, on the same thread in
   * both clients: hand the operation name over, so that even an attempt that fails before {@link
   * #beforeTransmission} (a timeout during signing) is classified correctly.
   */
  @Override
  public SdkHttpRequest modifyHttpRequest(
      Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    IvsRetryStrategy.handOver(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    return context.httpRequest();
  }

  /** Confirms the operation on the current retry token before each attempt is sent. */
  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    // The SDK keeps the current retry token among the execution attributes; it offers no public key
    // for it.
    for (Object value : attributes.getAttributes().values()) {
      if (value instanceof IvsRetryStrategy.IvsRetryToken token) {
        token.operation(operation);
      }
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    notifyChannelChange(context.request());
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    notifyChannelChange(context.request());
  }

  private void notifyChannelChange(SdkRequest request) {
    String arn = null;
    if (request instanceof UpdateChannelRequest update) {
      arn = update.arn();
    } else if (request instanceof DeleteChannelRequest delete) {
      arn = delete.arn();
    }
    if (arn != null) {
      channelChanged.accept(arn);
    }
  }
}

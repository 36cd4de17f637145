package dev.ivsplayback.client.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ivs.model.AccessDeniedException;
import software.amazon.awssdk.services.ivs.model.ChannelNotBroadcastingException;
import software.amazon.awssdk.services.ivs.model.ConflictException;
import software.amazon.awssdk.services.ivs.model.InternalServerException;
import software.amazon.awssdk.services.ivs.model.IvsException;
import software.amazon.awssdk.services.ivs.model.PendingVerificationException;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ivs.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.ivs.model.ThrottlingException;
import software.amazon.awssdk.services.ivs.model.ValidationException;

/**
 * Turns the exceptions of the generated ad-configuration clients ({@code
 * dev.ivsplayback.client.ads}) into the SDK's own ({@code
 * software.amazon.awssdk.services.ivs.model}), so that a caller catches one {@code
 * ResourceNotFoundException} whichever client answered.
 *
 * <p>Applied by the facade around each call, after the SDK's retries (which classify the generated
 * exception: status code and error code are the same). Not an {@code ExecutionInterceptor}: the SDK
 * requires {@code modifyException} to return an instance of the original exception's class.
 * Stateless and thread-safe.
 */
public final class AdExceptionTranslator {

  private AdExceptionTranslator() {}

  /**
   * Runs a sync call of a generated client, translating its exception.
   *
   * @param call the call
   * @param <T> the response type
   */
  public static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (dev.ivsplayback.client.ads.model.IvsException e) {
      throw translate(e);
    }
  }

  /**
   * A future completed like the generated async client's, but with its exception translated.
   * Cancelling the returned future cancels the call.
   *
   * @param call the generated client's future
   * @param <T> the response type
   */
  public static <T> CompletableFuture<T> async(CompletableFuture<T> call) {
    CompletableFuture<T> translated = new CompletableFuture<>();
    call.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            translated.complete(value);
          } else {
            Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            translated.completeExceptionally(
                cause instanceof dev.ivsplayback.client.ads.model.IvsException generated
                    ? translate(generated)
                    : cause);
          }
        });
    translated.whenComplete(
        (value, failure) -> {
          if (translated.isCancelled()) {
            call.cancel(true);
          }
        });
    return translated;
  }

  /**
   * The SDK exception of the same error type, with the same message, error details (error code,
   * IVS's message, service name, raw HTTP response), status code, request ids, attempt count,
   * cause, stack trace and suppressed exceptions. An error type the ivs 2.40.2 jar has no class for
   * (or none, as for a signature error) becomes its base {@link IvsException}, as in the SDK's
   * client.
   */
  public static IvsException translate(dev.ivsplayback.client.ads.model.IvsException generated) {
    dev.ivsplayback.client.ads.model.IvsException.Builder from = generated.toBuilder();
    AwsServiceException.Builder to =
        sdkBuilder(generated)
            .awsErrorDetails(from.awsErrorDetails())
            .message(from.message())
            .statusCode(from.statusCode())
            .requestId(from.requestId())
            .extendedRequestId(from.extendedRequestId())
            .numAttempts(from.numAttempts())
            .cause(from.cause());
    IvsException translated = (IvsException) to.build();
    translated.setStackTrace(generated.getStackTrace());
    for (Throwable suppressed : generated.getSuppressed()) {
      translated.addSuppressed(suppressed);
    }
    return translated;
  }

  private static IvsException.Builder sdkBuilder(
      dev.ivsplayback.client.ads.model.IvsException generated) {
    // One branch per error shape of the six operations (ivs-service-2.json); each SDK class has the
    // same name, except that the model's PendingVerification and ChannelNotBroadcasting carry an
    // "Exception" suffix in both.
    if (generated instanceof dev.ivsplayback.client.ads.model.ValidationException e) {
      return ValidationException.builder().exceptionMessage(e.exceptionMessage());
    }
    if (generated instanceof dev.ivsplayback.client.ads.model.ResourceNotFoundException e) {
      return ResourceNotFoundException.builder().exceptionMessage(e.exceptionMessage());
    }
    if (generated instanceof dev.ivsplayback.client.ads.model.ConflictException e) {
      return ConflictException.builder().exceptionMessage(e.exceptionMessage());
    }
    if (generated instanceof dev.ivsplayback.client.ads.model.AccessDeniedException e) {
      return AccessDeniedException.builder().exceptionMessage(e.exceptionMessage());
    }
    if (generated instanceof dev.ivsplayback.client.ads.model.ServiceQuotaExceededException e) {
      return ServiceQuotaExceededException.builder().exceptionMessage(e.exceptionMessage());
    }
    if (generated instanceof dev.ivsplayback.client.ads.model.ThrottlingException e) {
      return ThrottlingException.builder().exceptionMessage(e.exceptionMessage());
    }
    if (generated instanceof dev.ivsplayback.client.ads.model.InternalServerException e) {
      return InternalServerException.builder().exceptionMessage(e.exceptionMessage());
    }
    if (generated instanceof dev.ivsplayback.client.ads.model.PendingVerificationException e) {
      return PendingVerificationException.builder().exceptionMessage(e.exceptionMessage());
    }
    if (generated instanceof dev.ivsplayback.client.ads.model.ChannelNotBroadcastingException e) {
      return ChannelNotBroadcastingException.builder().exceptionMessage(e.exceptionMessage());
    }
    return IvsException.builder();
  }
}

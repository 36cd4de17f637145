package dev.ivsplayback.cli.internal;

import dev.ivsplayback.keys.PlaybackKeyException;
import dev.ivsplayback.token.InvalidClaimException;
import dev.ivsplayback.token.IvsPlaybackException;
import dev.ivsplayback.token.KeyFormatException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns every failure into one clear line on stderr and the documented exit code: 2 for bad usage
 * or bad input (parameters, claims, keys, files), 1 for operations that ran and failed. With
 * --debug the stack trace follows.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  /** Exit code for success. */
  public static final int OK = 0;

  /** Exit code for an operation that ran and failed, or an invalid token. */
  public static final int FAILED = 1;

  /** Exit code for bad usage or bad input. */
  public static final int BAD_INPUT = 2;

  private final RootCommand root;

  /**
   * @param root gives access to --debug and the environment's stderr
   */
  public ErrorHandler(RootCommand root) {
    this.root = root;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    String name = cl.getCommandSpec().qualifiedName();
    PrintWriter err = cl.getErr();
    err.println(name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
    if (debugRequested(args)) {
      ex.printStackTrace(err);
    }
    err.flush();
    return BAD_INPUT;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
    PrintWriter err = cl.getErr();
    int code = exitCode(ex);
    String name = cl.getCommandSpec().qualifiedName();
    err.println(name + ": " + describe(ex));
    if (root.globals().debug()) {
      ex.printStackTrace(err);
    } else if (code == FAILED
        && !(ex instanceof IvsPlaybackException)
        && !(ex instanceof AwsServiceException)
        && !(ex instanceof SdkClientException)) {
      err.println("(run again with --debug for the stack trace)");
    }
    err.flush();
    return code;
  }

  /** The documented exit code for a failure. */
  static int exitCode(Throwable ex) {
    if (ex instanceof BadInputException
        || ex instanceof InvalidClaimException
        || ex instanceof KeyFormatException
        || ex instanceof ParameterException
        // the request or configuration was wrong, not the service:
        || ex instanceof dev.ivsplayback.client.InvalidRequestException
        || ex instanceof dev.ivsplayback.token.InvalidConfigurationException
        || (ex instanceof PlaybackKeyException keys && isBadInput(keys.reason()))) {
      return BAD_INPUT;
    }
    AwsServiceException service = find(ex, AwsServiceException.class);
    if (service != null
        && service.awsErrorDetails() != null
        && "ValidationException".equals(service.awsErrorDetails().errorCode())) {
      return BAD_INPUT; // IVS judged the request's input invalid
    }
    return FAILED;
  }

  /**
   * The key manager's failures that the caller's input caused: a wrong passphrase or key, a token
   * asked to live too long, a key file that exists, is shared or is not a key file.
   */
  private static boolean isBadInput(PlaybackKeyException.Reason reason) {
    return switch (reason) {
      case DECRYPTION_FAILED,
          TOKEN_TTL_TOO_LONG,
          KEY_FILE_EXISTS,
          KEY_FILE_NOT_OWNER_ONLY,
          KEY_FILE_TOO_LARGE ->
          true;
      default -> false;
    };
  }

  /** One line naming what failed, without key material (our exceptions never carry any). */
  static String describe(Throwable ex) {
    AwsServiceException service = find(ex, AwsServiceException.class);
    if (service != null && !(ex instanceof IvsPlaybackException)) {
      return describeService(service);
    }
    if (ex instanceof IvsPlaybackException) {
      String msg = oneLine(ex.getMessage());
      if (service != null
          && !msg.contains(
              service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode())) {
        msg += " (" + describeService(service) + ")";
      }
      return msg;
    }
    SdkClientException client = find(ex, SdkClientException.class);
    if (client != null) {
      String msg = oneLine(client.getMessage());
      if (msg.startsWith("Unable to load credentials")) {
        // The SDK lists every provider it tried on one enormous line; --debug still shows it.
        return "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, give --profile NAME, or run"
            + " with an instance or container role (--debug lists every place that was tried)";
      }
      return "could not call IVS: " + msg;
    }
    String msg = ex.getMessage();
    return ex.getClass().getSimpleName() + (msg == null ? "" : ": " + oneLine(msg));
  }

  private static String describeService(AwsServiceException e) {
    var details = e.awsErrorDetails();
    String code =
        details != null && details.errorCode() != null
            ? details.errorCode()
            : e.getClass().getSimpleName();
    String message =
        details != null && details.errorMessage() != null ? details.errorMessage() : e.getMessage();
    return "IVS refused the request: "
        + code
        + " (HTTP "
        + e.statusCode()
        + ")"
        + (message == null ? "" : ": " + oneLine(message));
  }

  private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  static String oneLine(String s) {
    if (s == null) {
      return "(no message)";
    }
    return s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  private static boolean debugRequested(String[] args) {
    for (String a : args) {
      if ("--debug".equals(a)) {
        return true;
      }
    }
    return false;
  }
}

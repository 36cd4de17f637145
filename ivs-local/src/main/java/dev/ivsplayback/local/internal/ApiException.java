package dev.ivsplayback.local.internal;

/**
 * An error answered to an IVS client: the wire error type (as in {@code x-amzn-ErrorType}), the HTTP status and
 * the message. Internal: it never leaves ivs-local except as an HTTP response.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorType;
    private final int status;

    public ApiException(String errorType, int status, String message) {
        super(message, null, false, false);
        this.errorType = errorType;
        this.status = status;
    }

    public String errorType() {
        return errorType;
    }

    public int status() {
        return status;
    }

    public static ApiException validation(String message) {
        return new ApiException("ValidationException", 400, message);
    }

    public static ApiException invalidMember(String member, String problem) {
        return validation("Request member: " + member + " failed to satisfy the constraints: " + problem);
    }

    public static ApiException notFound(String message) {
        return new ApiException("ResourceNotFoundException", 404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException("ConflictException", 409, message);
    }

    public static ApiException quota(String message) {
        return new ApiException("ServiceQuotaExceededException", 402, message);
    }

    public static ApiException notBroadcasting(String channelArn) {
        return new ApiException("ChannelNotBroadcasting", 404, "Channel is not broadcasting: " + channelArn);
    }

    public static ApiException throttled(String message) {
        return new ApiException("ThrottlingException", 429, message);
    }
}

package dev.ivsplayback.client;

/**
 * {@link ChannelDirectory} was asked about a channel IVS does not know (GetChannel answered 404).
 */
public class ChannelNotFoundException extends IvsClientException {
  private static final long serialVersionUID = 1L;

  private final String channelArn;

  /** Creates the exception for the given channel ARN. */
  public ChannelNotFoundException(String channelArn) {
    super("IVS has no channel " + channelArn + " (GetChannel returned ResourceNotFoundException)");
    this.channelArn = channelArn;
  }

  /** The ARN that was looked up. */
  public String channelArn() {
    return channelArn;
  }
}

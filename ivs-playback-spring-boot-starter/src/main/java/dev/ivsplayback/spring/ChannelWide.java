package dev.ivsplayback.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Selects the channel-wide minter: a {@code ReusingPlaybackTokenSigner} in front of the primary
 * minter, for tokens without a viewer id that many viewers share.
 *
 * <pre>{@code
 * TokenController(PlaybackTokenMinter perViewer, @ChannelWide PlaybackTokenMinter channelWide)
 * }</pre>
 *
 * <p>An unqualified {@code PlaybackTokenMinter} is always the per-viewer (rotating) minter.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface ChannelWide {}

package dev.ivsplayback.spring.internal;

import dev.ivsplayback.token.PlaybackTokenMinter;
import java.util.function.UnaryOperator;

/** Wraps the starter's per-viewer minter (metrics); applied in bean order. */
@FunctionalInterface
public interface MinterDecorator extends UnaryOperator<PlaybackTokenMinter> {}

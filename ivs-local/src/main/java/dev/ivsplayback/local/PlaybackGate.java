package dev.ivsplayback.local;

import dev.ivsplayback.local.internal.IvsState;
import dev.ivsplayback.local.internal.PlaybackAuthorizer;
import java.time.Clock;

/** Builds the playback authorizer. Placeholder until token-core's verifier is available. */
final class PlaybackGate {
    private PlaybackGate() {
    }

    static PlaybackAuthorizer create(IvsState state, Clock clock) {
        return (channel, token, origin) -> channel.authorized()
                ? PlaybackAuthorizer.Decision.refuse("playback token verification is not available yet")
                : PlaybackAuthorizer.Decision.allow(null);
    }
}

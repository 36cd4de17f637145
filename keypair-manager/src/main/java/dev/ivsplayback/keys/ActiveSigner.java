package dev.ivsplayback.keys;

import dev.ivsplayback.token.PlaybackTokenSigner;
import java.time.Instant;

/**
 * The ACTIVE key, its signer, when this process last confirmed from the store that the key is
 * ACTIVE, and the limits it must mint within (the shorter of the local policy's and those recorded
 * in that same store snapshot).
 */
record ActiveSigner(
    PlaybackKeyRecord key,
    PlaybackTokenSigner signer,
    Instant confirmedAt,
    FleetTokenLimits limits) {}

package dev.ivsplayback.keys.internal.lifecycle;

import dev.ivsplayback.keys.FleetTokenLimits;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.token.PlaybackTokenSigner;
import java.time.Instant;

/**
 * The ACTIVE key, its signer, when this process last confirmed from the store that the key is
 * ACTIVE, and the limits it must mint within (the shorter of the local policy's and those recorded
 * in that same store snapshot). Published by {@link ActiveKeySwitch}, read lock-free by {@link
 * dev.ivsplayback.keys.RotatingPlaybackTokenSigner}.
 *
 * @param key the ACTIVE key's record
 * @param signer the signer holding its private key
 * @param confirmedAt when the store last showed the key ACTIVE
 * @param limits the token limits to mint within
 */
public record ActiveSigner(
    PlaybackKeyRecord key,
    PlaybackTokenSigner signer,
    Instant confirmedAt,
    FleetTokenLimits limits) {}

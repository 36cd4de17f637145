package dev.ivsplayback.keys;

import dev.ivsplayback.token.PlaybackTokenSigner;
import java.time.Instant;

/** The ACTIVE key, its signer, and when this process last confirmed from the store that the key is ACTIVE. */
record ActiveSigner(PlaybackKeyRecord key, PlaybackTokenSigner signer, Instant confirmedAt) {}

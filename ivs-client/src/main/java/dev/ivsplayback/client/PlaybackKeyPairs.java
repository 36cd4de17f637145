package dev.ivsplayback.client;

import dev.ivsplayback.client.internal.Pages;
import dev.ivsplayback.client.internal.RetryClassifier;
import dev.ivsplayback.token.PlaybackKeys;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.ConflictException;
import software.amazon.awssdk.services.ivs.model.ImportPlaybackKeyPairRequest;
import software.amazon.awssdk.services.ivs.model.ListPlaybackKeyPairsRequest;
import software.amazon.awssdk.services.ivs.model.ListPlaybackKeyPairsResponse;
import software.amazon.awssdk.services.ivs.model.PlaybackKeyPair;
import software.amazon.awssdk.services.ivs.model.PlaybackKeyPairSummary;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;

/**
 * Playback key pairs in IVS: import with a fingerprint check, idempotent import, list with
 * fingerprints, find by fingerprint, delete. Only public keys are ever sent.
 *
 * <p>Import is idempotent: IVS refuses a public key it already holds ({@code ConflictException}),
 * and a lost response leaves the caller not knowing whether the import happened. In both cases the
 * existing pair is found by its fingerprint and returned (with the name and tags it already has).
 * ImportPlaybackKeyPair is not retried blindly by the SDK; this class retries it itself after a
 * transport failure, once it has checked the key is not already there.
 *
 * <p>Thread-safe.
 */
public final class PlaybackKeyPairs {
  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){15}");

  private final IvsClient ivs;
  private final int maxAttempts;

  PlaybackKeyPairs(IvsClient ivs, int maxAttempts) {
    this.ivs = ivs;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Imports the public half of a playback key pair.
   *
   * @param key an EC public key on P-384
   * @param name the key pair's name (IVS: up to 128 of {@code [a-zA-Z0-9-_]}), or null for none
   * @param tags tags to attach, or null for none
   * @return the imported pair (or the pair IVS already held for this key)
   * @throws dev.ivsplayback.token.KeyFormatException if the key is not EC P-384
   * @throws FingerprintMismatchException if IVS reports a fingerprint other than the key's
   * @throws software.amazon.awssdk.services.ivs.model.IvsException with IVS's message if IVS
   *     refuses the import (for example ServiceQuotaExceededException: at most 3 key pairs per
   *     region)
   */
  public ImportedKeyPair importKeyPair(PublicKey key, String name, Map<String, String> tags) {
    ECPublicKey ecKey = PlaybackKeys.requireP384(key);
    String expected = PlaybackKeys.fingerprint(ecKey);
    ImportPlaybackKeyPairRequest.Builder request =
        ImportPlaybackKeyPairRequest.builder()
            .publicKeyMaterial(PlaybackKeys.toPublicKeyPem(ecKey));
    if (name != null) {
      request.name(name);
    }
    if (tags != null && !tags.isEmpty()) {
      request.tags(tags);
    }
    ImportPlaybackKeyPairRequest built = request.build();
    for (int attempt = 1; ; attempt++) {
      try {
        return checked(ivs.importPlaybackKeyPair(built).keyPair(), expected);
      } catch (ConflictException conflict) {
        // Either this key is already imported (return it) or the conflict is about something else.
        Optional<ImportedKeyPair> existing = findAfterFailure(expected, conflict);
        if (existing.isPresent()) {
          return existing.get();
        }
        throw conflict;
      } catch (SdkClientException transport) {
        // The import may have been applied before the connection failed.
        Optional<ImportedKeyPair> existing = findAfterFailure(expected, transport);
        if (existing.isPresent()) {
          return existing.get();
        }
        if (attempt >= maxAttempts || !RetryClassifier.isRetryable(transport)) {
          throw transport;
        }
      }
    }
  }

  /**
   * Imports the public key in a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo) block.
   *
   * @see #importKeyPair(PublicKey, String, Map)
   */
  public ImportedKeyPair importKeyPair(String publicKeyPem, String name, Map<String, String> tags) {
    return importKeyPair(
        PlaybackKeys.readPublicKey(Checks.requireText("publicKeyPem", publicKeyPem)), name, tags);
  }

  /**
   * Every key pair with its fingerprint: ListPlaybackKeyPairs (all pages), then GetPlaybackKeyPair
   * for each.
   */
  public List<ImportedKeyPair> listWithFingerprints() {
    List<ImportedKeyPair> result = new ArrayList<>();
    summaries().forEach(summary -> get(summary.arn()).ifPresent(result::add));
    return result;
  }

  /**
   * The key pair with this fingerprint, if IVS holds one. Stops listing at the first match.
   *
   * @param fingerprint lower- or upper-case hex pairs joined by ':' (16 pairs)
   * @throws InvalidRequestException if the fingerprint is not in that form
   */
  public Optional<ImportedKeyPair> findByFingerprint(String fingerprint) {
    String wanted = Checks.requireText("fingerprint", fingerprint).toLowerCase(Locale.ROOT);
    if (!FINGERPRINT.matcher(wanted).matches()) {
      throw new InvalidRequestException(
          "fingerprint",
          "fingerprint must be 16 hex pairs joined by ':' "
              + "(MD5 of the DER public key), was \""
              + fingerprint
              + "\"");
    }
    return summaries()
        .map(summary -> get(summary.arn()))
        .flatMap(Optional::stream)
        .filter(pair -> pair.fingerprint().equalsIgnoreCase(wanted))
        .findFirst();
  }

  /** The key pair with this ARN, or empty if IVS does not hold it. */
  public Optional<ImportedKeyPair> get(String arn) {
    Checks.requireText("arn", arn);
    try {
      return Optional.of(toImported(ivs.getPlaybackKeyPair(r -> r.arn(arn)).keyPair()));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Deletes the key pair. Tokens signed with its private key stop being accepted.
   *
   * @throws ResourceNotFoundException with IVS's message if IVS does not hold it; also when a retry
   *     after a lost response finds that the first attempt already deleted it, so treat it as
   *     "already deleted"
   */
  public void delete(String arn) {
    Checks.requireText("arn", arn);
    ivs.deletePlaybackKeyPair(r -> r.arn(arn));
  }

  private Stream<PlaybackKeyPairSummary> summaries() {
    ListPlaybackKeyPairsRequest first = ListPlaybackKeyPairsRequest.builder().build();
    return Pages.stream(
        token -> ivs.listPlaybackKeyPairs(first.toBuilder().nextToken(token).build()),
        ListPlaybackKeyPairsResponse::keyPairs,
        ListPlaybackKeyPairsResponse::nextToken,
        null);
  }

  private Optional<ImportedKeyPair> findAfterFailure(
      String fingerprint, RuntimeException original) {
    try {
      return findByFingerprint(fingerprint);
    } catch (RuntimeException lookupFailure) {
      original.addSuppressed(lookupFailure);
      throw original;
    }
  }

  private static ImportedKeyPair checked(PlaybackKeyPair pair, String expected) {
    ImportedKeyPair imported = toImported(pair);
    if (!imported.fingerprint().equalsIgnoreCase(expected)) {
      throw new FingerprintMismatchException(imported.arn(), expected, imported.fingerprint());
    }
    return imported;
  }

  private static ImportedKeyPair toImported(PlaybackKeyPair pair) {
    return new ImportedKeyPair(
        pair.arn(),
        pair.name(),
        pair.fingerprint() == null ? "" : pair.fingerprint(),
        pair.hasTags() ? pair.tags() : Map.of());
  }
}

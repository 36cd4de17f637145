package dev.ivsplayback.cli.internal;

import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.PlaybackTokenVerifier;
import dev.ivsplayback.token.RejectionReason;
import dev.ivsplayback.token.VerificationRequest;
import dev.ivsplayback.token.VerificationResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code verify}: checks tokens the way IVS would, one or a stream of them. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Verify playback tokens as IVS would.",
      "Checks the signature against the public keys, then the expiry, the channel and the origin. Valid: exit 0 and the claims as JSON. Invalid: exit 1 and the reason.",
      "With --batch it reads tokens from stdin, one per line, in constant memory, and prints one line per token in input order: 'VALID <claims-json>' or 'INVALID <REASON>: <detail>'. It exits 0 only if every token was valid."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  ivs-playback verify --public-key keys/web.pub.pem --channel-arn arn:aws:ivs:us-west-2:123456789012:channel/abcd1234 eyJhbGciOi...",
      "  grep -o 'token=[^& ]*' access.log | cut -d= -f2 | ivs-playback verify --batch --public-key keys/web.pub.pem --channel-arn ARN"
    })
final class VerifyCommand extends AbstractCommand {

  /**
   * Longest line --batch looks at; a longer one is reported as TOO_LARGE without being held in
   * memory.
   */
  static final int MAX_LINE_CHARS = 64 * 1024;

  @Option(
      names = "--public-key",
      required = true,
      paramLabel = "FILE",
      description =
          "Public key PEM that may have signed the token (repeatable; a private key PEM also works).")
  List<Path> publicKeys = new ArrayList<>();

  @Option(
      names = "--channel-arn",
      required = true,
      paramLabel = "ARN",
      description = "The channel being played.")
  String channelArn;

  @Option(
      names = "--origin",
      paramLabel = "O",
      description = "The Origin of the playback request, if any.")
  String origin;

  @Option(
      names = "--leeway",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Clock skew tolerated on exp, e.g. 30s (default 0s).")
  Duration leeway;

  @Option(names = "--batch", description = "Read tokens from stdin, one per line.")
  boolean batch;

  @Parameters(
      arity = "0..1",
      paramLabel = "TOKEN",
      description = "The token, or - to read it from stdin.")
  String token;

  @Override
  public Integer call() throws IOException {
    if (batch && token != null) {
      throw new BadInputException(
          "--batch reads tokens from stdin: do not also give a TOKEN argument");
    }
    if (!batch && token == null) {
      throw new BadInputException(
          "give the TOKEN to verify, - to read it from stdin, or --batch for one token per line");
    }
    List<ECPublicKey> keys = new ArrayList<>();
    for (Path p : publicKeys) {
      keys.add(KeyFiles.publicKey(p, "--public-key", KeyFiles.noPassphrase("--public-key", p)));
    }
    PlaybackTokenVerifier.Builder vb =
        PlaybackTokenVerifier.builder().publicKeys(keys).clock(env().clock());
    if (leeway != null) {
      vb.leeway(leeway);
    }
    PlaybackTokenVerifier verifier = vb.build();
    VerificationRequest request = VerificationRequest.forChannel(channelArn);
    if (origin != null) {
      request = request.withOrigin(origin);
    }
    return batch ? batch(verifier, request) : single(verifier, request);
  }

  private int single(PlaybackTokenVerifier verifier, VerificationRequest request)
      throws IOException {
    String t = token;
    if ("-".equals(t)) {
      BoundedLineReader reader =
          new BoundedLineReader(
              new BufferedReader(new InputStreamReader(env().stdin(), StandardCharsets.UTF_8)),
              MAX_LINE_CHARS);
      BoundedLineReader.Line line = reader.next();
      if (line == null || (!line.tooLong() && line.text().isEmpty())) {
        throw new BadInputException("no token on stdin (TOKEN was '-')");
      }
      if (line.tooLong()) {
        return report(
            new VerificationResult.Invalid(
                RejectionReason.TOO_LARGE,
                "the token is longer than " + MAX_LINE_CHARS + " characters"));
      }
      t = line.text();
    }
    return report(verifier.verify(t.strip(), request));
  }

  private int report(VerificationResult result) {
    if (result instanceof VerificationResult.Valid valid) {
      Map<String, Object> claims = ClaimsJson.toMap(valid.claims());
      if (json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", true);
        m.put("claims", claims);
        m.put("keyFingerprint", PlaybackKeys.fingerprint(valid.key()));
        out().println(Json.compact(m));
      } else {
        out().println(Json.pretty(claims));
        err().println("VALID: signed by key " + PlaybackKeys.fingerprint(valid.key()));
      }
      return 0;
    }
    VerificationResult.Invalid invalid = (VerificationResult.Invalid) result;
    out().println(json() ? Json.compact(invalidJson(invalid)) : invalidLine(invalid));
    return 1;
  }

  private int batch(PlaybackTokenVerifier verifier, VerificationRequest request) {
    PrintWriter out = out();
    BoundedLineReader reader =
        new BoundedLineReader(
            new BufferedReader(new InputStreamReader(env().stdin(), StandardCharsets.UTF_8), 65536),
            MAX_LINE_CHARS);
    boolean allValid = true;
    long count = 0;
    long valid = 0;
    try {
      BoundedLineReader.Line line;
      while ((line = reader.next()) != null) {
        count++;
        VerificationResult result;
        if (line.tooLong()) {
          result =
              new VerificationResult.Invalid(
                  RejectionReason.TOO_LARGE,
                  "line of " + line.length() + " characters is longer than " + MAX_LINE_CHARS);
        } else if (line.text().isEmpty()) {
          result = new VerificationResult.Invalid(RejectionReason.MALFORMED, "empty line");
        } else {
          result = verifier.verify(line.text(), request);
        }
        allValid &= result.isValid();
        if (result.isValid()) {
          valid++;
        }
        out.println(batchLine(result));
        if (!reader.ready()) {
          out.flush(); // the producer paused: let a consumer downstream see the results so far
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading tokens from stdin failed", e);
    }
    out.flush();
    err()
        .println(
            "verified "
                + count
                + " token(s): "
                + valid
                + " valid, "
                + (count - valid)
                + " invalid");
    return allValid ? 0 : 1;
  }

  private String batchLine(VerificationResult result) {
    if (json()) {
      if (result instanceof VerificationResult.Valid valid) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", true);
        m.put("claims", ClaimsJson.toMap(valid.claims()));
        return Json.compact(m);
      }
      return Json.compact(invalidJson((VerificationResult.Invalid) result));
    }
    if (result instanceof VerificationResult.Valid valid) {
      return "VALID " + Json.compact(ClaimsJson.toMap(valid.claims()));
    }
    return invalidLine((VerificationResult.Invalid) result);
  }

  private static String invalidLine(VerificationResult.Invalid invalid) {
    return "INVALID " + invalid.reason() + ": " + ErrorHandler.oneLine(invalid.message());
  }

  private static Map<String, Object> invalidJson(VerificationResult.Invalid invalid) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", false);
    m.put("reason", invalid.reason().name());
    m.put("message", ErrorHandler.oneLine(invalid.message()));
    return m;
  }
}

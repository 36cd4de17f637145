package dev.ivsplayback.local.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses ImportPlaybackKeyPair's publicKeyMaterial: exactly one SPKI "PUBLIC KEY" PEM block holding an EC P-384 key;
 * anything else is IVS's ValidationException. Computes the fingerprint as IVS does (MD5 of the DER SPKI, lower-case
 * hex pairs joined by ':').
 */
final class PublicKeyImport {
    static final String INVALID = "Request member: publicKeyMaterial failed to satisfy the constraints";
    private static final Pattern PEM = Pattern.compile(
            "\\s*-----BEGIN PUBLIC KEY-----\\r?\\n([A-Za-z0-9+/=\\r\\n]+)-----END PUBLIC KEY-----\\s*");

    private PublicKeyImport() {
    }

    static ECPublicKey parse(String pem) {
        Matcher m = PEM.matcher(pem);
        if (!m.matches()) {
            throw ApiException.validation(INVALID);
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 384
                    || !ec.getParams().toString().contains("secp384r1")) {
                throw ApiException.validation(INVALID);
            }
            return ec;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw ApiException.validation(INVALID);
        }
    }

    static String fingerprint(PublicKey key) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(key.getEncoded());
            StringBuilder sb = new StringBuilder();
            for (byte b : md5) {
                if (sb.length() > 0) {
                    sb.append(':');
                }
                sb.append(String.format("%02x", b & 0xff));
            }
            return sb.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }
}

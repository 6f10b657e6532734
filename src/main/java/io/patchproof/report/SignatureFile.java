package io.patchproof.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The detached signature of a manifest, {@code <stem>.manifest.json.sig}: plain US-ASCII text,
 * lines ending in LF, in this order:
 *
 * <pre>
 * patchproof detached signature 1
 * manifest: &lt;the manifest's file name&gt;
 * manifest-sha256: &lt;SHA-256 of the manifest's bytes, lower-case hex&gt;
 * algorithm: SHA256withRSA | SHA256withECDSA
 * certificate-sha256: &lt;SHA-256 of the certificate's DER encoding, lower-case hex&gt;
 * signature: &lt;the signature bytes (for ECDSA DER-encoded), base64 on one line&gt;
 * -----BEGIN CERTIFICATE-----
 * &lt;the signer's X.509 certificate, PEM, 64 characters a line&gt;
 * -----END CERTIFICATE-----
 * </pre>
 *
 * The signature is over the manifest's exact bytes, as the JCA algorithm named computes it, so
 * {@code openssl dgst -sha256 -verify} checks it with the certificate's public key (which
 * {@code openssl x509 -in <file> -pubkey -noout} reads from this very file: openssl skips the
 * lines before the PEM block). The {@code manifest-sha256} and {@code certificate-sha256} lines
 * help a reader; the proof is the signature alone. Immutable.
 */
record SignatureFile(String manifestName, String manifestSha256, String algorithm, String certificateSha256,
                     byte[] signature, X509Certificate certificate) {

    static final String FIRST_LINE = "patchproof detached signature 1";
    static final List<String> ALGORITHMS = List.of("SHA256withRSA", "SHA256withECDSA");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    /** Why a file is no signature file of this format. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    String render() {
        StringBuilder b = new StringBuilder();
        b.append(FIRST_LINE).append('\n')
                .append("manifest: ").append(manifestName).append('\n')
                .append("manifest-sha256: ").append(manifestSha256).append('\n')
                .append("algorithm: ").append(algorithm).append('\n')
                .append("certificate-sha256: ").append(certificateSha256).append('\n')
                .append("signature: ").append(Base64.getEncoder().encodeToString(signature)).append('\n');
        b.append(pem(certificate));
        return b.toString();
    }

    /** A certificate in PEM, 64 characters a line, ending in a newline. */
    static String pem(X509Certificate certificate) {
        try {
            return BEGIN + '\n' + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + '\n' + END + '\n';
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a certificate loaded from a keystore has an encoding", e);
        }
    }

    /** SHA-256 of a certificate's DER encoding, lower-case hex: what {@code openssl x509 -fingerprint -sha256} shows. */
    static String fingerprint(X509Certificate certificate) {
        try {
            return Sha256.hex(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a certificate loaded from a keystore has an encoding", e);
        }
    }

    /**
     * @throws Malformed when the bytes are not a signature file of this format (the message says
     *                   what is wrong and on which line)
     */
    static SignatureFile parse(byte[] bytes) throws Malformed {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        for (int k = 0; k < bytes.length; k++) {
            if (bytes[k] < 0) {
                throw new Malformed("it holds a byte that is not ASCII (offset " + k + ")");
            }
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        if (lines.length == 0 || !lines[0].equals(FIRST_LINE)) {
            throw new Malformed("its first line is not '" + FIRST_LINE + "'");
        }
        String manifest = field(lines, 1, "manifest");
        String manifestSha = field(lines, 2, "manifest-sha256");
        String algorithm = field(lines, 3, "algorithm");
        String certificateSha = field(lines, 4, "certificate-sha256");
        String signatureText = field(lines, 5, "signature");
        if (!HEX64.matcher(manifestSha).matches()) {
            throw new Malformed("line 3: manifest-sha256 is not 64 lower-case hex digits");
        }
        if (!ALGORITHMS.contains(algorithm)) {
            throw new Malformed("line 4: algorithm '" + algorithm + "' is not one of " + ALGORITHMS);
        }
        if (!HEX64.matcher(certificateSha).matches()) {
            throw new Malformed("line 5: certificate-sha256 is not 64 lower-case hex digits");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureText);
        } catch (IllegalArgumentException e) {
            throw new Malformed("line 6: the signature is not base64 (" + e.getMessage() + ")");
        }
        if (signature.length == 0) {
            throw new Malformed("line 6: the signature is empty");
        }
        if (lines.length < 8 || !lines[6].equals(BEGIN)) {
            throw new Malformed("line 7 is not '" + BEGIN + "'");
        }
        int end = -1;
        StringBuilder body = new StringBuilder();
        for (int k = 7; k < lines.length; k++) {
            if (lines[k].equals(END)) {
                end = k;
                break;
            }
            body.append(lines[k]);
        }
        if (end < 0) {
            throw new Malformed("the certificate has no '" + END + "' line");
        }
        for (int k = end + 1; k < lines.length; k++) {
            if (!lines[k].isEmpty()) {
                throw new Malformed("line " + (k + 1) + ": text after the certificate");
            }
        }
        X509Certificate certificate;
        try {
            byte[] der = Base64.getDecoder().decode(body.toString());
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException e) {
            throw new Malformed("the certificate cannot be read (" + e.getMessage() + ")");
        }
        return new SignatureFile(manifest, manifestSha, algorithm, certificateSha, signature, certificate);
    }

    /** The algorithm a key of this type signs with, or null when it is neither RSA nor EC. */
    static String algorithmFor(String keyAlgorithm) {
        return switch (keyAlgorithm.toUpperCase(Locale.ROOT)) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
    }

    private static String field(String[] lines, int index, String name) throws Malformed {
        String prefix = name + ": ";
        if (lines.length <= index || !lines[index].startsWith(prefix)) {
            throw new Malformed("line " + (index + 1) + " is not '" + prefix + "...'");
        }
        return lines[index].substring(prefix.length());
    }
}

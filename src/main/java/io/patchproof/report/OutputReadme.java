package io.patchproof.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output folder's {@code README.txt} where sets are signed: which certificates have signed
 * sets here (SHA-256 fingerprints), and how to verify a set with patchproof or with openssl.
 *
 * <p>Each signed publish renews it: the certificates it already lists stay (a key that was
 * replaced still verifies the sets it signed), the one in use is added or its line brought up to
 * date. A {@code README.txt} that patchproof did not write is kept, below patchproof's text, not
 * dropped. Stateless and thread-safe.
 */
final class OutputReadme {

    static final String TITLE = "patchproof report sets: how to verify them";
    /** A certificate line: two spaces, the fingerprint, two spaces, what it is. */
    private static final Pattern CERTIFICATE = Pattern.compile("(?m)^  ([0-9a-f]{64})  (.*)$");
    private static final String KEPT = "---- the earlier README.txt of this folder, kept as it was ----";

    private OutputReadme() {
    }

    /**
     * @param existing the folder's README as it is, or null
     * @param signer   the certificate signing now
     * @param now      the time of this publish (its date goes on the signer's line)
     */
    static String render(String existing, ManifestSigner.Signer signer, Instant now) {
        Map<String, String> certificates = new LinkedHashMap<>();
        String foreign = null;
        if (existing != null && !existing.isBlank()) {
            if (existing.startsWith(TITLE)) {
                int cut = existing.indexOf(KEPT);
                String ours = cut < 0 ? existing : existing.substring(0, cut);
                Matcher m = CERTIFICATE.matcher(ours);
                while (m.find()) {
                    certificates.put(m.group(1), m.group(2));
                }
                foreign = cut < 0 ? null : existing.substring(cut + KEPT.length()).strip();
            } else {
                foreign = existing.strip();
            }
        }
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        certificates.put(signer.certificateSha256(), signer.subject() + ", " + signer.algorithm() + ", valid until "
                + signer.notAfter().atOffset(ZoneOffset.UTC).toLocalDate() + ", last used " + today);
        String fingerprint = signer.certificateSha256();

        StringBuilder b = new StringBuilder();
        b.append(TITLE).append("\n\n");
        b.append("""
                A report set is <stem>.xlsx, <stem>.findings.csv and <stem>.manifest.json; the manifest
                lists the SHA-256 of each file of the set. A signed set also has
                <stem>.manifest.json.sig: a detached signature of the manifest's exact bytes, with the
                signer's certificate.

                Certificates that have signed sets in this folder (SHA-256 fingerprint of the
                certificate, then its subject, algorithm and validity):

                """);
        certificates.forEach((fp, what) -> b.append("  ").append(fp).append("  ").append(what).append('\n'));
        b.append("""

                Anyone who can write to this folder can change this file too: confirm the fingerprint
                with the team that publishes the sets, by another channel, before relying on it.

                To check a set with patchproof (exit code 0 and one line when it is intact; one line per
                problem and exit code 6 when not):

                  java -jar patchproof.jar verify <stem>.manifest.json \\
                      --patchproof.verify.fingerprint=%s

                To check it with openssl instead (bash):

                  openssl x509 -in <stem>.manifest.json.sig -noout -fingerprint -sha256
                      (the same fingerprint, in capitals with colons)
                  openssl x509 -in <stem>.manifest.json.sig -pubkey -noout > signer.pub
                  sed -n 's/^signature: //p' <stem>.manifest.json.sig | openssl base64 -d -A > manifest.sig.bin
                  openssl dgst -sha256 -verify signer.pub -signature manifest.sig.bin <stem>.manifest.json
                      ("Verified OK": the manifest is as it was signed)
                  sha256sum <stem>.xlsx <stem>.findings.csv
                      (each must equal its "sha256" under "outputs" in the manifest)
                """.formatted(fingerprint));
        if (foreign != null && !foreign.isEmpty()) {
            b.append('\n').append(KEPT).append("\n\n").append(foreign).append('\n');
        }
        return b.toString();
    }
}

package io.patchproof.report;

import static io.patchproof.testsupport.FindingBuilders.aMissingFinding;
import static io.patchproof.testsupport.FindingBuilders.aNotInEffectFinding;
import static io.patchproof.testsupport.FindingBuilders.anInEffectFinding;
import static io.patchproof.testsupport.ReportDataBuilder.aReport;
import static io.patchproof.testsupport.ReportJson.object;
import static io.patchproof.testsupport.TestKeystores.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.ReportJson;
import io.patchproof.testsupport.TestKeystores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Published sets, signed and unsigned, checked as they are and after each kind of tampering. */
class SetVerifierTests {

    private static final String STEM = "monthly-PS1-2008-11-30";

    @TempDir
    static Path keys;
    static Path publisherKeys;
    static Path otherKeys;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeKeystores() {
        publisherKeys = TestKeystores.rsa(keys, "publisher.p12", "publisher");
        otherKeys = TestKeystores.ec(keys, "other.p12", "other");
    }

    private static ManifestSigning signing(Path store, String alias) {
        return ManifestSigning.of(store.toString(), alias, PASSWORD);
    }

    private PublishedSet publish(ManifestSigning signing) {
        ReportData data = aReport().with(aNotInEffectFinding().build(), aMissingFinding().host("WS-1").build(),
                anInEffectFinding().host("SRV-2").build()).build();
        return new ReportPublisher().signedWith(signing).publish(data, ReportTemplate.monthlyFromClasspath(), dir, STEM);
    }

    private Path manifest() {
        return dir.resolve(STEM + ".manifest.json");
    }

    private Path signature() {
        return dir.resolve(STEM + ".manifest.json.sig");
    }

    private static String fingerprint(Path store, String alias) {
        return ManifestSigner.load(store, alias, PASSWORD.toCharArray(), Instant.now()).signer().certificateSha256();
    }

    @Test
    void anIntactUnsignedSetVerifiesAndSaysItIsNotSigned() throws IOException {
        publish(ManifestSigning.NONE);

        SetVerifier.Result result = SetVerifier.verify(manifest(), null);

        assertThat(result.problems()).isEmpty();
        assertThat(result.files()).isEqualTo(2);
        assertThat(result.summary()).startsWith("intact: " + STEM + ".manifest.json and the 2 files it lists")
                .contains(STEM + ".xlsx", STEM + ".findings.csv").endsWith("not signed");
        assertThat(object(ReportJson.parse(Files.readString(manifest()))).get("signed")).isEqualTo(false);
        assertThat(signature()).doesNotExist();
        assertThat(dir.resolve("README.txt")).as("only signed publishing writes the folder's README").doesNotExist();
    }

    @Test
    void anIntactSignedSetVerifiesAndNamesItsSigner() throws IOException {
        publish(signing(publisherKeys, "publisher"));
        String fingerprint = fingerprint(publisherKeys, "publisher");

        SetVerifier.Result result = SetVerifier.verify(manifest(), null);

        assertThat(result.problems()).isEmpty();
        assertThat(result.signer()).isEqualTo(fingerprint);
        assertThat(result.summary()).contains("signed by the certificate sha256 " + fingerprint)
                .contains("CN=patchproof test publisher");
        Map<String, Object> m = object(ReportJson.parse(Files.readString(manifest())));
        assertThat(m.get("signed")).isEqualTo(true);
        assertThat(object(m.get("signer"))).containsEntry("certificateSha256", fingerprint)
                .containsEntry("algorithm", "SHA256withRSA");
        assertThat(SetVerifier.verify(manifest(), fingerprint).problems()).as("the required signer").isEmpty();
        assertThat(SetVerifier.verify(manifest(), fingerprint).summary()).endsWith(", the one required");
    }

    @Test
    void theFoldersReadmeNamesTheCertificateAndHowToVerifyAndKeepsEarlierCertificates() throws IOException {
        Files.writeString(dir.resolve("README.txt"), "Reports for the audit committee.\n");
        publish(signing(publisherKeys, "publisher"));
        String first = fingerprint(publisherKeys, "publisher");
        new ReportPublisher().signedWith(signing(otherKeys, "other")).publish(aReport().with(aMissingFinding().build())
                .build(), ReportTemplate.monthlyFromClasspath(), dir, "monthly-PS1-2008-12-31");
        String second = fingerprint(otherKeys, "other");

        String readme = Files.readString(dir.resolve("README.txt"));

        assertThat(readme).startsWith(OutputReadme.TITLE).contains("  " + first + "  CN=patchproof test publisher")
                .contains("  " + second + "  CN=patchproof test other").contains("SHA256withECDSA")
                .contains("verify <stem>.manifest.json").contains("--patchproof.verify.fingerprint=" + second)
                .contains("openssl dgst -sha256 -verify").contains("Reports for the audit committee.");
        assertThat(readme.indexOf(first)).isLessThan(readme.indexOf(second));
        assertThat(SetVerifier.verify(manifest(), first).problems()).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file is left")
                    .noneMatch(name -> name.startsWith("."));
        }
    }

    @Test
    void aCsvWithOneChangedByteIsReportedWithBothHashes() throws IOException {
        PublishedSet set = publish(signing(publisherKeys, "publisher"));
        Path csv = set.findings().path();
        byte[] bytes = Files.readAllBytes(csv);
        bytes[bytes.length / 2] ^= 1;
        Files.write(csv, bytes);

        SetVerifier.Result result = SetVerifier.verify(manifest(), null);

        assertThat(result.problems()).containsExactly("changed: " + STEM + ".findings.csv: sha256 expected "
                + set.findings().sha256() + ", actual " + Sha256.hex(bytes) + " (same size, " + bytes.length + " bytes)");
        assertThat(result.intact()).isFalse();
        assertThat(result.signer()).isNull();
    }

    @Test
    void aRemovedFileIsReportedAsMissingAndEveryOtherProblemToo() throws IOException {
        PublishedSet set = publish(ManifestSigning.NONE);
        Files.delete(set.workbook().path());
        Files.writeString(set.findings().path(), "short");

        SetVerifier.Result result = SetVerifier.verify(manifest(), null);

        assertThat(result.problems()).hasSize(2);
        assertThat(result.problems().get(0)).startsWith("missing: " + STEM + ".xlsx: the manifest lists it (sha256 "
                + set.workbook().sha256() + ") but it is not in ");
        assertThat(result.problems().get(1)).startsWith("changed: " + STEM + ".findings.csv").contains("size expected");
    }

    @Test
    void aSignatureByAnotherKeyOverTheSameManifestIsWrong() throws Exception {
        publish(signing(publisherKeys, "publisher"));
        byte[] manifest = Files.readAllBytes(manifest());
        ManifestSigner other = ManifestSigner.load(otherKeys, "other", PASSWORD.toCharArray(), Instant.now());
        Files.write(signature(), other.sign(STEM + ".manifest.json", manifest));

        SetVerifier.Result result = SetVerifier.verify(manifest(), null);

        assertThat(result.problems()).containsExactly("signature wrong: " + STEM + ".manifest.json.sig is signed by the"
                + " certificate sha256 " + other.signer().certificateSha256() + ", but the manifest names "
                + fingerprint(publisherKeys, "publisher") + "; the set was re-signed by someone else");
    }

    @Test
    void signatureBytesOfAnotherKeyUnderThePublishersCertificateAreWrong() throws Exception {
        publish(signing(publisherKeys, "publisher"));
        byte[] manifest = Files.readAllBytes(manifest());
        SignatureFile genuine = SignatureFile.parse(Files.readAllBytes(signature()));
        ManifestSigner impostor = ManifestSigner.load(TestKeystores.rsa(keys, "impostor.p12", "impostor"), "impostor",
                PASSWORD.toCharArray(), Instant.now());
        SignatureFile forged = SignatureFile.parse(impostor.sign(STEM + ".manifest.json", manifest));
        Files.writeString(signature(), new SignatureFile(genuine.manifestName(), genuine.manifestSha256(),
                genuine.algorithm(), genuine.certificateSha256(), forged.signature(), genuine.certificate()).render());

        SetVerifier.Result result = SetVerifier.verify(manifest(), null);

        assertThat(result.problems()).singleElement().asString()
                .startsWith("signature wrong: " + STEM + ".manifest.json.sig does not match " + STEM + ".manifest.json:")
                .contains("was not made with the key of the certificate it carries");
    }

    @Test
    void aManifestChangedByOneByteAfterSigningFailsItsOldSignature() throws IOException {
        publish(signing(publisherKeys, "publisher"));
        String original = Files.readString(manifest());
        String changed = original.replaceFirst("\"FAILED\": 0", "\"FAILED\": 1");
        assertThat(changed).isNotEqualTo(original);
        Files.writeString(manifest(), changed);

        SetVerifier.Result result = SetVerifier.verify(manifest(), null);

        assertThat(result.problems()).singleElement().asString().contains("does not match")
                .contains("the manifest was changed after it was signed (sha256 when signed "
                        + Sha256.hex(original) + ", now " + Sha256.hex(changed) + ")");
    }

    @Test
    void aSignatureMissingWhereTheManifestSaysSignedIsReported() throws IOException {
        publish(signing(publisherKeys, "publisher"));
        Files.delete(signature());

        SetVerifier.Result result = SetVerifier.verify(manifest(), null);

        assertThat(result.problems()).singleElement().asString().startsWith("signature missing: " + STEM
                + ".manifest.json.sig: the manifest says the set is signed by the certificate sha256 "
                + fingerprint(publisherKeys, "publisher"));
    }

    @Test
    void aSignatureFileThatIsNotOneIsReported() throws IOException {
        publish(signing(publisherKeys, "publisher"));
        Files.writeString(signature(), "hello\n");

        assertThat(SetVerifier.verify(manifest(), null).problems()).singleElement().asString()
                .startsWith("signature wrong: " + STEM + ".manifest.json.sig is not a patchproof signature file: its first line");
    }

    @Test
    void aRequiredFingerprintRefusesAnotherSignerAndAnUnsignedSet() throws IOException {
        publish(signing(otherKeys, "other"));
        String required = fingerprint(publisherKeys, "publisher");

        assertThat(SetVerifier.verify(manifest(), required).problems()).singleElement().asString()
                .startsWith("wrong signer: " + STEM + ".manifest.json is signed by the certificate sha256 "
                        + fingerprint(otherKeys, "other")).endsWith("not by " + required
                        + " as --patchproof.verify.fingerprint requires");

        Files.delete(manifest());
        Files.delete(signature());
        Files.delete(dir.resolve(STEM + ".xlsx"));
        Files.delete(dir.resolve(STEM + ".findings.csv"));
        publish(ManifestSigning.NONE);
        assertThat(SetVerifier.verify(manifest(), required).problems()).singleElement().asString()
                .startsWith("not signed: " + STEM + ".manifest.json says the set is not signed, but");
    }

    @Test
    void aManifestThatIsNotJsonOrLacksTheFileListIsReported() throws IOException {
        publish(ManifestSigning.NONE);
        String original = Files.readString(manifest());

        Files.writeString(manifest(), original.substring(0, original.length() / 2));
        assertThat(SetVerifier.verify(manifest(), null).problems()).singleElement().asString()
                .startsWith("malformed manifest: " + STEM + ".manifest.json is not JSON: ").contains("(line ");

        Files.writeString(manifest(), original.replace("\"outputs\"", "\"files\""));
        assertThat(SetVerifier.verify(manifest(), null).problems()).singleElement().asString()
                .startsWith("malformed manifest: " + STEM + ".manifest.json lacks the file list");

        Files.writeString(manifest(), "[1, 2]");
        assertThat(SetVerifier.verify(manifest(), null).problems()).singleElement().asString()
                .contains("is JSON but not an object");

        Files.write(manifest(), new byte[] {'{', (byte) 0xC3, '}'});
        assertThat(SetVerifier.verify(manifest(), null).problems()).singleElement().asString().contains("is not UTF-8");
    }

    @Test
    void aListedNameOutsideTheManifestsFolderIsRefusedNotRead() throws IOException {
        publish(ManifestSigning.NONE);
        Files.writeString(manifest(), Files.readString(manifest()).replace("\"name\": \"" + STEM + ".xlsx\"",
                "\"name\": \"../" + STEM + ".xlsx\""));

        assertThat(SetVerifier.verify(manifest(), null).problems()).singleElement().asString()
                .contains("\"../" + STEM + ".xlsx\" is not a file name in the manifest's folder");
    }

    @Test
    void fingerprintsAreTakenAsPeopleWriteThem() {
        String hex = "ab".repeat(32);
        assertThat(SetVerifier.normalizeFingerprint("AB:".repeat(31) + "AB")).isEqualTo(hex);
        assertThat(SetVerifier.normalizeFingerprint(" " + hex.toUpperCase() + " ")).isEqualTo(hex);
        assertThat(SetVerifier.normalizeFingerprint("sha256:" + hex)).isEqualTo(hex);
        assertThat(SetVerifier.normalizeFingerprint("ab".repeat(31))).isNull();
        assertThat(SetVerifier.normalizeFingerprint("zz".repeat(32))).isNull();
    }

    @Test
    void aKilledSignedPublishLeavesNoHalfSetAfterItsLeftoversAreCleaned() throws IOException {
        ReportPublisher publisher = new ReportPublisher().signedWith(signing(publisherKeys, "publisher")).owned("abc");
        // What a publish killed before its moves leaves: temporary files of every kind, owned by "abc".
        for (String name : new String[] {STEM + ".xlsx", STEM + ".findings.csv", STEM + ".manifest.json.sig",
                "README.txt", STEM + ".manifest.json"}) {
            Files.writeString(dir.resolve("." + name + ".abc.k3j2.tmp"), "partial");
        }
        Files.writeString(dir.resolve("README.txt"), "the folder's note as it was\n");

        publisher.cleanLeftovers(dir);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("README.txt");
        }
        assertThat(Files.readString(dir.resolve("README.txt"), StandardCharsets.UTF_8)).isEqualTo("the folder's note as it was\n");
    }
}

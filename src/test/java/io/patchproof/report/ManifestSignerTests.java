package io.patchproof.report;

import static io.patchproof.testsupport.TestKeystores.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.testsupport.TestKeystores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the signing key: every configuration error named with its fix, and signatures the JCA verifies. */
class ManifestSignerTests {

    @TempDir
    static Path keys;
    static Path rsa;
    static Path ec;
    static Path twoKeys;

    @BeforeAll
    static void makeKeystores() {
        rsa = TestKeystores.rsa(keys, "rsa.p12", "publisher");
        ec = TestKeystores.ec(keys, "ec.p12", "publisher");
        twoKeys = TestKeystores.rsa(keys, "two.p12", "first");
        TestKeystores.addRsa(twoKeys, "second");
        TestKeystores.addCertificateOnly(ec, "publisher", twoKeys, "someone-elses");
    }

    private static ManifestSigner load(Path store, String alias, String password) {
        return ManifestSigner.load(store, alias, password == null ? null : password.toCharArray(), Instant.now());
    }

    @Test
    void anRsaKeySignsWithSha256WithRsaAndTheSignatureFileCarriesACertificateThatVerifiesIt() throws Exception {
        assertSignsAndVerifies(load(rsa, "publisher", PASSWORD), "SHA256withRSA");
    }

    @Test
    void anEcKeySignsWithSha256WithEcdsa() throws Exception {
        assertSignsAndVerifies(load(ec, "publisher", PASSWORD), "SHA256withECDSA");
    }

    private static void assertSignsAndVerifies(ManifestSigner signer, String algorithm) throws Exception {
        byte[] manifest = "{\"outputs\": []}\n".getBytes(StandardCharsets.UTF_8);
        SignatureFile file = SignatureFile.parse(signer.sign("x.manifest.json", manifest));

        assertThat(signer.signer().algorithm()).isEqualTo(algorithm);
        assertThat(file.algorithm()).isEqualTo(algorithm);
        assertThat(file.manifestName()).isEqualTo("x.manifest.json");
        assertThat(file.manifestSha256()).isEqualTo(Sha256.hex(manifest));
        assertThat(file.certificateSha256()).isEqualTo(signer.signer().certificateSha256())
                .isEqualTo(SignatureFile.fingerprint(file.certificate()));
        assertThat(signer.signer().subject()).contains("CN=patchproof test publisher");
        Signature verify = Signature.getInstance(algorithm);
        verify.initVerify(file.certificate().getPublicKey());
        verify.update(manifest);
        assertThat(verify.verify(file.signature())).isTrue();
        verify.initVerify(file.certificate().getPublicKey());
        verify.update("{\"outputs\": [] }\n".getBytes(StandardCharsets.UTF_8));
        assertThat(verify.verify(file.signature())).as("one byte more").isFalse();
    }

    @Test
    void withoutAnAliasTheOnlyKeyPairIsUsedButAmongSeveralOneMustBeNamed() {
        assertThat(load(rsa, null, PASSWORD).signer().subject()).contains("publisher");
        assertThatThrownBy(() -> load(twoKeys, " ", PASSWORD)).isInstanceOf(SigningException.class)
                .hasMessageContaining("patchproof.signing.alias is not set").hasMessageContaining("first, second");
        assertThat(load(twoKeys, "second", PASSWORD).signer().subject()).contains("CN=second second");
    }

    @Test
    void aMissingKeystoreIsNamedWithHowToMakeOne() {
        assertThatThrownBy(() -> load(keys.resolve("nope.p12"), "publisher", PASSWORD)).isInstanceOf(SigningException.class)
                .hasMessageContaining("patchproof.signing.keystore").hasMessageContaining("nope.p12")
                .hasMessageContaining("does not exist").hasMessageContaining("keytool -genkeypair");
    }

    @Test
    void aFileThatIsNoKeystoreIsNamed() throws IOException {
        Path text = Files.writeString(keys.resolve("notes.p12"), "not a keystore");
        assertThatThrownBy(() -> load(text, "publisher", PASSWORD)).isInstanceOf(SigningException.class)
                .hasMessageContaining("notes.p12").hasMessageContaining("is not a PKCS#12 keystore");
    }

    @Test
    void aWrongPasswordIsNamedWithTheVariableThatGivesIt() {
        assertThatThrownBy(() -> load(rsa, "publisher", "wrong")).isInstanceOf(SigningException.class)
                .hasMessageContaining("patchproof.signing.password is wrong").hasMessageContaining("PATCHPROOF_SIGNING_PASSWORD")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void noPasswordAtAllIsNamed() {
        assertThatThrownBy(() -> load(rsa, "publisher", null)).isInstanceOf(SigningException.class)
                .hasMessageContaining("no password").hasMessageContaining("PATCHPROOF_SIGNING_PASSWORD");
    }

    @Test
    void aWrongAliasListsTheKeyPairsThere() {
        assertThatThrownBy(() -> load(twoKeys, "publisher", PASSWORD)).isInstanceOf(SigningException.class)
                .hasMessageContaining("patchproof.signing.alias: 'publisher' is not in the keystore")
                .hasMessageContaining("first, second");
    }

    @Test
    void anAliasOfACertificateWithoutItsKeyIsRefused() {
        assertThatThrownBy(() -> load(twoKeys, "someone-elses", PASSWORD)).isInstanceOf(SigningException.class)
                .hasMessageContaining("'someone-elses'").hasMessageContaining("certificate without its private key");
    }

    @Test
    void anExpiredCertificateIsRefusedWithItsEndDate() {
        Path expired = TestKeystores.expired(keys, "expired.p12", "old");
        assertThatThrownBy(() -> load(expired, "old", PASSWORD)).isInstanceOf(SigningException.class)
                .hasMessageContaining("'old'").hasMessageContaining("expired on").hasMessageContaining("make a new key pair");
    }

    @Test
    void aCertificateNotYetValidIsRefused() {
        assertThatThrownBy(() -> ManifestSigner.load(rsa, "publisher", PASSWORD.toCharArray(),
                Instant.now().minusSeconds(86_400L * 30))).isInstanceOf(SigningException.class)
                .hasMessageContaining("is not valid before");
    }

    @Test
    void aKeyOfAnotherTypeThanRsaOrEcIsRefused() {
        Path dsa = TestKeystores.dsa(keys, "dsa.p12", "old");
        assertThatThrownBy(() -> load(dsa, "old", PASSWORD)).isInstanceOf(SigningException.class)
                .hasMessageContaining("DSA key").hasMessageContaining("RSA or EC");
    }

    @Test
    void settingsThatContradictEachOtherAreRefusedAndNoKeystoreMeansUnsigned() {
        assertThat(ManifestSigning.of(null, null, "whatever").configured()).isFalse();
        assertThat(ManifestSigning.of(" ", null, null).load(Instant.now())).isNull();
        assertThatThrownBy(() -> ManifestSigning.of("", "publisher", PASSWORD)).isInstanceOf(SigningException.class)
                .hasMessageContaining("patchproof.signing.alias is set").hasMessageContaining("patchproof.signing.keystore is not");
        assertThatThrownBy(() -> ManifestSigning.of("classpath:keys.p12", null, PASSWORD)).isInstanceOf(SigningException.class)
                .hasMessageContaining("on the class path");
        assertThat(ManifestSigning.of("file:" + rsa, "publisher", PASSWORD).load(Instant.now()).signer().algorithm())
                .isEqualTo("SHA256withRSA");
        assertThat(ManifestSigning.of(rsa.toString(), "publisher", PASSWORD).toString()).doesNotContain(PASSWORD).contains("****");
    }
}

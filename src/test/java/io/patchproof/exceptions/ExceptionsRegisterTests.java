package io.patchproof.exceptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.reconcile.HostFacts;
import io.patchproof.reconcile.Severity;
import io.patchproof.reconcile.UpdateFacts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExceptionsRegisterTests {

    private static final String HEADER = ExceptionsRegister.HEADER + "\n";
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 16);

    private static ExceptionsRegister parse(String text) {
        return ExceptionsRegister.parse("exceptions.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    private static String problem(String text) {
        try {
            parse(text);
        } catch (ExceptionsFileException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0);
        }
        throw new AssertionError("the register was accepted");
    }

    @Test
    void aRegisterWithBomCommentsBlankLinesAndQuotedFieldsIsRead() {
        ExceptionsRegister r = parse("\uFEFF# approved at the change board\n" + HEADER + "\n"
                + "collection:pp100013,kb5071967,\"Restarts only in the window, \"\"Wednesday\"\"\",SMB signing,CISO,2026-10-27,2026-12-31\n"
                + "# a comment is not counted\n"
                + "SRVHYV00*,ms26-067,Cluster maintenance,,CISO,2026-10-28,2026-12-15\r\n");
        assertThat(r.lines()).hasSize(2);
        ExceptionLine first = r.lines().get(0);
        assertThat(first.lineNumber()).isEqualTo(4);
        assertThat(first.host()).isEqualTo("collection:PP100013");
        assertThat(first.update()).isEqualTo("KB5071967");
        assertThat(first.reason()).isEqualTo("Restarts only in the window, \"Wednesday\"");
        assertThat(r.lines().get(1).update()).isEqualTo("MS26-067");
        assertThat(r.lines().get(1).compensatingControl()).isEmpty();
        assertThat(r.collectionIds()).containsExactly("PP100013");
    }

    @Test
    void theShaIsOfTheFileBytesAsRead(@TempDir Path dir) throws Exception {
        byte[] bytes = (HEADER + "SRV01,958644,r,c,CISO,2026-01-01,2026-12-31\n").getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("exceptions.csv");
        Files.write(file, bytes);
        ExceptionsRegister r = ExceptionsRegister.load("file:" + file, true);
        assertThat(r.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    @Test
    void anAbsentDefaultFileIsNoRegisterButAnAbsentConfiguredFileIsRefused(@TempDir Path dir) {
        String missing = dir.resolve("exceptions.csv").toString();
        assertThat(ExceptionsRegister.load(missing, false).present()).isFalse();
        assertThatThrownBy(() -> ExceptionsRegister.load(missing, true)).isInstanceOf(ExceptionsFileException.class)
                .hasMessageContaining("patchproof.exceptions.file").hasMessageContaining("does not exist");
    }

    @Test
    void aWrongHeaderIsRefused() {
        assertThat(problem("host,kb,reason\n")).contains("line 1").contains("header").contains(ExceptionsRegister.HEADER);
    }

    @Test
    void aWrongColumnCountIsRefusedWithTheFix() {
        assertThat(problem(HEADER + "SRV01,958644,r,c,CISO,2026-01-01\n")).contains("line 2").contains("6 columns")
                .contains("quote a field");
    }

    @Test
    void anUnbalancedQuoteIsRefused() {
        assertThat(problem(HEADER + "SRV01,958644,\"open reason,c,CISO,2026-01-01,2026-12-31\n")).contains("line 2")
                .contains("unbalanced");
    }

    @Test
    void everyEmptyRequiredFieldIsNamed() {
        ExceptionsFileException e = (ExceptionsFileException) catchThrowable(HEADER + ",,,,,,\n");
        assertThat(e.problems()).anyMatch(p -> p.contains("column host: is empty"))
                .anyMatch(p -> p.contains("column update: is empty"))
                .anyMatch(p -> p.contains("column reason: is empty"))
                .anyMatch(p -> p.contains("column approver: is empty"))
                .anyMatch(p -> p.contains("column approved_on: is empty"))
                .anyMatch(p -> p.contains("column expires_on: is empty"))
                .noneMatch(p -> p.contains("compensating_control"));
    }

    @Test
    void aBadDateIsRefusedWithTheFormat() {
        assertThat(problem(HEADER + "SRV01,958644,r,c,CISO,16/11/2026,2026-12-31\n"))
                .contains("line 2, column approved_on").contains("yyyy-MM-dd");
        assertThat(problem(HEADER + "SRV01,958644,r,c,CISO,2026-01-01,2026-02-30\n")).contains("column expires_on");
    }

    @Test
    void anExpiryBeforeTheApprovalIsRefused() {
        assertThat(problem(HEADER + "SRV01,958644,r,c,CISO,2026-06-01,2026-05-31\n"))
                .contains("line 2, column expires_on").contains("before approved_on");
    }

    @Test
    void aBadKbOrBulletinIsRefused() {
        assertThat(problem(HEADER + "SRV01,Q12,r,c,CISO,2026-01-01,2026-12-31\n")).contains("column update")
                .contains("KB number");
        assertThat(problem(HEADER + "SRV01,MS8-67,r,c,CISO,2026-01-01,2026-12-31\n")).contains("column update");
    }

    @Test
    void everyHostWithEveryUpdateIsRefused() {
        assertThat(problem(HEADER + "*,*,r,c,CISO,2026-01-01,2026-12-31\n")).contains("column host")
                .contains("every host from every update");
    }

    @Test
    void aBadCollectionIdOrHostNameIsRefused() {
        assertThat(problem(HEADER + "collection:ALL,958644,r,c,CISO,2026-01-01,2026-12-31\n")).contains("CollectionID");
        assertThat(problem(HEADER + "SRV 01,958644,r,c,CISO,2026-01-01,2026-12-31\n")).contains("not a host name");
    }

    @Test
    void aDuplicateLineIsRefusedButARenewalIsNot() {
        assertThat(problem(HEADER + "SRV01,958644,r,c,CISO,2026-01-01,2026-12-31\n"
                + "srv01,KB958644,r2,c,CISO,2026-06-01,2027-06-30\n")).contains("line 3").contains("duplicates line 2");
        assertThat(parse(HEADER + "SRV01,958644,r,c,CISO,2025-01-01,2025-12-31\n"
                + "SRV01,958644,renewed,c,CISO,2026-01-01,2026-12-31\n").lines()).hasSize(2);
    }

    @Test
    void allProblemsAreCollectedAndTheListIsCapped() {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < 25; i++) {
            text.append("SRV").append(i).append(",958644,r,c,CISO,bad,2026-12-31\n");
        }
        ExceptionsFileException e = (ExceptionsFileException) catchThrowable(text.toString());
        assertThat(e.problems()).hasSize(25);
        assertThat(e.getMessage()).contains("25 problems").contains("line 2,").contains("line 21,")
                .doesNotContain("line 22,").contains("and 5 more");
    }

    @Test
    void anExceptionCoversThroughItsExpiryDayAndNotBeforeItsApproval() {
        ExceptionsRegister r = parse(HEADER + "SRV01,958644,r,c,CISO,2026-11-16,2026-11-16\n");
        ExceptionLine l = r.lines().get(0);
        assertThat(ExceptionsRegister.state(l, AS_OF)).isEqualTo(ExceptionState.ACTIVE);
        assertThat(ExceptionsRegister.state(l, AS_OF.plusDays(1))).isEqualTo(ExceptionState.EXPIRED);
        assertThat(ExceptionsRegister.state(l, AS_OF.minusDays(1))).isEqualTo(ExceptionState.NOT_YET_APPROVED);
    }

    @Test
    void activeLinesMatchByPatternCollectionKbAndBulletin() {
        ExceptionsRegister r = parse(HEADER
                + "srv-db*,958644,patterned,c,CISO,2026-01-01,2026-12-31\n"
                + "collection:PP100013,MS08-067,by collection,c,CISO,2026-01-01,2026-12-31\n"
                + "SRV-OLD,*,expired,c,CISO,2025-01-01,2025-12-31\n");
        ExceptionMatcher m = new ExceptionMatcher(r, AS_OF, Map.of("PP100013", Set.of(7)));
        UpdateFacts kb = update("958644", "MS08-067");
        UpdateFacts other = update("123456", "MS09-001");
        assertThat(m.exemptReason(host(1, "SRV-DB01"), kb)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("exceptions.csv line 2: patterned").contains("approved by CISO on 2026-01-01, expires 2026-12-31"));
        assertThat(m.exemptReason(host(1, "SRV-DB01"), other)).isEmpty();
        assertThat(m.exemptReason(host(7, "ANY"), kb)).hasValueSatisfying(reason -> assertThat(reason).contains("line 3"));
        assertThat(m.exemptReason(host(8, "ANY"), kb)).isEmpty();
        assertThat(m.exemptReason(host(9, "SRV-OLD"), other)).isEmpty();
    }

    private static Throwable catchThrowable(String text) {
        try {
            parse(text);
        } catch (ExceptionsFileException e) {
            return e;
        }
        throw new AssertionError("the register was accepted");
    }

    static HostFacts host(int resourceId, String name) {
        return new HostFacts(resourceId, name, "CORP", "PP1", true, "Microsoft Windows NT Server 10.0", null, false, false,
                null, null, null, null, null);
    }

    static UpdateFacts update(String article, String bulletin) {
        return new UpdateFacts(1, article, bulletin, "title", Severity.CRITICAL, "Security Updates", "Windows", null, false,
                false);
    }
}

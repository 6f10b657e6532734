package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RunProgressTests {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.patchproof.job.RunProgressTests.progress");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    private void pass(Duration d) {
        now.addAndGet(d.toNanos());
    }

    private List<String> lines() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void notOnATerminalAnInfoLineComesEveryTenSecondsAndNotInBetween() {
        RunProgress progress = RunProgress.logging(now::get, logger);
        progress.start("reconcile", 480_000, "rows");
        for (int i = 0; i < 9; i++) {
            pass(Duration.ofSeconds(1));
            progress.add(1_000);
        }
        assertThat(lines()).as("nine seconds in").isEmpty();

        pass(Duration.ofSeconds(1));
        progress.add(1_000);
        pass(Duration.ofSeconds(5));
        progress.add(110_000);
        assertThat(lines()).containsExactly("reconcile: 10,000 of 480,000 rows (2 %), 1,000 rows/s, about 7 min 50 s left");

        pass(Duration.ofSeconds(5));
        progress.add(120_000);
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(1)).isEqualTo("reconcile: 240,000 of 480,000 rows (50 %), 12,000 rows/s, about 20 s left");
        assertThat(logged.list).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO));
    }

    @Test
    void aStepWithoutAKnownTotalShowsItsCountRateAndWhatItIsOn() {
        RunProgress progress = RunProgress.logging(now::get, logger);
        progress.start("extract", -1, "rows");
        progress.detail("select_compliance.sql, query 4 of 8");
        pass(Duration.ofSeconds(10));
        progress.set(2_500_000);

        assertThat(lines()).containsExactly("extract: 2,500,000 rows, 250,000 rows/s; select_compliance.sql, query 4 of 8");
    }

    @Test
    void eachStepCountsAndTimesFromItsOwnStart() {
        RunProgress progress = RunProgress.logging(now::get, logger);
        progress.start("extract", -1, "rows");
        pass(Duration.ofSeconds(8));
        progress.set(800);
        progress.finish();
        progress.start("reconcile", 100, "rows");
        pass(Duration.ofSeconds(8));
        progress.add(40);
        assertThat(lines()).as("neither step has run ten seconds").isEmpty();
        pass(Duration.ofSeconds(2));
        progress.add(10);

        assertThat(lines()).containsExactly("reconcile: 50 of 100 rows (50 %), 5 rows/s, about 10 s left");
    }

    @Test
    void aFinishedStepSaysNothingMore() {
        RunProgress progress = RunProgress.logging(now::get, logger);
        progress.start("publish", -1, "findings");
        progress.finish();
        pass(Duration.ofMinutes(1));
        progress.add(1_000);

        assertThat(lines()).isEmpty();
    }

    @Test
    void onATerminalOneLineIsRewrittenInPlaceAndClearedWhenTheStepEnds() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunProgress progress = new RunProgress(now::get, new PrintStream(console, true, StandardCharsets.UTF_8), logger);
        progress.start("reconcile", 1_000, "rows");
        pass(Duration.ofMillis(100));
        progress.add(10);
        assertThat(console.size()).as("a tenth of a second in").isZero();
        pass(Duration.ofMillis(900));
        progress.add(90);
        pass(Duration.ofSeconds(1));
        progress.add(900);
        progress.finish();

        String shown = console.toString(StandardCharsets.UTF_8);
        String first = "reconcile: 100 of 1,000 rows (10 %), 100 rows/s, about 9 s left";
        String second = "reconcile: 1,000 of 1,000 rows (100 %), 500 rows/s";
        assertThat(shown).isEqualTo("\r" + first + "\r" + "\r" + second + " ".repeat(first.length() - second.length()) + "\r"
                + "\r" + " ".repeat(second.length()) + "\r");
        assertThat(shown).doesNotContain("\n");
        assertThat(lines()).as("on a terminal the periodic lines go to the log file only").isEmpty();
    }

    @Test
    void durationsReadAsAPersonSaysThem() {
        assertThat(RunProgress.duration(42)).isEqualTo("42 s");
        assertThat(RunProgress.duration(185)).isEqualTo("3 min 5 s");
        assertThat(RunProgress.duration(4_320)).isEqualTo("1 h 12 min");
    }
}

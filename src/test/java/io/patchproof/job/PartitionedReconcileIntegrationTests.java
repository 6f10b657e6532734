package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconcile step's partitions change no finding: serial and partitioned runs write the same files. */
class PartitionedReconcileIntegrationTests {

    static final int HOSTS = 240;

    @TempDir
    static Path demoDir;

    @BeforeAll
    static void buildDemoDatabase() {
        DemoSiteDatabase.ensure(demoDir, HOSTS, DemoSiteDatabase.DEFAULT_SEED);
    }

    @Test
    void partitionedAndSerialRunsWriteIdenticalFindingsFiles(@TempDir Path serialWork, @TempDir Path partitionedWork)
            throws Exception {
        Cli serial = new Cli(serialWork, demoDir);
        Cli.Result one = serial.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.partitions=1",
                "--patchproof.rules.chunk-size=700");
        assertThat(one.exitCode()).as(one.toString()).isZero();

        Cli partitioned = new Cli(partitionedWork, demoDir);
        Cli.Result three = partitioned.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.partitions=3",
                "--patchproof.rules.chunk-size=700");
        assertThat(three.exitCode()).as(three.toString()).isZero();

        String stem = "demo-monthly-PP1-" + DemoSiteDatabase.AS_OF;
        assertThat(Files.readAllBytes(partitioned.output().resolve(stem + ".findings.csv")))
                .isEqualTo(Files.readAllBytes(serial.output().resolve(stem + ".findings.csv")));
        assertThat(counts(partitioned.output().resolve(stem + ".manifest.json")))
                .isEqualTo(counts(serial.output().resolve(stem + ".manifest.json")));
        assertThat(workerSteps(serial)).containsExactly("reconcileWorkerStep:partition0");
        assertThat(workerSteps(partitioned)).containsExactly("reconcileWorkerStep:partition0",
                "reconcileWorkerStep:partition1", "reconcileWorkerStep:partition2");
    }

    /** The manifest's counts section: every verdict, reason and sheet row count. */
    private static String counts(Path manifest) throws Exception {
        String text = Files.readString(manifest);
        int start = text.indexOf("\"counts\"");
        int end = text.indexOf("\"workbook\"", start);
        assertThat(start).isPositive();
        return text.substring(start, end);
    }

    private static List<String> workerSteps(Cli cli) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + cli.store().resolve("patchproof").toAbsolutePath(),
                "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE"
                        + " 'reconcileWorkerStep%' ORDER BY STEP_NAME")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}

package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.Cli;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site database server that accepts the connection and then says nothing (a hung instance, a
 * firewall that swallows packets after the handshake) must not hang the job: the driver gives
 * up after the login timeout and the run ends before it starts, exit 2, with one line naming the
 * server and the timeout.
 */
class SilentServerIntegrationTests {

    @TempDir
    Path work;

    private ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private Thread acceptor;

    @BeforeEach
    void silentServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    accepted.add(server.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-sql-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws IOException, InterruptedException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
        acceptor.join(TimeUnit.SECONDS.toMillis(5));
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aServerThatAcceptsAndNeverAnswersEndsInOneLineNamingItAndTheTimeout() {
        Cli.Result result = new Cli(work, work.resolve("demo")).run("run",
                "--patchproof.source.url=jdbc:sqlserver://127.0.0.1:" + server.getLocalPort() + ";databaseName=CM_PP1",
                "--patchproof.source.username=reporter", "--patchproof.source.login-timeout=2s");

        assertThat(accepted).as("the driver did reach the silent server").isNotEmpty();
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err().lines().count()).as(result.err()).isEqualTo(1);
        assertThat(result.err()).contains("127.0.0.1:" + server.getLocalPort()).contains("no answer")
                .contains("login timeout (2 s)").contains("patchproof.source.login-timeout").doesNotContain("\tat ");
    }
}

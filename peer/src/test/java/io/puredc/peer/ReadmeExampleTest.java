package io.puredc.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example is compiled from the README itself and run against a Java offerer. */
class ReadmeExampleTest {

    static String exampleSource() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int marker = readme.indexOf("<!-- example:EchoPeer");
        int start = readme.indexOf("```java\n", marker) + "```java\n".length();
        int end = readme.indexOf("```", start);
        assertTrue(marker >= 0 && start > marker && end > start, "README.md has the EchoPeer example");
        return readme.substring(start, end);
    }

    @Test
    void theEmbeddingExampleCompilesAndEchoes(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("EchoPeer.java");
        Files.writeString(source, exampleSource());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.toString(), source.toString());
        assertEquals(0, rc, "the README example compiles");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Method answer = loader.loadClass("EchoPeer").getMethod("answer", PeerConfig.class,
                    SessionDescription.class, Consumer.class, Consumer.class);
            PeerConnection offerer = PeerConnection.create(LoopbackPair.config(LoopbackPair.CERT_A));
            DataChannel ch = offerer.createDataChannel("echo", DataChannelInit.defaults());
            CompletableFuture<String> echoed = new CompletableFuture<>();
            ch.onMessage(m -> echoed.complete(m.text()));
            ch.onOpen(() -> ch.send("from the README"));
            SessionDescription offer = offerer.createOffer().get(10, TimeUnit.SECONDS);
            offerer.setLocalDescription(offer).get(10, TimeUnit.SECONDS);

            CompletableFuture<PeerConnection> answerer = new CompletableFuture<>();
            offerer.onIceCandidate(c -> answerer.thenAccept(pc -> pc.addIceCandidate(c)));
            Consumer<SessionDescription> sendAnswer = a -> offerer.setRemoteDescription(a);
            Consumer<IceCandidateInit> sendCandidate = offerer::addIceCandidate;
            PeerConnection pc = (PeerConnection) answer.invoke(null, LoopbackPair.config(LoopbackPair.CERT_B), offer,
                    sendAnswer, sendCandidate);
            answerer.complete(pc);
            try {
                assertEquals("from the README", echoed.get(20, TimeUnit.SECONDS));
            } finally {
                offerer.close();
                pc.close();
            }
        }
    }
}

package io.chirp.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chirp metrics FILE}: CSV on stdout, a summary on stderr, exit codes; in a JVM without a display. */
class MetricsCommandTest {

	@TempDir
	Path folder;

	private record Result(int code, String out, String err) {
	}

	private static Result run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = MetricsCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void printsTheMetricsAsCsvAndASummary() throws IOException {
		Path log = folder.resolve("train.log");
		Files.writeString(log, "loading...\nlr=0.1\nstep=1 loss=0.9\n"
				+ "\rEpoch 1:  50%|#####     | 1/2 [00:01<00:01, 1.00it/s, loss=0.5]"
				+ "\rEpoch 1: 100%|##########| 2/2 [00:02<00:00, 1.00it/s, loss=0.4]\n" + "{\"a,b\": 3}\nstep=2 loss=nan\n");
		Result r = run(log.toString());
		assertEquals(0, r.code());
		assertEquals(List.of("metric,axis,x,value", "lr,line,2,0.1", "loss,step,1,0.9", "loss,step,1,0.5",
				"loss,step,2,0.4", "\"a,b\",step,2,3"), r.out().lines().toList());
		assertTrue(r.err().contains("line 6: malformed value loss=nan"), r.err());
		assertTrue(r.err().contains(log + ": 6 lines, 3 metrics (lr, loss, a,b), 5 points, 1 malformed values,"
				+ " 1 progress bars"), r.err());
	}

	@Test
	void nothingFoundIsNoError() throws IOException {
		Path log = Files.writeString(folder.resolve("plain.log"), "hello\nworld\n");
		Result r = run(log.toString());
		assertEquals(0, r.code());
		assertEquals("metric,axis,x,value\n", r.out());
		assertTrue(r.err().contains("2 lines, 0 metrics, 0 points"), r.err());
	}

	@Test
	void aFileThatCannotBeReadGivesOneLineAndExitCode1() {
		Result missing = run(folder.resolve("nope.log").toString());
		assertEquals(1, missing.code());
		assertEquals("chirp metrics: cannot read " + folder.resolve("nope.log") + ": no such file\n", missing.err());
		Result directory = run(folder.toString());
		assertEquals(1, directory.code());
		assertEquals(1, directory.err().lines().count(), directory.err());
		assertEquals(2, run().code(), "usage");
	}

	@Test
	void runsInAPlainJvmWithoutADisplay() throws IOException, InterruptedException {
		Path log = Files.writeString(folder.resolve("x.log"), "[0]\ttrain-rmse:0.5\n[1]\ttrain-rmse:0.4\n");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), "-Djava.awt.headless=true", MetricsCommand.class.getName(),
				log.toString());
		builder.environment().remove("DISPLAY");
		Process p = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(30, TimeUnit.SECONDS));
		assertEquals(0, p.exitValue());
		assertEquals("metric,axis,x,value\ntrain-rmse,round,0,0.5\ntrain-rmse,round,1,0.4\n", out);
	}
}

package io.chirp.source.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the New Run dialog's Program page was given, checked as the page checks it. */
class ProcessSourceFactoryTest {

	private static Map<String, String> typed(String command, String directory, String environment, String grace) {
		return Map.of(ProcessSourceFactory.COMMAND, command, ProcessSourceFactory.DIRECTORY, directory,
				ProcessSourceFactory.ENVIRONMENT, environment, ProcessSourceFactory.GRACE, grace);
	}

	@Test
	void theSpecIsWhatWasTyped(@TempDir Path folder) {
		ProcessSource.Spec spec = ProcessSourceFactory
				.spec(typed("python3 train.py --lr 1e-3", " " + folder + " ", "A=1\n\n B = two=2 ", "2.5"));
		assertEquals(List.of("python3", "train.py", "--lr", "1e-3"), spec.command());
		assertEquals(folder, spec.directory());
		assertEquals(Map.of("A", "1", "B", " two=2 "), spec.environment());
		assertEquals(2_500, spec.graceMillis());
	}

	@Test
	void nothingButACommandRunsInTheHomeFolderWithTheDefaultGrace() {
		ProcessSource.Spec spec = ProcessSourceFactory.spec(Map.of(ProcessSourceFactory.COMMAND, "ls"));
		assertEquals(Path.of(System.getProperty("user.home")), spec.directory());
		assertEquals(ProcessSource.Spec.DEFAULT_GRACE_MILLIS, spec.graceMillis());
		assertEquals(Map.of(), spec.environment());
	}

	@Test
	void aWrongFieldIsNamedWithWhatIsWrong() {
		assertMessage("The command line is empty", typed("  ", "/", "", "1"));
		assertMessage("The command line has an unclosed double", typed("python3 \"train.py", "/", "", "1"));
		assertMessage("Environment line 2 'not a variable' is not NAME=value", typed("ls", "/", "A=1\nnot a variable", "1"));
		assertMessage("Environment line 1 '1X=2' is not NAME=value", typed("ls", "/", "1X=2", "1"));
		assertMessage("Grace period: 'soon' is not a number of seconds.", typed("ls", "/", "", "soon"));
		assertMessage("Grace period: -1 s is invalid: allowed range [0, ", typed("ls", "/", "", "-1"));
		assertMessage("Grace period: NaN s is invalid", typed("ls", "/", "", "NaN"));
		assertMessage("The working directory is empty.", typed("ls", "  ", "", "1"));
		assertMessage("The working directory /no/such/folder does not exist or is not a folder.",
				typed("ls", "/no/such/folder", "", "1"));
	}

	@Test
	void theFactoryDescribesItselfForTheDialog() {
		ProcessSourceFactory factory = new ProcessSourceFactory();
		assertEquals(List.of(ProcessSourceFactory.COMMAND, ProcessSourceFactory.DIRECTORY, ProcessSourceFactory.ENVIRONMENT,
				ProcessSourceFactory.GRACE), factory.parameters().stream().map(p -> p.key()).toList());
		assertEquals(10, factory.recentKept());
		assertTrue(factory.create(typed("true", "/", "", "0")) instanceof ProcessSource);
	}

	private static void assertMessage(String start, Map<String, String> values) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProcessSourceFactory.spec(values));
		assertTrue(e.getMessage().startsWith(start), e.getMessage());
	}
}

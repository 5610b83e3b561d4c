package io.chirp.ui.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.internal.preferences.EclipsePreferences;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chirp.core.ProcessSource;

/** Remembering commands in a real (in-memory) preference node, and checking what the dialog was given. */
class RecentCommandTest {

	private final IEclipsePreferences node = new EclipsePreferences();

	private static RecentCommand command(String line) {
		return new RecentCommand(line, "/tmp", "", "5");
	}

	@Test
	void theTenNewestAreKeptNewestFirst() throws Exception {
		for (int i = 0; i < 12; i++) {
			RecentCommand.remember(node, command("python3 train.py --run " + i));
		}
		List<RecentCommand> recent = RecentCommand.load(node);
		assertEquals(RecentCommand.KEPT, recent.size());
		for (int i = 0; i < RecentCommand.KEPT; i++) {
			assertEquals("python3 train.py --run " + (11 - i), recent.get(i).commandLine());
		}
	}

	@Test
	void aCommandRunAgainMovesToTheFrontOnce() throws Exception {
		RecentCommand.remember(node, command("a"));
		RecentCommand.remember(node, command("b"));
		RecentCommand.remember(node, new RecentCommand("a", "/home", "X=1", "2"));
		List<RecentCommand> recent = RecentCommand.load(node);
		assertEquals(List.of(new RecentCommand("a", "/home", "X=1", "2"), command("b")), recent,
				"once, with the fields it was last run with");
	}

	@Test
	void everyFieldComesBackAsTyped() throws Exception {
		RecentCommand typed = new RecentCommand("python3 -c 'print(\"loss=1\")' # ü", "/data/runs 2",
				"CUDA_VISIBLE_DEVICES=0\nPYTHONUNBUFFERED=1\nEMPTY=", "0.5");
		RecentCommand.remember(node, typed);
		assertEquals(List.of(typed), RecentCommand.load(node));
	}

	@Test
	void nothingRememberedIsAnEmptyList() {
		assertEquals(List.of(), RecentCommand.load(node));
	}

	@Test
	void theSpecIsWhatWasTyped(@TempDir Path folder) {
		ProcessSource.Spec spec = new RecentCommand("python3 train.py --lr 1e-3", " " + folder + " ", "A=1\n\n B = two=2 ",
				"2.5").toSpec();
		assertEquals(List.of("python3", "train.py", "--lr", "1e-3"), spec.command());
		assertEquals(folder, spec.directory());
		assertEquals(Map.of("A", "1", "B", " two=2 "), spec.environment());
		assertEquals(2_500, spec.graceMillis());
	}

	@Test
	void aWrongFieldIsNamedWithWhatIsWrong() {
		assertMessage("Environment line 2 'not a variable' is not NAME=value", new RecentCommand("ls", "/", "A=1\nnot a variable", "1"));
		assertMessage("Environment line 1 '1X=2' is not NAME=value", new RecentCommand("ls", "/", "1X=2", "1"));
		assertMessage("Grace period: 'soon' is not a number of seconds.", new RecentCommand("ls", "/", "", "soon"));
		assertMessage("Grace period: -1 s is invalid: allowed range [0, ", new RecentCommand("ls", "/", "", "-1"));
		assertMessage("Grace period: NaN s is invalid", new RecentCommand("ls", "/", "", "NaN"));
		assertMessage("The working directory is empty.", new RecentCommand("ls", "  ", "", "1"));
		assertMessage("The working directory /no/such/folder does not exist or is not a folder.",
				new RecentCommand("ls", "/no/such/folder", "", "1"));
	}

	private static void assertMessage(String start, RecentCommand command) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, command::toSpec);
		assertTrue(e.getMessage().startsWith(start), e.getMessage());
	}
}

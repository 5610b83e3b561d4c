package io.chirp.ui.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.eclipse.core.internal.preferences.EclipsePreferences;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.junit.jupiter.api.Test;

import io.chirp.core.source.DataSource;
import io.chirp.core.source.DataSourceFactory;
import io.chirp.core.source.SourceParameter.Kind;
import io.chirp.core.source.SourceParameter;

/** Each source's values, remembered in a real (in-memory) preference node. */
class SourceMemoryTest {

	private final IEclipsePreferences node = new EclipsePreferences();
	private final SourceMemory memory = new SourceMemory(node);

	/** A source with a command, a multi-line field and a password, keeping {@code kept} sets. */
	private static DataSourceFactory source(String id, int kept) {
		return new DataSourceFactory() {
			@Override
			public String id() {
				return id;
			}

			@Override
			public String label() {
				return id;
			}

			@Override
			public String description() {
				return "";
			}

			@Override
			public String iconURI() {
				return null;
			}

			@Override
			public int rank() {
				return 0;
			}

			@Override
			public int recentKept() {
				return kept;
			}

			@Override
			public List<SourceParameter> parameters() {
				return List.of(new SourceParameter("command", "Command", Kind.TEXT, "", ""),
						new SourceParameter("env", "Environment", Kind.LINES, "A=1", ""),
						new SourceParameter("password", "Password", Kind.SECRET, "", ""));
			}

			@Override
			public DataSource create(Map<String, String> values) {
				throw new UnsupportedOperationException("not run here");
			}
		};
	}

	private static Map<String, String> values(String command, String env, String password) {
		return Map.of("command", command, "env", env, "password", password);
	}

	@Test
	void nothingRememberedGivesTheDefaults() {
		DataSourceFactory s = source("a", 10);
		assertEquals(List.of(), memory.recent(s));
		assertEquals(Map.of("command", "", "env", "A=1", "password", ""), memory.last(s));
	}

	@Test
	void theNewestAreKeptNewestFirstUpToTheSourcesLimit() throws Exception {
		DataSourceFactory s = source("a", 10);
		for (int i = 0; i < 12; i++) {
			memory.remember(s, values("python3 train.py --run " + i, "", ""));
		}
		List<Map<String, String>> recent = memory.recent(s);
		assertEquals(10, recent.size());
		for (int i = 0; i < 10; i++) {
			assertEquals("python3 train.py --run " + (11 - i), recent.get(i).get("command"));
		}
	}

	@Test
	void aSourceThatKeepsNoneKeepsTheLastSet() throws Exception {
		DataSourceFactory s = source("b", 0);
		memory.remember(s, values("one", "", ""));
		memory.remember(s, values("two", "", ""));
		assertEquals(List.of("two"), memory.recent(s).stream().map(v -> v.get("command")).toList());
	}

	@Test
	void aCommandRunAgainMovesToTheFrontOnceWithItsNewValues() throws Exception {
		DataSourceFactory s = source("a", 10);
		memory.remember(s, values("a", "", ""));
		memory.remember(s, values("b", "", ""));
		memory.remember(s, values("a", "X=1", ""));
		assertEquals(List.of("a", "b"), memory.recent(s).stream().map(v -> v.get("command")).toList());
		assertEquals("X=1", memory.last(s).get("env"));
	}

	@Test
	void everyFieldComesBackAsTypedAndSecretsAreNeverStored() throws Exception {
		DataSourceFactory s = source("a", 10);
		memory.remember(s, values("python3 -c 'print(\"loss=1\")' # ü", "CUDA_VISIBLE_DEVICES=0\nEMPTY=", "hunter2"));
		assertEquals(values("python3 -c 'print(\"loss=1\")' # ü", "CUDA_VISIBLE_DEVICES=0\nEMPTY=", ""), memory.last(s));
		assertFalse(node.get(SourceMemory.KEY_PREFIX + "a", "").contains("hunter2"), "the password is not in the store");
	}

	@Test
	void sourcesAreRememberedApart() throws Exception {
		memory.remember(source("a", 10), values("for a", "", ""));
		memory.remember(source("b", 10), values("for b", "", ""));
		assertEquals("for a", memory.last(source("a", 10)).get("command"));
		assertEquals("for b", memory.last(source("b", 10)).get("command"));
	}

	@Test
	void theUsersOwnDefaultsFillWhatWasNeverTypedButNeverASecret() throws Exception {
		DataSourceFactory program = source("program", 10);
		node.put(SourceMemory.defaultKey("program", "env"), "SEED=3");
		node.put(SourceMemory.defaultKey("program", "password"), "not a default");
		node.put(SourceMemory.defaultKey("program", "command"), "  ");
		assertEquals(values("", "SEED=3", ""), memory.last(program), "the user's default, the source's where blank");
		assertEquals(values("", "SEED=3", ""), memory.defaults(program));
		memory.remember(program, values("python3 a.py", "SEED=4", "secret"));
		assertEquals(values("python3 a.py", "SEED=4", ""), memory.last(program), "what was used wins");
		assertEquals(values("", "A=1", ""), memory.defaults(source("other", 10)), "another source keeps its own");
	}
}

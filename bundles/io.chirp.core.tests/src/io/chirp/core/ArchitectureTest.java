package io.chirp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layering README's architecture table promises, read from the bundles' sources and manifests beside this one
 * (the tests run in this bundle's folder): core knows neither SWT nor any source; a source knows core only.
 */
class ArchitectureTest {

	private static final Path BUNDLES = Path.of("..");

	private static List<String> offendingImports(Path bundle, String... forbidden) throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(bundle.resolve("src"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				for (String line : Files.readAllLines(file)) {
					for (String f : forbidden) {
						if (line.startsWith("import " + f) || line.startsWith("import static " + f)) {
							found.add(BUNDLES.relativize(file) + ": " + line);
						}
					}
				}
			}
		}
		return found;
	}

	private static String manifest(String bundle) throws IOException {
		return Files.readString(BUNDLES.resolve(bundle).resolve("META-INF/MANIFEST.MF"));
	}

	private static List<String> sourceBundles() throws IOException {
		try (Stream<Path> dirs = Files.list(BUNDLES)) {
			return dirs.map(d -> d.getFileName().toString())
					.filter(n -> n.startsWith("io.chirp.source.") && !n.endsWith(".tests")).sorted().toList();
		}
	}

	@Test
	void coreImportsNeitherSwtNorAnySource() throws IOException {
		assertEquals(List.of(), offendingImports(BUNDLES.resolve("io.chirp.core"), "org.eclipse.swt", "org.eclipse.jface",
				"org.eclipse.ui", "io.chirp.source", "io.chirp.ui"));
		String manifest = manifest("io.chirp.core");
		assertFalse(manifest.contains("org.eclipse.swt") || manifest.contains("io.chirp.source"), manifest);
	}

	@Test
	void eachSourceRequiresCoreAndNoOtherSource() throws IOException {
		List<String> sources = sourceBundles();
		assertEquals(List.of("io.chirp.source.chirp", "io.chirp.source.log", "io.chirp.source.mqtt", "io.chirp.source.process"),
				sources);
		for (String source : sources) {
			String manifest = manifest(source);
			assertTrue(manifest.contains("Require-Bundle: io.chirp.core"), source + " requires core");
			assertTrue(manifest.contains("Service-Component: OSGI-INF/"), source + " offers its factory through DS");
			List<String> others = new ArrayList<>(sources);
			others.remove(source);
			for (String other : others) {
				assertFalse(manifest.contains(other), source + " names " + other + " in its manifest");
			}
			assertEquals(List.of(), offendingImports(BUNDLES.resolve(source), others.stream()
					.map(o -> o + ".").toArray(String[]::new)), source + " imports another source");
			assertEquals(List.of(), offendingImports(BUNDLES.resolve(source), "io.chirp.ui", "org.eclipse.swt"),
					source + " imports the UI");
		}
	}

	@Test
	void theUiKnowsNoSourceByItsClasses() throws IOException {
		assertEquals(List.of(), offendingImports(BUNDLES.resolve("io.chirp.ui"), "io.chirp.source"));
		assertFalse(manifest("io.chirp.ui").contains("io.chirp.source"));
	}
}

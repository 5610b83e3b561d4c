import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites jars without their signature files (META-INF/*.SF, .RSA, .DSA, .EC), everything else as it was.
 * <p>
 * Used by the product build on the two jars the JVM itself loads from the class path, the Equinox launcher and
 * framework: the JVM checks a signed class-path jar's signature at every start (RSA and SHA-256 over every class
 * read), and class data sharing leaves classes of signed jars out of the start-up archive. Bundles are loaded by
 * Equinox, which does not check signatures, so their jars stay as they are.
 * <p>
 * {@code java UnsignJar.java JAR...} (run from source by the build's JDK).
 */
public class UnsignJar {

	private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)",
			Pattern.CASE_INSENSITIVE);

	public static void main(String[] args) throws IOException {
		for (String arg : args) {
			Path jar = Path.of(arg);
			Path unsigned = jar.resolveSibling(jar.getFileName() + ".unsigned");
			int removed = 0;
			try (ZipFile in = new ZipFile(jar.toFile());
					ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(unsigned))) {
				for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements();) {
					ZipEntry entry = entries.nextElement();
					if (SIGNATURE.matcher(entry.getName()).matches()) {
						removed++;
						continue;
					}
					ZipEntry copy = new ZipEntry(entry.getName());
					copy.setTime(entry.getTime());
					out.putNextEntry(copy);
					try (InputStream data = in.getInputStream(entry)) {
						data.transferTo(out);
					}
					out.closeEntry();
				}
			}
			Files.move(unsigned, jar, StandardCopyOption.REPLACE_EXISTING);
			System.out.println("UnsignJar: " + jar.getFileName() + ": " + removed + " signature files removed");
		}
	}
}

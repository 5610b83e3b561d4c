package io.chirp.ui.prefs;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;

import io.chirp.core.source.DataSourceFactory;

/**
 * The passwords the user chose to save ({@code SECRET} parameters with <i>Save password</i> ticked), in Eclipse
 * secure storage: encrypted under its master password (asked for by the platform's prompt, or taken from
 * {@code -eclipse.password}), never in the preferences. Each is kept under its source and owner
 * ({@link DataSourceFactory#secretOwner}: a broker and user name), so it is offered again only for the same owner.
 * Whether one is saved is known without decrypting (so without a prompt); reading it decrypts.
 */
public class SecretMemory {

	static final String ROOT = "io.chirp.sources";

	private final Supplier<ISecurePreferences> storage;
	private ISecurePreferences root;
	private boolean opened;

	/**
	 * The secrets in {@code storage}, opened when first needed (not during start-up); a storage that is null is not
	 * available, and nothing is saved then.
	 */
	public SecretMemory(Supplier<ISecurePreferences> storage) {
		this.storage = storage;
	}

	/** The user's default secure storage (in the user's home, shared by Eclipse applications). */
	public static SecretMemory standard() {
		return new SecretMemory(SecurePreferencesFactory::getDefault);
	}

	private synchronized ISecurePreferences root() {
		if (!opened) {
			opened = true;
			try {
				root = storage.get();
			} catch (RuntimeException e) {
				root = null; // no secure storage: the dialog offers no Save box
			}
		}
		return root;
	}

	/** False when there is no secure storage: the dialog then offers no Save box. */
	public boolean available() {
		return root() != null;
	}

	private String path(DataSourceFactory source, Map<String, String> values) {
		return ROOT + "/" + EncodingUtils.encodeSlashes(source.id()) + "/"
				+ EncodingUtils.encodeSlashes(owner(source, values));
	}

	private static String owner(DataSourceFactory source, Map<String, String> values) {
		String owner = source.secretOwner(values);
		return owner == null || owner.isBlank() ? "-" : owner;
	}

	/** Whether a secret {@code key} is saved for these values' owner (nothing is decrypted). */
	public boolean isSaved(DataSourceFactory source, Map<String, String> values, String key) {
		ISecurePreferences root = root();
		if (root == null || !root.nodeExists(path(source, values))) {
			return false;
		}
		return Arrays.asList(root.node(path(source, values)).keys()).contains(key);
	}

	/**
	 * The saved secret, or null when none is saved.
	 *
	 * @throws StorageException when it cannot be decrypted (the master password prompt was cancelled, say)
	 */
	public String find(DataSourceFactory source, Map<String, String> values, String key) throws StorageException {
		if (!isSaved(source, values, key)) {
			return null;
		}
		return root().node(path(source, values)).get(key, null);
	}

	/** Saves {@code secret} encrypted for these values' owner, and writes the storage to disk. */
	public void save(DataSourceFactory source, Map<String, String> values, String key, String secret)
			throws StorageException, java.io.IOException {
		ISecurePreferences root = root();
		if (root == null) {
			throw new StorageException(StorageException.INTERNAL_ERROR, "Eclipse secure storage is not available");
		}
		root.node(path(source, values)).put(key, secret, true);
		root.flush();
	}

	/** Forgets the saved secret of these values' owner, if any. */
	public void forget(DataSourceFactory source, Map<String, String> values, String key) throws java.io.IOException {
		if (isSaved(source, values, key)) {
			ISecurePreferences node = root().node(path(source, values));
			node.remove(key);
			if (node.keys().length == 0) {
				node.removeNode();
			}
			root().flush();
		}
	}
}

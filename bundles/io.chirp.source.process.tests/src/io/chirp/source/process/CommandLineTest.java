package io.chirp.source.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLineTest {

	@Test
	void splitsLikeAShell() {
		assertEquals(List.of("python3", "train.py", "--epochs", "5"), CommandLine.split("  python3 train.py --epochs 5 "));
		assertEquals(List.of("sh", "-c", "echo 'a b'"), CommandLine.split("sh -c \"echo 'a b'\""));
		assertEquals(List.of("echo", "a \"q\" \\"), CommandLine.split("echo 'a \"q\" \\'"));
		assertEquals(List.of("my file", ""), CommandLine.split("my\\ file \"\""));
	}

	@Test
	void emptyOrUnclosedIsRefusedWithTheReason() {
		assertEquals("The command line is empty: name a program to run.",
				assertThrows(IllegalArgumentException.class, () -> CommandLine.split("   ")).getMessage());
		assertEquals("The command line has an unclosed double quote: echo \"hi",
				assertThrows(IllegalArgumentException.class, () -> CommandLine.split("echo \"hi")).getMessage());
	}
}

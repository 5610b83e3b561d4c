package io.chirp.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.ui.progress.IProgressConstants;
import org.junit.jupiter.api.Test;

import io.chirp.core.run.RunController;

/** The core names the workbench's job property by its key (it cannot import the workbench): the two stay one. */
class ErrorPromptPropertyTest {

	@Test
	void theCoresKeyIsTheWorkbenchsNoImmediateErrorPromptProperty() {
		assertEquals(IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, RunController.ERROR_NOT_PROMPTED);
	}
}

package io.chirp.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.commands.MCommand;
import org.eclipse.e4.ui.model.application.commands.MParameter;
import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledItem;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledToolItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.e4.ui.model.application.ui.menu.MToolBar;
import org.eclipse.e4.ui.workbench.modeling.EModelService;

import io.chirp.core.source.DataSourceFactory;

/**
 * A Run menu item and a toolbar button per source present, made in the application model from the sources'
 * factories (their action label and icon) and kept in step as source bundles come and go. Each runs the New Run
 * command with the source's id, so its enablement follows the handler's like any other item's.
 */
final class SourceItems {

	private SourceItems() {
	}

	/** Makes the items match {@code sources}, in their order; on the UI thread. */
	static void sync(MApplication application, EModelService models, List<DataSourceFactory> sources) {
		MCommand command = application.getCommands().stream()
				.filter(c -> ChirpIds.NEW_RUN_COMMAND.equals(c.getElementId())).findFirst().orElse(null);
		if (command == null) {
			return;
		}
		int where = EModelService.ANYWHERE | EModelService.IN_MAIN_MENU | EModelService.IN_TRIM;
		for (MToolBar toolbar : models.findElements(application, ChirpIds.RUN_TOOLBAR, MToolBar.class, null, where)) {
			sync(toolbar, sources, models, command, true);
		}
		for (MMenu menu : models.findElements(application, ChirpIds.RUN_MENU, MMenu.class, null, where)) {
			sync(menu, sources, models, command, false);
		}
	}

	/** Removes every source item (at shutdown: the persisted model keeps none, the next start makes them anew). */
	static void removeAll(MApplication application, EModelService models) {
		for (MUIElement item : models.findElements(application, null, MUIElement.class, List.of(ChirpIds.SOURCE_ITEM_TAG),
				EModelService.ANYWHERE | EModelService.IN_MAIN_MENU | EModelService.IN_TRIM)) {
			if (item.getParent() != null) {
				item.getParent().getChildren().remove(item);
			}
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void sync(MElementContainer container, List<DataSourceFactory> sources, EModelService models,
			MCommand command, boolean tool) {
		List<MUIElement> children = container.getChildren();
		List<String> wanted = sources.stream().map(s -> id(s, tool)).toList();
		new ArrayList<>(children).stream()
				.filter(c -> c.getTags().contains(ChirpIds.SOURCE_ITEM_TAG) && !wanted.contains(c.getElementId()))
				.forEach(children::remove);
		// after the fixed items (Start, Stop... in the toolbar; the menu's last separator), in the sources' order
		int anchor = 0;
		for (int i = 0; i < children.size(); i++) {
			if (!children.get(i).getTags().contains(ChirpIds.SOURCE_ITEM_TAG)) {
				anchor = i + 1;
			}
		}
		for (int k = 0; k < sources.size(); k++) {
			DataSourceFactory source = sources.get(k);
			String id = id(source, tool);
			MUIElement item = children.stream().filter(c -> id.equals(c.getElementId())).findFirst().orElse(null);
			if (item == null) {
				item = create(source, models, command, tool);
			} else {
				update((MHandledItem) item, source, tool);
			}
			int at = Math.min(anchor + k, children.size());
			int now = children.indexOf(item);
			if (now != at) {
				if (now >= 0) {
					children.remove(item);
					at = Math.min(at, children.size());
				}
				children.add(at, item);
			}
		}
	}

	private static String id(DataSourceFactory source, boolean tool) {
		return (tool ? ChirpIds.SOURCE_TOOL_ITEM : ChirpIds.SOURCE_MENU_ITEM) + source.id();
	}

	private static MUIElement create(DataSourceFactory source, EModelService models, MCommand command, boolean tool) {
		MHandledItem item = tool ? models.createModelElement(MHandledToolItem.class)
				: models.createModelElement(MHandledMenuItem.class);
		item.setElementId(id(source, tool));
		item.getTags().add(ChirpIds.SOURCE_ITEM_TAG);
		item.setCommand(command);
		MParameter parameter = models.createModelElement(MParameter.class);
		parameter.setElementId(item.getElementId() + ".parameter");
		parameter.setName(ChirpIds.SOURCE_PARAMETER);
		parameter.setValue(source.id());
		item.getParameters().add(parameter);
		update(item, source, tool);
		return item;
	}

	private static void update(MHandledItem item, DataSourceFactory source, boolean tool) {
		String plain = source.actionLabel().replace("&", "");
		if (!tool) {
			item.setLabel(source.actionLabel());
		}
		item.setTooltip(plain.endsWith("...") ? plain.substring(0, plain.length() - 3) : plain);
		item.setIconURI(source.iconURI());
	}
}

package io.chirp.ui.parts;

import jakarta.annotation.PostConstruct;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries.SeriesType;

/** The chart area: a SWTChart line chart of the live signal, composed inside a POJO part. */
public class ChartPart {

	public static final String SIGNAL_SERIES = "signal";

	private Chart chart;

	@PostConstruct
	public void createControls(Composite parent) {
		parent.setLayout(new FillLayout());
		chart = new Chart(parent, SWT.NONE);
		chart.getTitle().setText("No run yet");
		chart.getAxisSet().getXAxis(0).getTitle().setText("Time [s]");
		chart.getAxisSet().getYAxis(0).getTitle().setText("Amplitude");
		chart.getLegend().setVisible(false);
		ILineSeries<?> signal = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, SIGNAL_SERIES);
		signal.setSymbolType(PlotSymbolType.NONE);
		signal.setLineWidth(1);
		chart.getAxisSet().getXAxis(0).setRange(new org.eclipse.swtchart.Range(0, 5));
		chart.getAxisSet().getYAxis(0).setRange(new org.eclipse.swtchart.Range(-1.1, 1.1));
	}

	@Focus
	public void setFocus() {
		chart.setFocus();
	}

	/** The chart widget, for the run view and for tests. */
	public Chart getChart() {
		return chart;
	}
}

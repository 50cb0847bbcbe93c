package io.tcpgateway.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import javax.imageio.ImageIO;

import io.tcpgateway.bench.Results.Stats;

/**
 * Draws {@code docs/benchmarks.png} from the raw results with java.awt (headless): req/s and p99
 * latency against persistent connections, one line per server, whiskers from the lowest to the
 * highest run. Usage: {@code Chart <results.txt> <benchmarks.png>}.
 */
final class Chart {

	private static final int WIDTH = 1200;

	private static final int HEIGHT = 520;

	/** The servers drawn, in legend order; the other rows of the results are only in the tables. */
	private static final Map<String, Color> COLORS = new LinkedHashMap<>();

	static {
		COLORS.put("tcp-gateway", new Color(0x1f77b4));
		COLORS.put("tcp-gateway-traced", new Color(0x9467bd));
		COLORS.put("raw-netty", new Color(0x555555));
		COLORS.put("stock-si", new Color(0xff7f0e));
	}

	private final Results results;

	private final Graphics2D g;

	private Chart(Results results, Graphics2D g) {
		this.results = results;
		this.g = g;
	}

	public static void main(String[] args) throws IOException {
		System.setProperty("java.awt.headless", "true");
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			new Chart(Results.read(Path.of(args[0])), g).draw();
		}
		finally {
			g.dispose();
		}
		Files.createDirectories(Path.of(args[1]).toAbsolutePath().getParent());
		ImageIO.write(image, "png", Path.of(args[1]).toFile());
	}

	private void draw() {
		this.g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		this.g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		this.g.setColor(Color.WHITE);
		this.g.fillRect(0, 0, WIDTH, HEIGHT);
		this.g.setColor(Color.BLACK);
		this.g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
		this.g.drawString("ECHO with a 64-byte payload, closed loop on 127.0.0.1: median of runs, whiskers from lowest to highest",
				30, 28);
		panel(new Panel(110, 60, 460, 380, "throughput", "requests per second", "rps", false));
		panel(new Panel(710, 60, 460, 380, "p99 latency", "p99 latency, µs (log scale)", "p99_us", true));
		legend(130, 80);
	}

	/** One chart: its box on the image, titles, the field it plots and whether the y axis is log. */
	private record Panel(int x, int y, int width, int height, String title, String yLabel, String key, boolean log) {

	}

	private void panel(Panel panel) {
		double max = 0;
		double min = Double.MAX_VALUE;
		for (String server : COLORS.keySet()) {
			for (int connections : Results.PERSISTENT_CONNECTIONS) {
				Stats stats = Results.stats(this.results.persistent(server, connections), panel.key());
				if (stats != null) {
					max = Math.max(max, stats.max());
					min = Math.min(min, Math.max(stats.min(), 1));
				}
			}
		}
		if (max == 0) {
			return;
		}
		DoubleUnaryOperator y = panel.log() ? logScale(panel, min, max) : linearScale(panel, max);
		axes(panel, y, min, max);
		for (String server : COLORS.keySet()) {
			series(panel, y, server);
		}
	}

	private static DoubleUnaryOperator linearScale(Panel panel, double max) {
		double top = niceCeiling(max);
		return (value) -> panel.y() + panel.height() - value / top * panel.height();
	}

	private static DoubleUnaryOperator logScale(Panel panel, double min, double max) {
		double low = Math.floor(Math.log10(min));
		double high = Math.ceil(Math.log10(max));
		double decades = Math.max(high - low, 1);
		return (value) -> panel.y() + panel.height()
				- (Math.log10(Math.max(value, 1)) - low) / decades * panel.height();
	}

	/** The x position of a connection count: evenly spaced categories. */
	private static int x(Panel panel, int index) {
		int count = Results.PERSISTENT_CONNECTIONS.size();
		return panel.x() + (int) ((index + 0.5) * panel.width() / count);
	}

	private void axes(Panel panel, DoubleUnaryOperator y, double min, double max) {
		this.g.setStroke(new BasicStroke(1));
		this.g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		if (panel.log()) {
			minorGrid(panel, y, min, max);
		}
		for (double tick : ticks(panel, min, max)) {
			int ty = (int) y.applyAsDouble(tick);
			this.g.setColor(new Color(0xe6e6e6));
			this.g.drawLine(panel.x(), ty, panel.x() + panel.width(), ty);
			this.g.setColor(Color.DARK_GRAY);
			String label = Report.number(tick);
			this.g.drawString(label, panel.x() - 8 - this.g.getFontMetrics().stringWidth(label), ty + 4);
		}
		this.g.setColor(Color.BLACK);
		this.g.drawRect(panel.x(), panel.y(), panel.width(), panel.height());
		List<Integer> connections = Results.PERSISTENT_CONNECTIONS;
		for (int i = 0; i < connections.size(); i++) {
			String label = String.valueOf(connections.get(i));
			this.g.drawString(label, x(panel, i) - this.g.getFontMetrics().stringWidth(label) / 2,
					panel.y() + panel.height() + 18);
		}
		this.g.drawString("persistent connections", panel.x() + panel.width() / 2 - 60, panel.y() + panel.height() + 40);
		this.g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
		this.g.drawString(panel.title(), panel.x(), panel.y() - 8);
		Graphics2D vertical = (Graphics2D) this.g.create();
		vertical.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		vertical.rotate(-Math.PI / 2);
		int labelWidth = vertical.getFontMetrics().stringWidth(panel.yLabel());
		vertical.drawString(panel.yLabel(), -(panel.y() + (panel.height() + labelWidth) / 2), panel.x() - 70);
		vertical.dispose();
	}

	/** Unlabelled lines at 2× and 5× each decade, so log-scale values can be read off. */
	private void minorGrid(Panel panel, DoubleUnaryOperator y, double min, double max) {
		this.g.setColor(new Color(0xf2f2f2));
		for (double decade : ticks(panel, min, max)) {
			for (double factor : new double[] { 2, 5 }) {
				int ty = (int) y.applyAsDouble(decade * factor);
				if (ty > panel.y()) {
					this.g.drawLine(panel.x(), ty, panel.x() + panel.width(), ty);
				}
			}
		}
	}

	private static double[] ticks(Panel panel, double min, double max) {
		if (panel.log()) {
			int low = (int) Math.floor(Math.log10(min));
			int high = (int) Math.ceil(Math.log10(max));
			double[] ticks = new double[Math.max(high - low, 1) + 1];
			for (int i = 0; i < ticks.length; i++) {
				ticks[i] = Math.pow(10, low + i);
			}
			return ticks;
		}
		double top = niceCeiling(max);
		double[] ticks = new double[6];
		for (int i = 0; i < ticks.length; i++) {
			ticks[i] = top * i / 5;
		}
		return ticks;
	}

	/** The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least the value. */
	private static double niceCeiling(double value) {
		double power = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * power >= value) {
				return step * power;
			}
		}
		return 10 * power;
	}

	private void series(Panel panel, DoubleUnaryOperator y, String server) {
		this.g.setColor(COLORS.get(server));
		this.g.setStroke(new BasicStroke(2.5f));
		int previousX = -1;
		int previousY = -1;
		List<Integer> connections = Results.PERSISTENT_CONNECTIONS;
		for (int i = 0; i < connections.size(); i++) {
			Stats stats = Results.stats(this.results.persistent(server, connections.get(i)), panel.key());
			if (stats == null) {
				previousX = -1;
				continue;
			}
			int px = x(panel, i);
			int py = (int) y.applyAsDouble(stats.median());
			if (previousX >= 0) {
				this.g.drawLine(previousX, previousY, px, py);
			}
			this.g.setStroke(new BasicStroke(1.5f));
			this.g.drawLine(px, (int) y.applyAsDouble(stats.min()), px, (int) y.applyAsDouble(stats.max()));
			this.g.setStroke(new BasicStroke(2.5f));
			this.g.fillOval(px - 5, py - 5, 10, 10);
			previousX = px;
			previousY = py;
		}
	}

	private void legend(int x, int y) {
		this.g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
		int line = 0;
		for (Map.Entry<String, Color> server : COLORS.entrySet()) {
			int ly = y + line++ * 20;
			this.g.setColor(server.getValue());
			this.g.fillRect(x, ly - 9, 22, 10);
			this.g.setColor(Color.BLACK);
			this.g.drawString(Results.SERVERS.get(server.getKey()), x + 30, ly);
		}
	}

}
